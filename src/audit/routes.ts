import { Type } from 'typebox';
import { auditPolicy } from '../access/policies.js';
import { AppError } from '../core/errors.js';
import type { HubContext } from '../hub/context.js';
import { principalOf } from '../hub/http/authenticate.js';
import { problemResponses, type HubApp } from '../hub/http/app-type.js';
import { auditEntryStore } from './entry-store.js';

const tags = ['audit'];
const Seq = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const TreeSize = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

const AuditEntry = Type.Object({
  seq: Type.Integer(),
  entry: Type.String({ description: 'the canonical JSON that was hashed into the leaf' }),
  leafHash: Type.String({ description: 'base64' }),
});
const Checkpoint = Type.Object({
  size: Type.Integer(),
  root: Type.String({ description: 'base64' }),
  createdAt: Type.String({ format: 'date-time' }),
  note: Type.String({ description: 'the signed checkpoint, C2SP tlog-checkpoint format' }),
});
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

export function auditRoutes(app: HubApp, ctx: HubContext): void {
  const { database, audit } = ctx;

  app.get('/api/v1/audit/entries', {
    schema: {
      tags,
      summary: 'Audit entries, oldest first (hub staff see all; a member\'s auditors see what their country did)',
      querystring: Type.Object({
        after: Type.Optional(Seq),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
        action: Type.Optional(Type.String({ maxLength: 100 })),
        resourceType: Type.Optional(Type.String({ maxLength: 100 })),
        resourceId: Type.Optional(Type.String({ maxLength: 100 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(AuditEntry) }), ...problemResponses },
    },
  }, async (request) => {
    const p = principalOf(request);
    const visible = auditPolicy.readEntries(p);
    return database.transaction(async (trx) => {
      const rows = await auditEntryStore.list(trx, visible, { ...request.query, limit: request.query.limit ?? 100 });
      await audit.record(trx, p, { action: 'audit.read', resourceType: 'audit_log', details: { query: request.query, returned: rows.length } });
      return { items: rows.map((r) => ({ seq: r.seq, entry: r.entry, leafHash: b64(r.leaf_hash) })) };
    });
  });

  app.get('/api/v1/audit/checkpoint', {
    schema: { tags, summary: 'The latest signed checkpoint', response: { 200: Checkpoint, ...problemResponses } },
  }, async (request) => {
    auditPolicy.readProofs(principalOf(request));
    const cp = await audit.latestCheckpoint();
    if (!cp) throw new AppError('audit.no_checkpoint');
    return { size: cp.size, root: b64(cp.root), createdAt: cp.createdAt, note: cp.note };
  });

  app.post('/api/v1/audit/checkpoints', {
    schema: { tags, summary: 'Sign a checkpoint of the log as it is now', response: { 201: Checkpoint, ...problemResponses } },
  }, async (request, reply) => {
    const p = principalOf(request);
    auditPolicy.signCheckpoint(p);
    const cp = await database.transaction(async (trx) => {
      const signed = await audit.signCheckpoint(trx);
      await audit.record(trx, p, { action: 'audit.checkpoint', resourceType: 'audit_log', details: { size: signed.size } });
      return signed;
    });
    return reply.code(201).send({ size: cp.size, root: b64(cp.root), createdAt: cp.createdAt, note: cp.note });
  });

  app.get('/api/v1/audit/proofs/inclusion', {
    schema: {
      tags,
      summary: 'Proof that entry `seq` is in the tree of `treeSize` entries (RFC 9162 2.1.3)',
      querystring: Type.Object({ seq: Seq, treeSize: TreeSize }, { additionalProperties: false }),
      response: { 200: Type.Object({ seq: Type.Integer(), treeSize: Type.Integer(), leafHash: Type.String(), proof: Type.Array(Type.String()) }), ...problemResponses },
    },
  }, async (request) => {
    auditPolicy.readProofs(principalOf(request));
    const { seq, treeSize } = request.query;
    const { leafHash, proof } = await audit.inclusionProof(seq, treeSize);
    return { seq, treeSize, leafHash: b64(leafHash), proof: proof.map(b64) };
  });

  app.get('/api/v1/audit/proofs/consistency', {
    schema: {
      tags,
      summary: 'Proof that the tree of `from` entries is a prefix of the tree of `to` (RFC 9162 2.1.4)',
      querystring: Type.Object({ from: TreeSize, to: TreeSize }, { additionalProperties: false }),
      response: { 200: Type.Object({ from: Type.Integer(), to: Type.Integer(), proof: Type.Array(Type.String()) }), ...problemResponses },
    },
  }, async (request) => {
    auditPolicy.readProofs(principalOf(request));
    const { from, to } = request.query;
    return { from, to, proof: (await audit.consistencyProof(from, to)).map(b64) };
  });
}

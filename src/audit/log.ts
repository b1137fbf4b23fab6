import type { KeyObject } from 'node:crypto';
import { AppError } from '../core/errors.js';
import type { Clock } from '../core/clock.js';
import type { Database, Executor, Tx } from '../storage/database.js';
import { formatCheckpoint, signCheckpoint } from './checkpoint.js';
import { buildEntry, serialiseEntry, type AuditActor, type AuditEvent } from './entry.js';
import {
  HASH_SIZE, appendLeaves, assembleProof, consistencyProofNodes, foldSubtrees, inclusionProofNodes,
  leafHash, perfectSubtrees, planNodeIds, rootFromFrontier, type Frontier, type NodeId,
} from './merkle.js';

const INSERT_CHUNK = 500;

export interface TreeHead {
  size: number;
  root: Buffer;
}

export interface SignedCheckpoint extends TreeHead {
  createdAt: string;
  note: string;
}

export interface CheckpointSigner {
  origin: string;
  privateKey: KeyObject;
}

/**
 * The append-only audit log: an RFC 9162 Merkle tree kept in the database.
 * Every perfect subtree's hash is stored (leaves in audit_entries, the nodes
 * above them in audit_nodes), so any inclusion or consistency proof is two
 * indexed lookups of O(log n) rows. Appends take the
 * head row's lock, so hub processes sharing one PostgreSQL serialise on it.
 */
export class AuditLog {
  /** A size the log is known to have reached; it only grows, so sizes up to it need no lookup. */
  private knownSize = 0;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly signer: CheckpointSigner,
  ) {}

  /** Appends one entry inside the caller's transaction; returns its sequence number. */
  async record(trx: Tx, actor: AuditActor | undefined | null, event: AuditEvent): Promise<number> {
    const [seq] = await this.recordMany(trx, [{ actor, event }]);
    return seq as number;
  }

  async recordMany(trx: Tx, items: readonly { actor: AuditActor | undefined | null; event: AuditEvent }[]): Promise<number[]> {
    if (items.length === 0) return [];
    const head = await this.lockHead(trx);
    const time = this.clock.now().toISOString();
    const entries = items.map(({ actor, event }, i) => buildEntry(head.size + i, time, actor, event));
    const serialised = entries.map(serialiseEntry);
    const leaves = serialised.map((text) => leafHash(Buffer.from(text, 'utf8')));
    const { frontier, nodes } = appendLeaves(head, leaves);

    const rows = entries.map((entry, i) => ({
      seq: entry.seq,
      created_at: time,
      actor_type: entry.actor.type,
      actor_id: entry.actor.id,
      actor_org_id: entry.actor.org ?? null,
      actor_country: entry.actor.country ?? null,
      action: entry.action,
      resource_type: entry.resource.type,
      resource_id: entry.resource.id,
      entry: serialised[i] as string,
      leaf_hash: leaves[i] as Buffer,
    }));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await trx.insertInto('audit_entries').values(rows.slice(i, i + INSERT_CHUNK)).execute();
    }
    // Leaves live in audit_entries.leaf_hash; only the nodes above them are stored here.
    const nodeRows = nodes.filter((n) => n.level > 0).map((n) => ({ level: n.level, idx: n.index, hash: n.hash }));
    for (let i = 0; i < nodeRows.length; i += INSERT_CHUNK) {
      await trx.insertInto('audit_nodes').values(nodeRows.slice(i, i + INSERT_CHUNK)).execute();
    }
    await trx
      .updateTable('audit_head')
      .set({ size: frontier.size, frontier: Buffer.concat(frontier.hashes), root: rootFromFrontier(frontier), updated_at: time })
      .where('id', '=', 1)
      .execute();
    return entries.map((e) => e.seq);
  }

  async head(db: Executor = this.database.db): Promise<TreeHead> {
    const row = await db.selectFrom('audit_head').select(['size', 'root']).where('id', '=', 1).executeTakeFirstOrThrow();
    if (db === this.database.db) this.knownSize = Math.max(this.knownSize, row.size);
    return { size: row.size, root: Buffer.from(row.root) };
  }

  /** The log's size, at least `wanted` if it holds that many (reads the head only when needed). */
  private async sizeAtLeast(wanted: number): Promise<number> {
    return wanted <= this.knownSize ? this.knownSize : (await this.head()).size;
  }

  /** The root of the tree as it was at `size` entries. */
  async rootAt(size: number, db: Executor = this.database.db): Promise<Buffer> {
    const head = await this.head(db);
    if (!Number.isSafeInteger(size) || size < 0 || size > head.size) {
      throw new AppError('audit.invalid_range', `tree size ${size} is outside 0..${head.size}`);
    }
    if (size === head.size) return head.root;
    if (size === 0) return rootFromFrontier({ size: 0, hashes: [] });
    const ids = perfectSubtrees(0, size);
    const nodes = await this.nodes(db, ids);
    return foldSubtrees(ids.map((id) => nodes.get(id.level, id.index) as Uint8Array));
  }

  async inclusionProof(seq: number, treeSize: number): Promise<{ leafHash: Buffer; proof: Buffer[] }> {
    const size = await this.sizeAtLeast(treeSize);
    if (!(seq >= 0 && seq < treeSize && treeSize <= size)) {
      throw new AppError('audit.invalid_range', `no inclusion proof for entry ${seq} in a tree of ${treeSize} (the log holds ${size})`);
    }
    const plan = inclusionProofNodes(seq, treeSize);
    const nodes = await this.nodes(this.database.db, [...planNodeIds(plan), { level: 0, index: seq }]);
    return { leafHash: Buffer.from(nodes.get(0, seq) as Uint8Array), proof: assembleProof(plan, nodes) };
  }

  async consistencyProof(from: number, to: number): Promise<Buffer[]> {
    const size = await this.sizeAtLeast(to);
    if (!(from >= 1 && from <= to && to <= size)) {
      throw new AppError('audit.invalid_range', `no consistency proof from ${from} to ${to} (the log holds ${size})`);
    }
    const plan = consistencyProofNodes(from, to);
    return assembleProof(plan, await this.nodes(this.database.db, planNodeIds(plan)));
  }

  /** Signs the current head, unless it is already signed; returns the checkpoint. */
  async signCheckpoint(trx: Tx): Promise<SignedCheckpoint> {
    const head = await this.head(trx);
    const existing = await trx.selectFrom('audit_checkpoints').selectAll().where('size', '=', head.size).executeTakeFirst();
    if (existing) return { size: existing.size, root: Buffer.from(existing.root), createdAt: existing.created_at, note: existing.note };
    const note = signCheckpoint(formatCheckpoint({ origin: this.signer.origin, size: head.size, root: head.root }), this.signer.origin, this.signer.privateKey);
    const createdAt = this.clock.now().toISOString();
    await trx.insertInto('audit_checkpoints').values({ size: head.size, root: head.root, created_at: createdAt, note }).execute();
    return { ...head, createdAt, note };
  }

  async latestCheckpoint(): Promise<SignedCheckpoint | undefined> {
    const row = await this.database.db.selectFrom('audit_checkpoints').selectAll().orderBy('size', 'desc').limit(1).executeTakeFirst();
    return row && { size: row.size, root: Buffer.from(row.root), createdAt: row.created_at, note: row.note };
  }

  private async lockHead(trx: Tx): Promise<Frontier> {
    let q = trx.selectFrom('audit_head').select(['size', 'frontier']).where('id', '=', 1);
    if (this.database.dialect === 'postgres') q = q.forUpdate();
    const row = await q.executeTakeFirstOrThrow();
    const bytes = Buffer.from(row.frontier);
    const hashes: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += HASH_SIZE) hashes.push(bytes.subarray(i, i + HASH_SIZE));
    return { size: row.size, hashes };
  }

  private async nodes(db: Executor, ids: readonly NodeId[]): Promise<{ get(level: number, index: number): Uint8Array | undefined }> {
    const found = new Map<string, Uint8Array>();
    const leaves = ids.filter((id) => id.level === 0).map((id) => id.index);
    const inner = ids.filter((id) => id.level > 0);
    if (leaves.length > 0) {
      const rows = await db.selectFrom('audit_entries').select(['seq', 'leaf_hash']).where('seq', 'in', leaves).execute();
      for (const row of rows) found.set(`0/${row.seq}`, row.leaf_hash);
    }
    if (inner.length > 0) {
      const rows = await db
        .selectFrom('audit_nodes')
        .select(['level', 'idx', 'hash'])
        .where((eb) => eb.or(inner.map((id) => eb.and([eb('level', '=', id.level), eb('idx', '=', id.index)]))))
        .execute();
      for (const row of rows) found.set(`${row.level}/${row.idx}`, row.hash);
    }
    return { get: (level, index) => found.get(`${level}/${index}`) };
  }
}

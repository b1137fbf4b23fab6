import { Type } from 'typebox';
import { casePolicy, directoryPolicy } from '../access/policies.js';
import { AppError } from '../core/errors.js';
import type { HubContext } from '../hub/context.js';
import { principalOf } from '../hub/http/authenticate.js';
import { IdParams, problemResponses, type HubApp } from '../hub/http/app-type.js';
import { hitStore } from '../hits/store.js';
import { listAddresses, resolveAudience } from './directory.js';
import { AcceptResult, Address, AddressFilter, Audience, DirectoryEntry, EnvelopeBody, MESSAGE_LIMITS, MessageMetadata, ReceiptBody } from './schema.js';
import { messageStore } from './store.js';

const tags = ['messages'];

/** The node port's messaging routes: directory, send, inbox, receipts. */
export function nodeMessageRoutes(app: HubApp, ctx: HubContext): void {
  const { database, clock, messages } = ctx;

  app.post('/node/v1/directory', {
    schema: {
      tags, summary: 'Who an audience reaches, with their nodes\' public keys',
      body: Type.Object({ audience: Audience }, { additionalProperties: false }),
      response: { 200: Type.Object({ organisations: Type.Array(DirectoryEntry), unreachable: Type.Array(Type.String()) }), ...problemResponses },
    },
  }, async (request) => resolveAudience(database.db, clock, principalOf(request), request.body.audience));

  app.post('/node/v1/messages', {
    schema: {
      tags, summary: 'Send envelopes, in this node\'s sequence order',
      body: Type.Object({ envelopes: Type.Array(EnvelopeBody, { minItems: 1 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ results: Type.Array(AcceptResult) }), ...problemResponses },
    },
    // The item limit is checked before the schema, so a huge batch is refused with its own code.
    preValidation: async (request) => {
      const envelopes = (request.body as { envelopes?: unknown } | null)?.envelopes;
      if (Array.isArray(envelopes) && envelopes.length > MESSAGE_LIMITS.batch) throw new AppError('message.batch_too_large', `send at most ${MESSAGE_LIMITS.batch} envelopes per request`);
    },
  }, async (request) => ({ results: await messages.accept(principalOf(request), request.body.envelopes) }));

  app.get('/node/v1/inbox', {
    schema: {
      tags, summary: 'Messages and receipts for this node, after a cursor; waits for new ones',
      querystring: Type.Object({
        after: Type.Integer({ minimum: 0, default: 0 }),
        limit: Type.Integer({ minimum: 1, maximum: MESSAGE_LIMITS.inboxPage, default: 100 }),
        wait: Type.Integer({ minimum: 0, maximum: MESSAGE_LIMITS.inboxWaitSeconds, default: 0 }),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const { after, limit, wait } = request.query;
    return reply.type('application/json').send(await messages.inbox(principalOf(request), after, limit, wait));
  });

  app.post('/node/v1/inbox/ack', {
    schema: {
      tags, summary: 'Everything up to the cursor is safely stored at the node',
      body: Type.Object({ upTo: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ removed: Type.Integer() }), ...problemResponses },
    },
  }, async (request) => ({ removed: await messages.ack(principalOf(request), request.body.upTo) }));

  app.post('/node/v1/receipts', {
    schema: {
      tags, summary: 'Signed delivery and read receipts, passed to the senders',
      body: Type.Object({ receipts: Type.Array(ReceiptBody, { minItems: 1, maxItems: MESSAGE_LIMITS.receipts }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ results: Type.Array(AcceptResult) }), ...problemResponses },
    },
  }, async (request) => ({ results: await messages.receipts(principalOf(request), request.body.receipts) }));
}

/** On both ports: the network's addresses, for whoever composes a message. */
export function addressRoutes(app: HubApp, ctx: HubContext): void {
  const { database, clock } = ctx;
  app.get('/api/v1/directory', {
    schema: {
      tags, summary: 'The organisations a message can reach (an enrolled node), by name: id, kind, country, region',
      querystring: AddressFilter,
      response: { 200: Type.Object({ items: Type.Array(Address) }), ...problemResponses },
    },
  }, async (request) => {
    directoryPolicy.list(principalOf(request));
    return { items: await listAddresses(database.db, clock, request.query) };
  });
}

/** On both ports: what the hub knows of a case's messages — routing and receipts, never content. */
export function caseMessageRoutes(app: HubApp, ctx: HubContext): void {
  const { database, audit } = ctx;
  app.get('/api/v1/cases/:id/messages', {
    schema: { tags, summary: 'The messages exchanged on a follow-up case (routing only: the hub cannot read them)', params: IdParams, response: { 200: Type.Object({ items: Type.Array(MessageMetadata) }), ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    const c = await hitStore.getCase(database.db, request.params.id);
    if (!c) throw new AppError('case.not_found', `no follow-up case ${request.params.id}`);
    casePolicy.read(p, { ownerNcbId: c.owner_ncb_id, searcherNcbId: c.searcher_ncb_id });
    const rows = await messageStore.byCase(database.db, c.id);
    const receipts = await messageStore.receiptsOf(database.db, rows.map((r) => r.id));
    await database.transaction((trx) => audit.record(trx, p, { action: 'case.messages', resourceType: 'case', resourceId: c.id, details: { returned: rows.length } }));
    return {
      items: rows.map((r) => ({
        id: r.id, sender: r.sender_org_id, recipients: JSON.parse(r.recipients) as string[], priority: r.priority, caseId: r.case_id,
        size: r.size, createdAt: r.created_at, receivedAt: r.received_at,
        receipts: receipts.filter((x) => x.message_id === r.id).map((x) => ({ recipient: x.recipient_org_id, kind: x.kind, at: x.at })),
      })),
    };
  });
}

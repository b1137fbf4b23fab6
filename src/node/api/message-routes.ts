import { Type, type Static } from 'typebox';
import type { Attachment } from '../../messaging/envelope.js';
import type { NodeConfig } from '../settings.js';
import type { ComposeInput } from '../outbox/composer.js';
import { requirePermission } from '../accounts/principal.js';
import type { NodeContext } from '../context.js';
import { NodeError } from '../errors.js';
import { inboxStore } from '../inbox/store.js';
import { principalOf } from './authenticate.js';
import { toNodeError } from './problem.js';
import { COMPOSE_BATCH_MAX, ComposeBatchBody, ComposeBatchResults, ComposeBody, Composed, InboxItem, ListQuery, MessageView, OutboxItem, Refusal } from './message-schemas.js';
import { IdParams, problems } from './schemas.js';
import type { NodeApp } from './types.js';

const tags = ['messages'];
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Composing, listing and reading the agency's messages. */
export function messageRoutes(app: NodeApp, ctx: NodeContext): void {
  const { config, composer, reader, database } = ctx;

  app.post('/api/v1/messages', {
    schema: {
      tags, summary: 'Compose a message: sealed at once and written to the outbox, sent to the hub in the background',
      body: ComposeBody, response: { 202: Composed, 413: Type.Ref('NodeProblem'), 422: Type.Ref('NodeProblem'), ...problems },
    },
  }, async (request, reply) => {
    const p = principalOf(request);
    requirePermission(p, 'messages:send');
    const composed = await composer.compose(p, composeInput(request.body, config, '/body'));
    ctx.wake.outbox();
    return reply.code(202).send(composed);
  });

  app.post('/api/v1/messages/batch', {
    schema: {
      tags, summary: `Compose up to ${COMPOSE_BATCH_MAX} messages in one request: each as POST /api/v1/messages would, answered in order`,
      description: 'Every message is checked first: one that breaks a limit refuses the whole request, naming it. Then each is composed on its own '
        + '(its own id, sequence number and audit entry) and answered composed, or failed with the code POST /api/v1/messages would have answered.',
      body: ComposeBatchBody, response: { 202: ComposeBatchResults, 413: Type.Ref('NodeProblem'), 422: Type.Ref('NodeProblem'), ...problems },
    },
  }, async (request, reply) => {
    const p = principalOf(request);
    requirePermission(p, 'messages:send');
    const inputs = request.body.messages.map((m, i) => composeInput(m, config, `/body/messages/${i}`));
    const settled = await composer.composeMany(p, inputs);
    ctx.wake.outbox();
    // Some may be committed already: a failure is answered for its message alone, never for the request.
    const results = settled.map((s) => {
      if (s.status === 'fulfilled') return { status: 'composed' as const, message: s.value };
      const error = toNodeError(s.reason, request.log);
      return { status: 'failed' as const, code: error.code, detail: error.message };
    });
    return reply.code(202).send({ results });
  });

  app.get('/api/v1/inbox', {
    schema: {
      tags, summary: 'Messages received, newest first, with who read them',
      querystring: Type.Object({ ...ListQuery, unread: Type.Optional(Type.Boolean()), caseId: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(InboxItem) }), ...problems },
    },
  }, async (request) => {
    const p = principalOf(request);
    requirePermission(p, 'messages:read');
    const { limit, before, unread, caseId } = request.query;
    return { items: await reader.inbox(p, { limit: limit ?? 50, before, unread, caseId }) };
  });

  app.get('/api/v1/outbox', {
    schema: {
      tags, summary: 'Messages sent from this node, newest first, with their delivery and read receipts',
      querystring: Type.Object({ ...ListQuery, state: Type.Optional(Type.Enum(['awaiting_recipients', 'queued', 'sent', 'failed'])) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(OutboxItem) }), ...problems },
    },
  }, async (request) => {
    const p = principalOf(request);
    requirePermission(p, 'messages:read');
    const { limit, before, state } = request.query;
    return { items: await reader.outbox(p, { limit: limit ?? 50, before, state }) };
  });

  app.get('/api/v1/messages/:id', {
    schema: { tags, summary: 'One message, decrypted; a person\'s first reading sends the sender a read receipt', params: IdParams, response: { 200: MessageView, 422: Type.Ref('NodeProblem'), ...problems } },
  }, async (request) => {
    const p = principalOf(request);
    requirePermission(p, 'messages:read');
    return reader.read(p, request.params.id);
  });

  app.get('/api/v1/inbox/refusals', {
    schema: {
      tags, summary: 'Envelopes that arrived and were refused (tampered, misaddressed, malformed)',
      querystring: Type.Object({ after: Type.Optional(Type.Integer({ minimum: 0 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Refusal) }), ...problems },
    },
  }, async (request) => {
    const p = principalOf(request);
    requirePermission(p, 'messages:read');
    const rows = await inboxStore.refusals(database.db, request.query.limit ?? 100, request.query.after);
    await database.transaction((trx) => ctx.audit.record(trx, p, { action: 'inbox.refusals', resourceType: 'inbox', details: { returned: rows.length } }));
    return { items: rows.map((r) => ({ id: r.id, messageId: r.message_id, sender: r.sender, code: r.code, detail: r.detail, receivedAt: r.received_at })) };
  });
}

/** A compose request's message checked against the node's limits (`at`: its JSON pointer in the request). */
function composeInput(body: Static<typeof ComposeBody>, config: NodeConfig, at: string): ComposeInput {
  if (body.body.length > config.maxBodyChars) throw new NodeError('message.too_large', `the body has ${body.body.length} characters; at most ${config.maxBodyChars}`, { errors: [{ pointer: `${at}/body`, message: `must have at most ${config.maxBodyChars} characters` }] });
  if (body.handling.code === 'H3' && !body.handling.restriction) throw new NodeError('request.validation_failed', 'handling code H3 states its restriction', { errors: [{ pointer: `${at}/handling/restriction`, message: 'is required with H3' }] });
  if (body.handling.code !== 'H3' && body.handling.restriction !== undefined) throw new NodeError('request.validation_failed', 'only handling code H3 carries a restriction', { errors: [{ pointer: `${at}/handling/restriction`, message: 'only with H3' }] });
  const attachments = decodeAttachments(body.attachments ?? [], config.maxAttachments, config.maxAttachmentBytes, at);
  return {
    audience: body.audience, priority: body.priority,
    handling: body.handling.restriction === undefined ? { code: body.handling.code } : { code: body.handling.code, restriction: body.handling.restriction },
    crimeAreas: body.crimeAreas, caseId: body.caseId ?? null,
    content: { subject: body.subject, body: body.body, attachments },
  };
}

function decodeAttachments(items: { name: string; contentType: string; data: string }[], maxCount: number, maxBytes: number, at: string): Attachment[] {
  if (items.length > maxCount) throw new NodeError('message.too_large', `a message carries at most ${maxCount} attachments`, { errors: [{ pointer: `${at}/attachments`, message: `must have at most ${maxCount} items` }] });
  let total = 0;
  return items.map((a, i) => {
    const text = a.data.replace(/\s+/g, '');
    if (text.length % 4 !== 0 || !BASE64.test(text)) throw new NodeError('message.attachment_invalid', `attachment ${i} (${a.name}) is not base64`, { errors: [{ pointer: `${at}/attachments/${i}/data`, message: 'must be base64' }] });
    const data = Buffer.from(text, 'base64');
    total += data.length;
    if (total > maxBytes) throw new NodeError('message.too_large', `the attachments come to more than ${maxBytes} bytes`, { errors: [{ pointer: `${at}/attachments/${i}`, message: `the total must stay within ${maxBytes} bytes` }] });
    return { name: a.name, contentType: a.contentType, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  });
}

import { Type } from 'typebox';
import { requirePermission } from '../accounts/principal.js';
import type { NodeContext } from '../context.js';
import { inboxStore } from '../inbox/store.js';
import { linkStateStore } from '../link/state-store.js';
import { outboxStore } from '../outbox/store.js';
import { principalOf } from './authenticate.js';
import { problems } from './schemas.js';
import type { NodeApp } from './types.js';

const Time = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const LinkView = Type.Object({
  orgId: Type.String(),
  hubUrl: Type.String(),
  connected: Type.Boolean({ description: 'the last exchange with the hub got an answer' }),
  lastContactAt: Time,
  lastFailureAt: Time,
  lastError: Type.Union([Type.String(), Type.Null()]),
  certificateNotAfter: Type.String({ format: 'date-time' }),
  outbox: Type.Object({ depth: Type.Integer({ description: 'messages not yet taken by the hub' }), queued: Type.Integer(), awaitingRecipients: Type.Integer(), sent: Type.Integer(), failed: Type.Integer(), lastSeq: Type.Integer() }),
  inbox: Type.Object({ total: Type.Integer(), unread: Type.Integer(), cursor: Type.Integer() }),
});

/** The node's link to the hub, and its own audit trail. */
export function linkRoutes(app: NodeApp, ctx: NodeContext): void {
  const { database } = ctx;

  app.get('/api/v1/link', {
    schema: { tags: ['link'], summary: 'Whether the hub answers, since when, and what waits to be sent', response: { 200: LinkView, ...problems } },
  }, async (request) => {
    requirePermission(principalOf(request), 'link:read');
    const [counts, inbox, state] = await Promise.all([outboxStore.countsByState(database.db), inboxStore.count(database.db), linkStateStore.get(database.db)]);
    return {
      orgId: ctx.identity.orgId,
      hubUrl: ctx.hub.url,
      ...ctx.link.snapshot(),
      certificateNotAfter: ctx.renewal.notAfter(),
      outbox: { depth: counts.queued + counts.awaiting_recipients, queued: counts.queued, awaitingRecipients: counts.awaiting_recipients, sent: counts.sent, failed: counts.failed, lastSeq: state.lastSeq },
      inbox: { ...inbox, cursor: state.inboxCursor },
    };
  });

  app.get('/api/v1/audit', {
    schema: {
      tags: ['audit'], summary: 'The node\'s own audit trail, oldest first',
      querystring: Type.Object({
        after: Type.Optional(Type.Integer({ minimum: 0 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
        action: Type.Optional(Type.String({ maxLength: 64 })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({
            seq: Type.Integer(), at: Type.String(), actor: Type.Object({ kind: Type.String(), id: Type.String(), name: Type.String() }),
            action: Type.String(), resourceType: Type.String(), resourceId: Type.Union([Type.String(), Type.Null()]), outcome: Type.String(), details: Type.Record(Type.String(), Type.Unknown()),
          })),
        }),
        ...problems,
      },
    },
  }, async (request) => {
    const p = principalOf(request);
    requirePermission(p, 'audit:read');
    const items = await ctx.audit.list(database.db, { after: request.query.after, limit: request.query.limit ?? 100, action: request.query.action });
    await database.transaction((trx) => ctx.audit.record(trx, p, { action: 'audit.read', resourceType: 'audit_log', details: { returned: items.length } }));
    return { items };
  });
}

import type { Principal } from '../access/principal.js';
import { isHubStaff } from '../access/principal.js';
import type { HubContext } from '../hub/context.js';
import { principalOf } from '../hub/http/authenticate.js';
import type { HubApp } from '../hub/http/app-type.js';
import { CASE_TOPIC, HIT_TOPIC } from './service.js';

const HEARTBEAT_MS = 15_000;
/** Bounded so that a slow reader cannot make the hub hold events without end. */
const MAX_BUFFERED_BYTES = 1_048_576;

function addressedTo(p: Principal, notify: readonly string[]): boolean {
  return isHubStaff(p) || notify.includes(p.orgId);
}

/**
 * Server-sent events: the hits and case changes that concern the caller's
 * organisation, as they happen. `event: hit` / `event: case`, data is JSON.
 */
export function notificationRoutes(app: HubApp, ctx: HubContext): void {
  const open = new Set<{ end(): void }>();
  // preClose, not onClose: the server waits for open connections before onClose hooks run.
  app.addHook('preClose', async () => {
    for (const stream of open) stream.end();
  });
  app.get('/api/v1/notifications', {
    schema: { tags: ['hits and cases'], summary: 'Server-sent events: hits and case changes for your organisation, live' },
  }, (request, reply) => {
    const p = principalOf(request);
    if (!p.permissions.has('cases:read') && !isHubStaff(p)) {
      // Officers learn of their hits in the search answer; the stream is for NCBs and the hub.
      return reply.code(403).type('application/problem+json').send({ type: '/api/problems/access.forbidden', title: 'Not permitted', status: 403, detail: 'the notification stream needs the cases:read permission', code: 'access.forbidden', instance: '/api/v1/notifications' });
    }
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    raw.write(': connected\n\n');
    const send = (event: string, data: unknown) => {
      if (raw.writableLength > MAX_BUFFERED_BYTES) {
        raw.end(); // the reader fell behind; it reconnects and reads cases from the API
        return;
      }
      raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const offHits = ctx.bus.subscribe(HIT_TOPIC, (_t, payload) => {
      const e = payload as { notify: string[]; hit: unknown; case: unknown };
      if (addressedTo(p, e.notify)) send('hit', { hit: e.hit, case: e.case });
    });
    const offCases = ctx.bus.subscribe(CASE_TOPIC, (_t, payload) => {
      const e = payload as { notify: string[]; case: unknown };
      if (addressedTo(p, e.notify)) send('case', e.case);
    });
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    open.add(raw);
    const close = () => {
      open.delete(raw);
      clearInterval(heartbeat);
      offHits();
      offCases();
    };
    raw.on('close', close);
    request.raw.on('close', close);
  });
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { NodePermission } from '../accounts/permissions.js';
import { requirePermission } from '../accounts/principal.js';
import type { NodeContext } from '../context.js';
import { NodeError } from '../errors.js';
import { principalOf } from './authenticate.js';
import type { NodeApp } from './types.js';

/**
 * The hub's shared services through the node: one API key at the node serves
 * a border system, and the node's people need no account at the hub. Bodies
 * and answers pass through unchanged (the hub's validation and problems);
 * GETs are answered from the node's last copy while the hub is down.
 */
const ROUTES: { method: 'GET' | 'POST' | 'PATCH'; url: string; permission: NodePermission; summary: string }[] = [
  { method: 'POST', url: '/api/v1/documents/search', permission: 'documents:search', summary: 'Search the stolen and lost travel documents (through the hub)' },
  { method: 'POST', url: '/api/v1/documents/search/batch', permission: 'documents:search', summary: 'Search up to 10,000 documents at once (through the hub)' },
  { method: 'POST', url: '/api/v1/persons/screen', permission: 'persons:search', summary: 'Screen names against the wanted and missing persons (through the hub)' },
  { method: 'GET', url: '/api/v1/directory', permission: 'messages:send', summary: 'The organisations a message can reach, by name (through the hub; a stale copy while it is down)' },
  { method: 'GET', url: '/api/v1/hits', permission: 'hits:read', summary: 'Hits (through the hub; a stale copy while it is down)' },
  { method: 'GET', url: '/api/v1/hits/*', permission: 'hits:read', summary: 'A hit (through the hub; a stale copy while it is down)' },
  { method: 'GET', url: '/api/v1/cases', permission: 'cases:read', summary: 'Follow-up cases (through the hub; a stale copy while it is down)' },
  { method: 'GET', url: '/api/v1/cases/*', permission: 'cases:read', summary: 'A follow-up case and what hangs under it (through the hub; a stale copy while it is down)' },
  { method: 'PATCH', url: '/api/v1/cases/*', permission: 'cases:write', summary: 'Work a follow-up case (through the hub)' },
  { method: 'POST', url: '/api/v1/cases/*', permission: 'cases:write', summary: 'Act on a follow-up case (through the hub)' },
];

/** Dot segments, encoded slashes and the like have no business in a path passed on to the hub. */
const SUSPICIOUS = /(^|\/)\.\.?(\/|$)|%2e|%2f|%5c|\\|\/\//i;

export function proxyRoutes(app: NodeApp, ctx: NodeContext): void {
  for (const route of ROUTES) {
    app.route({
      method: route.method,
      url: route.url,
      schema: { tags: ['hub'], summary: route.summary },
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const p = principalOf(request);
        requirePermission(p, route.permission);
        const path = request.url.split('?')[0] ?? '';
        if (SUSPICIOUS.test(path) || request.url.length > 2048) throw new NodeError('request.bad_url', 'the path cannot be passed on to the hub');
        const answer = await ctx.proxy.forward(p, route.method, request.url, route.method === 'GET' ? undefined : (request.body ?? {}));
        for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
        return reply.code(answer.status).type(answer.contentType).send(answer.body);
      },
    });
  }
}

import { Type } from 'typebox';
import { NODE_ERRORS, NodeError, type NodeErrorCode } from '../errors.js';
import type { NodeContext } from '../context.js';
import { problemTypeUri } from './problem.js';
import type { NodeApp } from './types.js';

const describe = (code: NodeErrorCode) => ({ code, type: problemTypeUri(code), ...NODE_ERRORS[code] });
const ProblemType = Type.Object({ code: Type.String(), status: Type.Integer(), title: Type.String(), type: Type.String() });

/** Health, readiness and the error catalogue: public and cheap. */
export function systemRoutes(app: NodeApp, ctx: NodeContext): void {
  app.get('/health/live', { config: { public: true }, schema: { tags: ['system'], summary: 'The process is up' } }, async () => ({ status: 'ok' }));

  app.get('/health/ready', { config: { public: true }, schema: { tags: ['system'], summary: 'The node can serve: its database answers (the hub need not)' } }, async (request, reply) => {
    try {
      await ctx.database.ping();
      return { status: 'ready', hub: ctx.link.snapshot().connected ? 'connected' : 'unreachable' };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.code(503).type('application/problem+json').send({ ...describe('service.unavailable'), status: 503, detail: 'the node\'s database does not answer', instance: '/health/ready' });
    }
  });

  app.get('/api/problems', { config: { public: true }, schema: { tags: ['system'], summary: 'Every error code of the node API', response: { 200: Type.Object({ items: Type.Array(ProblemType) }) } } }, async () => ({
    items: (Object.keys(NODE_ERRORS) as NodeErrorCode[]).map(describe),
  }));

  app.get('/api/problems/:code', { config: { public: true }, schema: { tags: ['system'], summary: 'One error code', params: Type.Object({ code: Type.String({ maxLength: 64 }) }), response: { 200: ProblemType } } }, async (request) => {
    const code = request.params.code as NodeErrorCode;
    if (!Object.hasOwn(NODE_ERRORS, code)) throw new NodeError('route.not_found', `no problem type ${request.params.code}`);
    return describe(code);
  });
}

import { Type } from 'typebox';
import { ERRORS, problemTypeUri, type ErrorCode } from '../../core/errors.js';
import { AppError } from '../../core/errors.js';
import { countries } from '../../registry/countries.js';
import type { HubContext } from '../context.js';
import type { HubApp } from './app-type.js';

const ProblemType = Type.Object({ code: Type.String(), status: Type.Integer(), title: Type.String(), type: Type.String() });
const describe = (code: ErrorCode) => ({ code, type: problemTypeUri(code), ...ERRORS[code] });

/** Health, readiness, the error catalogue and the member-country list: public, unaudited, cheap. */
export function systemRoutes(app: HubApp, ctx: HubContext): void {
  app.get('/health/live', { config: { public: true }, schema: { tags: ['system'], summary: 'The process is up' } }, async () => ({ status: 'ok' }));

  app.get('/health/ready', { config: { public: true }, schema: { tags: ['system'], summary: 'The hub can serve: its database answers' } }, async (request, reply) => {
    try {
      await ctx.database.ping();
      return { status: 'ready', database: ctx.database.dialect };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.code(503).type('application/problem+json').send({ ...describe('service.unavailable'), status: 503, detail: 'the database does not answer', instance: '/health/ready' });
    }
  });

  app.get('/api/problems', {
    config: { public: true },
    schema: { tags: ['system'], summary: 'Every error code the API can answer with', response: { 200: Type.Object({ items: Type.Array(ProblemType) }) } },
  }, async () => ({ items: (Object.keys(ERRORS) as ErrorCode[]).map(describe) }));

  app.get('/api/problems/:code', {
    config: { public: true },
    schema: { tags: ['system'], summary: 'One error code', params: Type.Object({ code: Type.String({ maxLength: 100 }) }), response: { 200: ProblemType } },
  }, async (request) => {
    const code = request.params.code as ErrorCode;
    if (!(code in ERRORS)) throw new AppError('route.not_found', `there is no error code ${request.params.code}`);
    return describe(code);
  });

  app.get('/api/v1/countries', {
    config: { public: true },
    schema: { tags: ['system'], summary: 'INTERPOL member countries (ISO 3166-1)', response: { 200: Type.Object({ items: Type.Array(Type.Object({ alpha2: Type.String(), alpha3: Type.String(), name: Type.String(), region: Type.String() })) }) } },
  }, async () => ({ items: [...countries] }));
}

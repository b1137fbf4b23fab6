import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { auditRoutes } from '../audit/routes.js';
import { documentRoutes } from '../documents/routes.js';
import { notificationRoutes } from '../hits/notifications.js';
import { hitRoutes } from '../hits/routes.js';
import { statsRoutes } from '../stats/routes.js';
import { apiKeyRoutes } from '../registry/api-keys/routes.js';
import { organisationRoutes } from '../registry/organisations/routes.js';
import { sessionRoutes } from '../registry/sessions/routes.js';
import { userRoutes } from '../registry/users/routes.js';
import type { HubContext } from './context.js';
import { Problem, type HubApp } from './http/app-type.js';
import { installAccessChangeAnnouncements, installAuthentication } from './http/authenticate.js';
import { installMetrics } from './http/metrics.js';
import { RouteTable, installProblemHandlers, sendProblem, toAppError } from './http/problem.js';
import { systemRoutes } from './http/system-routes.js';
import { installValidators } from './http/validation.js';
import './http/types.js';

export const API_DOCS_PATH = '/api/docs';

/** Builds the hub's HTTP API without listening, so tests can call it in process. */
export async function buildHubApp(ctx: HubContext, options: { logger?: boolean } = {}): Promise<HubApp> {
  const app = Fastify({
    bodyLimit: ctx.config.bodyLimit,
    logger: options.logger === false ? false : { level: ctx.config.logLevel },
    return503OnClosing: true,
    // Errors Fastify meets before routing (a badly encoded URL) take the same problem shape.
    frameworkErrors: (error, request, reply) => void sendProblem(reply, request, toAppError(error, request.log)),
  }).withTypeProvider<TypeBoxTypeProvider>();

  const routes = new RouteTable();
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(API_DOCS_PATH)) route.config = { ...route.config, public: true };
    routes.add(route.url, route.method);
  });
  installValidators(app);
  installProblemHandlers(app, routes);
  installAuthentication(app, ctx.authenticator);
  installAccessChangeAnnouncements(app, ctx.bus);
  app.addSchema(Problem);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Blueline hub API', version: '1', description: 'Errors are RFC 9457 problem details; GET /api/problems lists every code.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'a session token (bls_...) from POST /api/v1/session, or an API key (blk_...)' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: API_DOCS_PATH });

  installMetrics(app, { auditSize: async () => (await ctx.audit.head()).size });
  systemRoutes(app, ctx);
  sessionRoutes(app, ctx);
  organisationRoutes(app, ctx);
  userRoutes(app, ctx);
  apiKeyRoutes(app, ctx);
  auditRoutes(app, ctx);
  documentRoutes(app, ctx);
  hitRoutes(app, ctx);
  notificationRoutes(app, ctx);
  statsRoutes(app, ctx);
  await app.ready();
  return app;
}

import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { auditRoutes } from '../audit/routes.js';
import { documentRoutes } from '../documents/routes.js';
import { personRoutes } from '../persons/routes.js';
import { notificationRoutes } from '../hits/notifications.js';
import { hitRoutes } from '../hits/routes.js';
import { statsRoutes } from '../stats/routes.js';
import { apiKeyRoutes } from '../registry/api-keys/routes.js';
import { organisationRoutes } from '../registry/organisations/routes.js';
import { sessionRoutes } from '../registry/sessions/routes.js';
import { userRoutes } from '../registry/users/routes.js';
import { addressRoutes, caseMessageRoutes, nodeMessageRoutes } from '../messaging/routes.js';
import { MESSAGE_LIMITS } from '../messaging/schema.js';
import { nodePkiRoutes, pkiRoutes } from '../pki/routes.js';
import { projectRoutes } from '../registry/projects/routes.js';
import type { HubContext } from './context.js';
import { installNodeAuthentication } from './node-port/authenticate.js';
import type { NodePortTls } from './node-port/tls.js';
import { Problem, type HubApp } from './http/app-type.js';
import { installAccessChangeAnnouncements, installAuthentication } from './http/authenticate.js';
import { installMetrics } from './http/metrics.js';
import { RouteTable, installProblemHandlers, sendProblem, toAppError } from './http/problem.js';
import { systemRoutes } from './http/system-routes.js';
import { installValidators } from './http/validation.js';
import './http/types.js';

export const API_DOCS_PATH = '/api/docs';

/** Builds the hub's HTTP API without listening, so tests can call it in process. */
export async function buildHubApp(ctx: HubContext, options: { logger?: boolean; nodePort?: NodePortTls } = {}): Promise<HubApp> {
  const { nodePort } = options;
  // The node port is the same API, served over mutual TLS to member nodes, plus the network's own routes.
  const app = Fastify({
    ...(nodePort ? { https: nodePort } : {}),
    bodyLimit: nodePort ? MESSAGE_LIMITS.nodeBodyBytes : ctx.config.bodyLimit,
    logger: options.logger === false ? false : { level: ctx.config.logLevel },
    return503OnClosing: true,
    // Errors Fastify meets before routing (a badly encoded URL) take the same problem shape.
    frameworkErrors: (error, request, reply) => void sendProblem(reply, request, toAppError(error, request.log)),
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as HubApp;

  const routes = new RouteTable();
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(API_DOCS_PATH)) route.config = { ...route.config, public: true };
    routes.add(route.url, route.method);
  });
  installValidators(app);
  installProblemHandlers(app, routes);
  if (nodePort) installNodeAuthentication(app, ctx.authenticator, ctx.certificateStatus);
  else installAuthentication(app, ctx.authenticator);
  // Long polls end at once when the hub stops, instead of holding the close for their whole wait.
  app.addHook('preClose', (done) => {
    ctx.messages.wakeAll();
    done();
  });
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
  personRoutes(app, ctx);
  hitRoutes(app, ctx);
  notificationRoutes(app, ctx);
  statsRoutes(app, ctx);
  pkiRoutes(app, ctx);
  projectRoutes(app, ctx);
  caseMessageRoutes(app, ctx);
  addressRoutes(app, ctx);
  if (nodePort) {
    nodePkiRoutes(app, ctx);
    nodeMessageRoutes(app, ctx);
  }
  await app.ready();
  return app;
}

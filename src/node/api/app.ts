import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { RouteTable } from '../../hub/http/problem.js';
import { installValidators } from '../../hub/http/validation.js';
import type { NodeContext } from '../context.js';
import { accountRoutes } from './account-routes.js';
import { consoleRoute } from './console-route.js';
import { installNodeAuthentication } from './authenticate.js';
import { linkRoutes } from './link-routes.js';
import { messageRoutes } from './message-routes.js';
import { installNodeProblemHandlers, sendNodeProblem, toNodeError } from './problem.js';
import { proxyRoutes } from './proxy-routes.js';
import { NodeProblem } from './schemas.js';
import { sessionRoutes } from './session-routes.js';
import { systemRoutes } from './system-routes.js';
import type { NodeApp } from './types.js';

export const NODE_API_DOCS_PATH = '/api/docs';

/** Builds the node's HTTP API without listening, so tests can call it in process. */
export async function buildNodeApp(ctx: NodeContext, options: { logger?: boolean } = {}): Promise<NodeApp> {
  const app = Fastify({
    bodyLimit: ctx.config.bodyLimit,
    logger: options.logger === false ? false : { level: ctx.config.logLevel },
    return503OnClosing: true,
    frameworkErrors: (error, request, reply) => void sendNodeProblem(reply, request, toNodeError(error, request.log)),
  }).withTypeProvider<TypeBoxTypeProvider>();

  const routes = new RouteTable();
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(NODE_API_DOCS_PATH)) route.config = { ...route.config, public: true };
    routes.add(route.url.replace(/\*$/, ':rest'), route.method);
  });
  installValidators(app);
  installNodeProblemHandlers(app, routes);
  installNodeAuthentication(app, ctx.authenticator, ctx.identity.orgId);
  app.addSchema(NodeProblem);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Blueline member node API', version: '1', description: `The node of ${ctx.identity.orgId}. Errors are RFC 9457 problem details; GET /api/problems lists every code.` },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'a node session (bns_...) from POST /api/v1/session, or a node API key (bnk_...)' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: NODE_API_DOCS_PATH });

  systemRoutes(app, ctx);
  sessionRoutes(app, ctx);
  accountRoutes(app, ctx);
  messageRoutes(app, ctx);
  linkRoutes(app, ctx);
  proxyRoutes(app, ctx);
  await consoleRoute(app);
  await app.ready();
  return app;
}

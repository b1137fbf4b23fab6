import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NodeAuthenticator } from '../accounts/authenticator.js';
import type { NodePrincipal } from '../accounts/principal.js';
import { NodeError } from '../errors.js';

/**
 * The console's session cookie is named after the node's organisation:
 * browsers do not keep cookies apart by port, so nodes (and the hub) on one
 * host would otherwise overwrite each other's.
 */
export function sessionCookieName(orgId: string): string {
  return `blueline_node_${orgId}`;
}

/** The bearer token of a request: the Authorization header, else the node console's session cookie. */
function tokenOf(request: FastifyRequest, cookieName: string): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
    if (!match) throw new NodeError('auth.required', 'the Authorization header must read "Bearer <token>"');
    return match[1];
  }
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookieName) return value.join('=');
  }
  return undefined;
}

/** Every route is authenticated unless its config says `public: true`; runs before validation. */
export function installNodeAuthentication(app: FastifyInstance, authenticator: NodeAuthenticator, orgId: string): void {
  const cookieName = sessionCookieName(orgId);
  app.decorateRequest('nodePrincipal', null);
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    if (config.public || request.is404) return;
    const token = tokenOf(request, cookieName);
    if (!token) throw new NodeError('auth.required', 'log in to this node (POST /api/v1/session), or send one of its API keys as "Authorization: Bearer bnk_..."');
    const principal = await authenticator.authenticate(token);
    if (principal.mustChangePassword && !config.beforePasswordChange) {
      throw new NodeError('auth.password_change_required', 'change your password with PUT /api/v1/session/password first');
    }
    request.nodePrincipal = principal;
  });
}

export function principalOf(request: FastifyRequest): NodePrincipal {
  if (!request.nodePrincipal) throw new NodeError('auth.required');
  return request.nodePrincipal;
}

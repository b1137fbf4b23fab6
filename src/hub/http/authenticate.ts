import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AUTH_CHANGED_TOPIC, type Authenticator } from '../../access/authenticator.js';
import type { EventBus } from '../../bus/bus.js';
import type { Principal } from '../../access/principal.js';
import { AppError } from '../../core/errors.js';

export const SESSION_COOKIE = 'blueline_session';

/** The bearer token of a request: the Authorization header, else the console's session cookie. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
    if (!match) throw new AppError('auth.required', 'the Authorization header must read "Bearer <token>"');
    return match[1];
  }
  const cookie = request.headers.cookie;
  if (!cookie) return undefined;
  for (const part of cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

/** Every route is authenticated unless its config says `public: true`; runs before validation. */
export function installAuthentication(app: FastifyInstance, authenticator: Authenticator): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    if (config.public || request.is404) return;
    const token = bearerToken(request);
    if (!token) throw new AppError('auth.required', 'log in, or send an API key as "Authorization: Bearer blk_..."');
    const principal = await authenticator.authenticate(token);
    if (principal.mustChangePassword && !config.beforePasswordChange) {
      throw new AppError('auth.password_change_required', 'change your password with PUT /api/v1/session/password first');
    }
    request.principal = principal;
  });
}

/** After a route marked `changesAccess` succeeds, and before it answers, every process forgets its cached principals. */
export function installAccessChangeAnnouncements(app: FastifyInstance, bus: EventBus): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.config.changesAccess && reply.statusCode < 400) await bus.publish(AUTH_CHANGED_TOPIC, { route: request.routeOptions.url });
    return payload;
  });
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('auth.required');
  return request.principal;
}

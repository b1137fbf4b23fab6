import type { Principal } from '../../access/principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook on every route that is not public. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Reachable without authentication. */
    public?: boolean;
    /** Reachable by a user who must still change a first or reset password. */
    beforePasswordChange?: boolean;
    /** A success changes who may do what: cached principals are dropped everywhere (see Authenticator). */
    changesAccess?: boolean;
  }
}

export {};

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
  }
}

export {};

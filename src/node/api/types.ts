import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { NodePrincipal } from '../accounts/principal.js';
// The route config flags (public, beforePasswordChange) are the hub's, declared there.
import '../../hub/http/types.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the node's authentication hook on every route that is not public. */
    nodePrincipal: NodePrincipal | null;
  }
}

export type NodeApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

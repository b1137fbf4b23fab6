import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../../core/errors.js';
import { toAppError, type RouteTable } from '../../hub/http/problem.js';
import { NODE_ERRORS, NodeError, type NodeErrorCode } from '../errors.js';

export interface NodeProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: NodeErrorCode;
  instance: string;
  errors?: readonly FieldError[];
}

export const problemTypeUri = (code: NodeErrorCode) => `/api/problems/${code}`;

export function sendNodeProblem(reply: FastifyReply, request: FastifyRequest, error: NodeError): FastifyReply {
  const body: NodeProblem = {
    type: problemTypeUri(error.code),
    title: NODE_ERRORS[error.code].title,
    status: error.status,
    detail: error.message,
    code: error.code,
    instance: request.url.split('?')[0] ?? request.url,
    ...(error.errors ? { errors: error.errors } : {}),
  };
  for (const [name, value] of Object.entries(error.headers ?? {})) reply.header(name, value);
  return reply.code(error.status).type('application/problem+json').send(body);
}

/** Anything thrown in a request as a node problem: the node's own errors, else the hub's mapping of framework errors. */
export function toNodeError(error: unknown, log: FastifyRequest['log']): NodeError {
  if (error instanceof NodeError) return error;
  const app = error instanceof AppError ? error : toAppError(error, log);
  const detail = app.code === 'internal' ? 'something went wrong at the node; it has been logged' : app.message;
  return new NodeError(app.code, detail, { ...(app.errors ? { errors: app.errors } : {}), ...(app.headers ? { headers: { ...app.headers } } : {}) });
}

export function installNodeProblemHandlers(app: FastifyInstance, routes: RouteTable): void {
  app.setErrorHandler((error, request, reply) => sendNodeProblem(reply, request, toNodeError(error, request.log)));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = routes.methodsFor(path);
    if (allowed.length > 0) {
      return sendNodeProblem(reply, request, new NodeError('route.method_not_allowed', `${request.method} is not allowed on ${path}; use ${allowed.join(', ')}`, { headers: { allow: allowed.join(', ') } }));
    }
    return sendNodeProblem(reply, request, new NodeError('route.not_found', `there is no route ${request.method} ${path}`));
  });
}

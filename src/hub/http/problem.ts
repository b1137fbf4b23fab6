import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERRORS, problemTypeUri, type ErrorCode, type FieldError } from '../../core/errors.js';

/** RFC 9457 problem details: the one shape every error takes on the wire. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance: string;
  errors?: readonly FieldError[];
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError): FastifyReply {
  const body: ProblemDetails = {
    type: problemTypeUri(error.code),
    title: ERRORS[error.code].title,
    status: error.status,
    detail: error.message,
    code: error.code,
    instance: request.url.split('?')[0] ?? request.url,
    ...(error.errors ? { errors: error.errors } : {}),
  };
  for (const [name, value] of Object.entries(error.headers ?? {})) reply.header(name, value);
  return reply.code(error.status).type('application/problem+json').send(body);
}

interface AjvLikeError {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** An unknown or missing property is pointed at itself, not at the object holding it. */
function propertyOf(v: AjvLikeError): string | undefined {
  const name = v.keyword === 'additionalProperties' ? v.params?.additionalProperty : v.keyword === 'required' ? v.params?.missingProperty : undefined;
  return typeof name === 'string' ? name : undefined;
}

function fieldErrors(error: FastifyError): FieldError[] {
  const context = (error as FastifyError & { validationContext?: string }).validationContext ?? 'body';
  return ((error.validation ?? []) as AjvLikeError[]).map((v) => {
    const property = propertyOf(v);
    const extra = v.keyword === 'additionalProperties' ? `: ${String(v.params?.additionalProperty)}` : '';
    const tail = property === undefined ? '' : `/${property.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    return { pointer: `/${context}${v.instancePath ?? ''}${tail}`, message: `${v.message ?? 'is invalid'}${extra}` };
  });
}

/** Maps anything thrown in a request to a problem; never lets internals out. */
export function toAppError(error: unknown, log: FastifyRequest['log']): AppError {
  if (error instanceof AppError) return error;
  const e = error as FastifyError;
  if (e.validation) return new AppError('request.validation_failed', 'the request does not match the schema', { errors: fieldErrors(e) });
  switch (e.code) {
    case 'FST_ERR_BAD_URL':
      return new AppError('request.bad_url');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('request.uri_too_long', 'a path parameter is longer than 100 characters');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('request.too_large', e.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('request.unsupported_media_type', 'send the body as application/json');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('request.malformed', 'the body\'s length does not match its Content-Length');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('request.malformed', 'the body is empty but declared as JSON');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('request.malformed', `the body is not valid JSON`);
  }
  if (e instanceof SyntaxError || (e.statusCode === 400 && e.message.includes('JSON'))) {
    return new AppError('request.malformed', 'the body is not valid JSON');
  }
  if (e.statusCode === 413) return new AppError('request.too_large');
  if (e.statusCode === 415) return new AppError('request.unsupported_media_type');
  log.error({ err: error }, 'unhandled error');
  return new AppError('internal', 'something went wrong on the hub; it has been logged');
}

export function installProblemHandlers(app: FastifyInstance, routes: RouteTable): void {
  app.setErrorHandler((error, request, reply) => sendProblem(reply, request, toAppError(error, request.log)));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = routes.methodsFor(path);
    if (allowed.length > 0) {
      return sendProblem(reply, request, new AppError('route.method_not_allowed', `${request.method} is not allowed on ${path}; use ${allowed.join(', ')}`, { headers: { allow: allowed.join(', ') } }));
    }
    return sendProblem(reply, request, new AppError('route.not_found', `there is no route ${request.method} ${path}`));
  });
}

/** Remembers every route's path pattern, so a 404 can tell "wrong method" from "no such path". */
export class RouteTable {
  private readonly routes: { pattern: RegExp; methods: Set<string> }[] = [];

  add(url: string, methods: string | string[]): void {
    const source = '^' + url.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/') + '/?$';
    const existing = this.routes.find((r) => r.pattern.source === source);
    const list = Array.isArray(methods) ? methods : [methods];
    if (existing) list.forEach((m) => existing.methods.add(m));
    else this.routes.push({ pattern: new RegExp(source), methods: new Set(list) });
  }

  methodsFor(path: string): string[] {
    const methods = new Set<string>();
    for (const r of this.routes) if (r.pattern.test(path)) r.methods.forEach((m) => methods.add(m));
    return [...methods].sort();
  }
}

import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { ERRORS, type ErrorCode } from '../core/errors.js';
import type { Organisation } from '../registry/organisations/schema.js';
import type { ProblemDetails } from './http/problem.js';
import type { TestHub } from './testing.js';

/**
 * Asserts an RFC 9457 answer: this status, this stable code, the problem
 * content type, the catalogue's type and title, a detail, and the request's
 * path as instance. Answers the problem.
 */
export function expectProblem(res: LightMyRequestResponse, status: number, code: ErrorCode): ProblemDetails {
  expect({ status: res.statusCode, code: res.json<{ code?: string }>().code }, res.body).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json<ProblemDetails>();
  expect(body).toMatchObject({ status, code, type: `/api/problems/${code}`, title: ERRORS[code].title });
  expect(typeof body.detail).toBe('string');
  expect(body.instance).toBe(res.raw.req.url?.split('?')[0]);
  return body;
}

/** Awaits a request, asserts its status (200 unless told), and answers its JSON body. */
export async function ok<T>(res: Promise<LightMyRequestResponse>, status = 200): Promise<T> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json<T>();
}

/** A member country's NCB, as the hub administrator sees it. */
export async function ncbOf(hub: TestHub, country: string): Promise<Organisation> {
  const { items } = await ok<{ items: Organisation[] }>(hub.call(hub.adminToken, { method: 'GET', url: `/api/v1/organisations?kind=ncb&country=${country}` }));
  expect(items).toHaveLength(1);
  return items[0] as Organisation;
}

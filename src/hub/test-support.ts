import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { ErrorCode } from '../core/errors.js';

/** Asserts an RFC 9457 answer with this status and stable code (the body is shown when it is not). */
export function expectProblem(res: LightMyRequestResponse, status: number, code: ErrorCode): void {
  expect({ status: res.statusCode, code: res.json<{ code?: string }>().code }, res.body).toEqual({ status, code });
}

/** Awaits a request, asserts its status (200 unless told), and answers its JSON body. */
export async function ok<T>(res: Promise<LightMyRequestResponse>, status = 200): Promise<T> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json<T>();
}

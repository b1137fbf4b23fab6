import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { AuditEntry } from '../audit/entry.js';
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

/** Every audit entry with this action, oldest first, as the hub administrator reads them. */
export async function auditEntries(hub: TestHub, action: string): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let after = '';
  for (;;) {
    const { items } = await ok<{ items: { seq: number; entry: string }[] }>(hub.call(hub.adminToken, { method: 'GET', url: `/api/v1/audit/entries?action=${action}&limit=1000${after}` }));
    out.push(...items.map((i) => JSON.parse(i.entry) as AuditEntry));
    if (items.length < 1000) return out;
    after = `&after=${items[items.length - 1]?.seq ?? 0}`;
  }
}

/**
 * A reader of the audit log that answers, at each call, the entries written
 * since the previous one — leaving out the administrator's own reads of the
 * log. Getters, because hubs are started in beforeAll.
 */
export function auditFollower(hub: () => TestHub, adminId: () => string): () => Promise<AuditEntry[]> {
  let cursor: number | undefined;
  return async () => {
    const out: AuditEntry[] = [];
    for (;;) {
      const after = cursor === undefined ? '' : `&after=${cursor}`;
      const h = hub();
      const { items } = await ok<{ items: { seq: number; entry: string }[] }>(h.call(h.adminToken, { method: 'GET', url: `/api/v1/audit/entries?limit=1000${after}` }));
      for (const item of items) {
        cursor = item.seq;
        const entry = JSON.parse(item.entry) as AuditEntry;
        if (!(entry.action === 'audit.read' && entry.actor.id === adminId())) out.push(entry);
      }
      if (items.length < 1000) return out;
    }
  };
}

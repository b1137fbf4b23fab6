import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../storage/testing.js';
import { startTestHub, type TestHub } from './testing.js';

describe(`hub smoke on ${testBackend}`, () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub.close());

  it('knows who the administrator is', async () => {
    const res = await hub.call(hub.adminToken, { method: 'GET', url: '/api/v1/session' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'user', name: 'admin', roles: ['hub-admin', 'org-admin'], mustChangePassword: false, organisation: { kind: 'hub' } });
  });

  it('lists the NCBs of every member country', async () => {
    const res = await hub.call(hub.adminToken, { method: 'GET', url: '/api/v1/organisations?kind=ncb&limit=500' });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ items: unknown[] }>().items).toHaveLength(196);
  });

  it('serves an OpenAPI 3.1 document', async () => {
    const res = await hub.call(null, { method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/organisations/{id}');
  });
});

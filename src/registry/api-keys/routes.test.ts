import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission, Role } from '../../access/permissions.js';
import type { AuditEntry } from '../../audit/entry.js';
import { ManualClock } from '../../core/clock.js';
import { startTestHub, type TestHub } from '../../hub/testing.js';
import { testBackend } from '../../storage/testing.js';
import type { Organisation } from '../organisations/schema.js';
import type { User } from '../users/schema.js';
import type { ApiKey } from './schema.js';
import { expectProblem, ok } from '../../hub/test-support.js';

describe(`API keys on ${testBackend}`, () => {
  const clock = new ManualClock(new Date());
  let hub: TestHub;
  let gbNcb: Organisation;
  let gbAgency: Organisation;
  let gbAdmin: { id: string; token: string };
  let adminId: string;
  /** Every key this file created, with who created it; the audit log must name exactly these. */
  const created = new Map<string, string>();
  const revoked = new Map<string, string>();

  const asAdmin = (options: Parameters<TestHub['call']>[1]) => hub.call(hub.adminToken, options);

  /** Creates a key through the API as `creator` (a session token or a key) and remembers it for the audit check. */
  async function createKey(
    creator: { id: string; token: string }, orgId: string, permissions: Permission[], extra: { name?: string; expiresAt?: string } = {},
  ): Promise<{ apiKey: ApiKey; secret: string }> {
    const res = await ok<{ apiKey: ApiKey; secret: string }>(hub.call(creator.token, {
      method: 'POST', url: `/api/v1/organisations/${orgId}/api-keys`, payload: { name: extra.name ?? 'border gate', permissions, ...(extra.expiresAt ? { expiresAt: extra.expiresAt } : {}) },
    }), 201);
    created.set(res.apiKey.id, creator.id);
    return res;
  }

  async function listKeys(orgId: string): Promise<ApiKey[]> {
    return (await ok<{ items: ApiKey[] }>(asAdmin({ method: 'GET', url: `/api/v1/organisations/${orgId}/api-keys` }))).items;
  }

  function strings(value: unknown): string[] {
    if (typeof value === 'string') return [value];
    if (Array.isArray(value)) return value.flatMap(strings);
    if (value && typeof value === 'object') return [...Object.keys(value), ...Object.values(value).flatMap(strings)];
    return [];
  }

  /** The random part of a key: its last 43 characters (base64url, which may itself hold `_`). */
  const secretPart = (key: string) => key.slice(-43);

  async function auditEntries(action: string): Promise<AuditEntry[]> {
    const { items } = await ok<{ items: { entry: string }[] }>(asAdmin({ method: 'GET', url: `/api/v1/audit/entries?action=${action}&limit=1000` }));
    return items.map((i) => JSON.parse(i.entry) as AuditEntry);
  }

  beforeAll(async () => {
    hub = await startTestHub({ clock });
    adminId = (await ok<{ id: string }>(asAdmin({ method: 'GET', url: '/api/v1/session' }))).id;
    gbNcb = (await ok<{ items: Organisation[] }>(asAdmin({ method: 'GET', url: '/api/v1/organisations?kind=ncb&country=GB' }))).items[0] as Organisation;
    gbAgency = await ok<Organisation>(asAdmin({ method: 'POST', url: '/api/v1/organisations', payload: { kind: 'agency', name: 'UK Border Force', parentId: gbNcb.id, agencyType: 'border' } }), 201);
    const roles: Role[] = ['org-admin'];
    const { user, initialPassword } = await ok<{ user: User; initialPassword: string }>(asAdmin({ method: 'POST', url: `/api/v1/organisations/${gbNcb.id}/users`, payload: { username: 'gb.admin', displayName: 'GB admin', roles } }), 201);
    gbAdmin = { id: user.id, token: await hub.login('gb.admin', initialPassword) };
  });
  afterAll(async () => hub?.close());

  it('shows the secret once, at creation, and never in lists', async () => {
    const { apiKey, secret } = await createKey(gbAdmin, gbNcb.id, ['organisations:read', 'users:read'], { name: 'Heathrow e-gates' });
    expect(secret).toMatch(new RegExp(`^blk_${apiKey.id.slice('key_'.length)}_[A-Za-z0-9_-]{43}$`));
    expect(apiKey).toMatchObject({ orgId: gbNcb.id, name: 'Heathrow e-gates', permissions: ['organisations:read', 'users:read'], createdBy: gbAdmin.id, expiresAt: null, revokedAt: null, lastUsedAt: null });
    expect(strings(apiKey).some((s) => s.includes(secretPart(secret)))).toBe(false);

    for (const token of [hub.adminToken, gbAdmin.token]) {
      const list = await ok<{ items: ApiKey[] }>(hub.call(token, { method: 'GET', url: `/api/v1/organisations/${gbNcb.id}/api-keys` }));
      expect(list.items.map((k) => k.id)).toContain(apiKey.id);
      const all = strings(list);
      expect(all.some((s) => s.includes(secretPart(secret)))).toBe(false);
      expect(all.some((s) => /secret|hash/i.test(s))).toBe(false);
    }
  });

  it('authenticates as the key, with exactly its scoped permissions', async () => {
    const { apiKey, secret } = await createKey(gbAdmin, gbNcb.id, ['users:read', 'organisations:read', 'api_keys:read']);
    const me = await ok<{ kind: string; id: string; name: string; roles: string[]; permissions: string[]; organisation: Organisation }>(hub.call(secret, { method: 'GET', url: '/api/v1/session' }));
    expect(me).toMatchObject({ kind: 'api_key', id: apiKey.id, name: 'border gate', roles: [], organisation: { id: gbNcb.id } });
    expect(me.permissions).toEqual(['api_keys:read', 'organisations:read', 'users:read']);
    const users = await ok<{ items: User[] }>(hub.call(secret, { method: 'GET', url: `/api/v1/organisations/${gbNcb.id}/users` }));
    expect(users.items.map((u) => u.username)).toEqual(['gb.admin']);
  });

  it('cannot act beyond its scope', async () => {
    const { secret } = await createKey(gbAdmin, gbNcb.id, ['organisations:read']);
    expect((await hub.call(secret, { method: 'GET', url: `/api/v1/organisations/${gbNcb.id}` })).statusCode).toBe(200);
    expectProblem(await hub.call(secret, { method: 'POST', url: `/api/v1/organisations/${gbNcb.id}/users`, payload: { username: 'made.by.key', displayName: 'x', roles: ['officer'] } }), 403, 'access.scope_exceeded');
    expectProblem(await hub.call(secret, { method: 'GET', url: `/api/v1/organisations/${gbNcb.id}/users` }), 403, 'access.scope_exceeded');
    expectProblem(await hub.call(secret, { method: 'GET', url: '/api/v1/audit/entries' }), 403, 'access.scope_exceeded');
    expectProblem(await hub.call(secret, { method: 'PUT', url: `/api/v1/organisations/${gbAgency.id}/database-access`, payload: { databases: ['dna'] } }), 403, 'access.scope_exceeded');
    expectProblem(await hub.call(secret, { method: 'POST', url: `/api/v1/organisations/${gbNcb.id}/api-keys`, payload: { name: 'wider', permissions: ['organisations:read'] } }), 403, 'access.scope_exceeded');
    const users = await ok<{ items: User[] }>(asAdmin({ method: 'GET', url: `/api/v1/organisations/${gbNcb.id}/users` }));
    expect(users.items.map((u) => u.username)).toEqual(['gb.admin']);
  });

  it('is never scoped wider than its creator or its organisation may hold', async () => {
    const before = await listKeys(gbNcb.id);
    // A GB NCB org-admin does not hold audit:read.
    expectProblem(await hub.call(gbAdmin.token, { method: 'POST', url: `/api/v1/organisations/${gbNcb.id}/api-keys`, payload: { name: 'peek', permissions: ['audit:read'] } }), 422, 'api_key.invalid_scope');
    expectProblem(await hub.call(gbAdmin.token, { method: 'POST', url: `/api/v1/organisations/${gbNcb.id}/api-keys`, payload: { name: 'peek', permissions: ['organisations:read', 'documents:write'] } }), 422, 'api_key.invalid_scope');
    // The admin holds everything, but an NCB cannot hold audit:checkpoint nor an agency follow-up cases.
    expectProblem(await asAdmin({ method: 'POST', url: `/api/v1/organisations/${gbNcb.id}/api-keys`, payload: { name: 'sign', permissions: ['audit:checkpoint'] } }), 422, 'api_key.invalid_scope');
    expectProblem(await asAdmin({ method: 'POST', url: `/api/v1/organisations/${gbAgency.id}/api-keys`, payload: { name: 'cases', permissions: ['documents:search', 'cases:write'] } }), 422, 'api_key.invalid_scope');
    // A key that may create keys may not create a wider one.
    const maker = await createKey(gbAdmin, gbNcb.id, ['api_keys:write', 'organisations:read']);
    const makerPrincipal = { id: maker.apiKey.id, token: maker.secret };
    expectProblem(await hub.call(maker.secret, { method: 'POST', url: `/api/v1/organisations/${gbNcb.id}/api-keys`, payload: { name: 'wider', permissions: ['users:read'] } }), 422, 'api_key.invalid_scope');
    expect(await listKeys(gbAgency.id)).toEqual([]);
    expect((await listKeys(gbNcb.id)).map((k) => k.id).sort()).toEqual([...before.map((k) => k.id), maker.apiKey.id].sort());

    // Within bounds it works, for the creator and for the org kind.
    const narrower = await createKey(makerPrincipal, gbNcb.id, ['organisations:read']);
    expect(narrower.apiKey.createdBy).toBe(maker.apiKey.id);
    const agencyKey = await createKey({ id: adminId, token: hub.adminToken }, gbAgency.id, ['documents:search']);
    expect(agencyKey.apiKey.permissions).toEqual(['documents:search']);
  });

  it('is refused at once when revoked', async () => {
    const { apiKey, secret } = await createKey(gbAdmin, gbNcb.id, ['organisations:read']);
    expect((await hub.call(secret, { method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
    const done = await ok<ApiKey>(hub.call(gbAdmin.token, { method: 'DELETE', url: `/api/v1/api-keys/${apiKey.id}` }));
    revoked.set(apiKey.id, gbAdmin.id);
    expect(done).toMatchObject({ id: apiKey.id, revokedAt: clock.now().toISOString() });
    expectProblem(await hub.call(secret, { method: 'GET', url: '/api/v1/session' }), 401, 'auth.api_key_revoked');
    expectProblem(await hub.call(secret, { method: 'GET', url: `/api/v1/organisations/${gbNcb.id}` }), 401, 'auth.api_key_revoked');
    const listed = (await listKeys(gbNcb.id)).find((k) => k.id === apiKey.id);
    expect(listed?.revokedAt).toBe(done.revokedAt);
    expectProblem(await asAdmin({ method: 'DELETE', url: '/api/v1/api-keys/key_aaaaaaaaaaaaaaaaaaaaaaaaaa' }), 404, 'api_key.not_found');
  });

  it('a key may revoke itself only if scoped to, and the admin may revoke any', async () => {
    const { apiKey, secret } = await createKey(gbAdmin, gbNcb.id, ['organisations:read']);
    expectProblem(await hub.call(secret, { method: 'DELETE', url: `/api/v1/api-keys/${apiKey.id}` }), 403, 'access.scope_exceeded');
    expect((await hub.call(secret, { method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
    await ok(asAdmin({ method: 'DELETE', url: `/api/v1/api-keys/${apiKey.id}` }));
    revoked.set(apiKey.id, adminId);
    expectProblem(await hub.call(secret, { method: 'GET', url: '/api/v1/session' }), 401, 'auth.api_key_revoked');
  });

  it('is refused once expired', async () => {
    const expiresAt = new Date(clock.now().getTime() + 5_000).toISOString();
    const { apiKey, secret } = await createKey(gbAdmin, gbNcb.id, ['organisations:read'], { expiresAt });
    expect(apiKey.expiresAt).toBe(expiresAt);
    expect((await hub.call(secret, { method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
    clock.advance(4_000);
    expect((await hub.call(secret, { method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
    clock.advance(1_000);
    expectProblem(await hub.call(secret, { method: 'GET', url: '/api/v1/session' }), 401, 'auth.api_key_expired');
    clock.advance(60_000);
    expectProblem(await hub.call(secret, { method: 'GET', url: `/api/v1/organisations/${gbNcb.id}` }), 401, 'auth.api_key_expired');
  });

  it('refuses an expiry that is not in the future', async () => {
    const before = await listKeys(gbNcb.id);
    for (const expiresAt of [new Date(clock.now().getTime() - 1_000).toISOString(), clock.now().toISOString(), '2001-01-01T00:00:00Z']) {
      const res = await hub.call(gbAdmin.token, { method: 'POST', url: `/api/v1/organisations/${gbNcb.id}/api-keys`, payload: { name: 'stale', permissions: ['organisations:read'], expiresAt } });
      expectProblem(res, 400, 'request.validation_failed');
      expect(res.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer)).toEqual(['/body/expiresAt']);
    }
    expect(await listKeys(gbNcb.id)).toEqual(before);
  });

  it('refuses a tampered, unknown or malformed key', async () => {
    const { apiKey, secret } = await createKey(gbAdmin, gbNcb.id, ['organisations:read']);
    const last = secret.slice(-1);
    const tampered = secret.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    expectProblem(await hub.call(tampered, { method: 'GET', url: '/api/v1/session' }), 401, 'auth.api_key_invalid');
    expectProblem(await hub.call(`${secret}x`, { method: 'GET', url: '/api/v1/session' }), 401, 'auth.api_key_invalid');
    expectProblem(await hub.call(secret.slice(0, -1), { method: 'GET', url: '/api/v1/session' }), 401, 'auth.api_key_invalid');
    const otherId = `blk_${'a'.repeat(26)}_${secretPart(secret)}`;
    expectProblem(await hub.call(otherId, { method: 'GET', url: '/api/v1/session' }), 401, 'auth.api_key_invalid');
    expectProblem(await hub.call('blk_nonsense', { method: 'GET', url: '/api/v1/session' }), 401, 'auth.api_key_invalid');
    // A refused attempt does not count as use; the real key still works.
    expect((await listKeys(gbNcb.id)).find((k) => k.id === apiKey.id)?.lastUsedAt).toBeNull();
    expect((await hub.call(secret, { method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
  });

  it('records when it was last used', async () => {
    const { apiKey, secret } = await createKey(gbAdmin, gbNcb.id, ['organisations:read']);
    expect((await listKeys(gbNcb.id)).find((k) => k.id === apiKey.id)?.lastUsedAt).toBeNull();
    clock.advance(2_000);
    const usedAt = clock.now().toISOString();
    expect((await hub.call(secret, { method: 'GET', url: `/api/v1/organisations/${gbNcb.id}` })).statusCode).toBe(200);
    expect((await listKeys(gbNcb.id)).find((k) => k.id === apiKey.id)?.lastUsedAt).toBe(usedAt);
  });

  it('audits every creation and revocation, naming who did it and never the secret', async () => {
    const creates = await auditEntries('api_key.create');
    expect(creates.map((e) => e.resource.id).sort()).toEqual([...created.keys()].sort());
    for (const e of creates) {
      expect(e.resource.type).toBe('api_key');
      expect(e.actor.id).toBe(created.get(e.resource.id as string));
      expect(e.outcome).toBe('success');
      expect(e.details).toMatchObject({ permissions: expect.any(Array) as unknown });
      expect(JSON.stringify(e)).not.toMatch(/blk_/);
    }
    const revokes = await auditEntries('api_key.revoke');
    expect(revokes.map((e) => e.resource.id).sort()).toEqual([...revoked.keys()].sort());
    for (const e of revokes) expect(e.actor.id).toBe(revoked.get(e.resource.id as string));
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../audit/entry.js';
import { TEST_PASSWORD, startTestHub, type TestHub } from '../../hub/testing.js';
import { testBackend } from '../../storage/testing.js';
import type { Organisation } from '../organisations/schema.js';
import type { User } from './schema.js';
import { auditFollower, expectProblem, ncbOf, ok } from '../../hub/test-support.js';

describe(`users API on ${testBackend}`, () => {
  let hub: TestHub;
  let adminId: string;
  let gbNcb: Organisation;
  let frNcb: Organisation;
  let gbAdmin: { id: string; token: string };

  const asAdmin = (options: Parameters<TestHub['call']>[1]) => hub.call(hub.adminToken, options);
  const newAuditEntries = auditFollower(() => hub, () => adminId);
  const asGbAdmin = (options: Parameters<TestHub['call']>[1]) => hub.call(gbAdmin.token, options);
  const rawLogin = (username: string, password: string) => hub.call(null, { method: 'POST', url: '/api/v1/session', payload: { username, password } });

  async function createUser(username: string, roles: string[] = ['officer'], orgId = gbNcb.id): Promise<{ user: User; initialPassword: string }> {
    return ok(asGbAdmin({ method: 'POST', url: `/api/v1/organisations/${orgId}/users`, payload: { username, displayName: `Officer ${username}`, roles } }), 201);
  }

  /** Runs a request and checks it wrote exactly one audit entry, with this action and actor; answers both. */
  async function exactlyOneEntry<T>(action: string, actorId: string, request: () => Promise<T>): Promise<{ result: T; entry: AuditEntry }> {
    await newAuditEntries();
    const result = await request();
    const entries = await newAuditEntries();
    expect(entries.map((e) => [e.action, e.actor.id])).toEqual([[action, actorId]]);
    return { result, entry: entries[0] as AuditEntry };
  }

  beforeAll(async () => {
    hub = await startTestHub();
    adminId = (await ok<{ id: string }>(asAdmin({ method: 'GET', url: '/api/v1/session' }))).id;
    gbNcb = await ncbOf(hub, 'GB');
    frNcb = await ncbOf(hub, 'FR');
    const { user, initialPassword } = await ok<{ user: User; initialPassword: string }>(asAdmin({ method: 'POST', url: `/api/v1/organisations/${gbNcb.id}/users`, payload: { username: 'gb.admin', displayName: 'GB admin', roles: ['org-admin', 'auditor'] } }), 201);
    gbAdmin = { id: user.id, token: await hub.login('gb.admin', initialPassword) };
  });
  afterAll(async () => hub?.close());

  describe('creating', () => {
    it('adds a person with a first password shown once, audited once with the creator as actor', async () => {
      const { result, entry } = await exactlyOneEntry('user.create', gbAdmin.id, () => createUser('gb.officer1', ['officer', 'ncb-operator']));
      const { user, initialPassword } = result;
      expect(user).toMatchObject({ orgId: gbNcb.id, username: 'gb.officer1', displayName: 'Officer gb.officer1', roles: ['officer', 'ncb-operator'], status: 'active', mustChangePassword: true, lastLoginAt: null });
      expect(Object.keys(user).sort()).toEqual(['createdAt', 'displayName', 'id', 'lastLoginAt', 'mustChangePassword', 'orgId', 'roles', 'status', 'updatedAt', 'username']);
      expect(initialPassword.length).toBeGreaterThanOrEqual(16);
      expect(entry).toMatchObject({ resource: { type: 'user', id: user.id }, actor: { type: 'user', org: gbNcb.id, country: 'GB' }, details: { org: gbNcb.id, username: 'gb.officer1', roles: ['officer', 'ncb-operator'] } });
      expect(JSON.stringify(entry)).not.toContain(initialPassword);

      // The first password works once, and must be changed before anything else.
      const login = await ok<{ token: string; user: User }>(rawLogin('gb.officer1', initialPassword));
      expect(login.user.mustChangePassword).toBe(true);
      expectProblem(await hub.call(login.token, { method: 'GET', url: `/api/v1/organisations/${gbNcb.id}` }), 403, 'auth.password_change_required');
      // Listing never shows a password or its hash.
      const list = await ok<{ items: User[] }>(asAdmin({ method: 'GET', url: `/api/v1/organisations/${gbNcb.id}/users` }));
      expect(JSON.stringify(list)).not.toMatch(/scrypt|password_hash|passwordHash/);
    });

    it('refuses a taken username, in the same or another organisation, auditing nothing', async () => {
      await createUser('gb.taken');
      await newAuditEntries();
      expectProblem(await asGbAdmin({ method: 'POST', url: `/api/v1/organisations/${gbNcb.id}/users`, payload: { username: 'gb.taken', displayName: 'Twin', roles: ['officer'] } }), 409, 'user.conflict');
      expectProblem(await asAdmin({ method: 'POST', url: `/api/v1/organisations/${frNcb.id}/users`, payload: { username: 'gb.taken', displayName: 'Twin', roles: ['officer'] } }), 409, 'user.conflict');
      expectProblem(await asAdmin({ method: 'POST', url: `/api/v1/organisations/${frNcb.id}/users`, payload: { username: 'admin', displayName: 'Twin', roles: ['officer'] } }), 409, 'user.conflict');
      expect(await newAuditEntries()).toEqual([]);
      const fr = await ok<{ items: User[] }>(asAdmin({ method: 'GET', url: `/api/v1/organisations/${frNcb.id}/users` }));
      expect(fr.items).toEqual([]);
    });

    it('refuses malformed people and unknown organisations', async () => {
      const post = (orgId: string, payload: Record<string, unknown>) => asGbAdmin({ method: 'POST', url: `/api/v1/organisations/${orgId}/users`, payload });
      expectProblem(await post(gbNcb.id, { username: 'Upper.Case', displayName: 'x', roles: ['officer'] }), 400, 'request.validation_failed');
      expectProblem(await post(gbNcb.id, { username: 'ab', displayName: 'x', roles: ['officer'] }), 400, 'request.validation_failed');
      expectProblem(await post(gbNcb.id, { username: 'gb.noroles', displayName: 'x', roles: [] }), 400, 'request.validation_failed');
      expectProblem(await post(gbNcb.id, { username: 'gb.twice', displayName: 'x', roles: ['officer', 'officer'] }), 400, 'request.validation_failed');
      expectProblem(await post(gbNcb.id, { username: 'gb.king', displayName: 'x', roles: ['king'] }), 400, 'request.validation_failed');
      expectProblem(await post(gbNcb.id, { username: 'gb.extra', displayName: 'x', roles: ['officer'], password: 'mine' }), 400, 'request.validation_failed');
      expectProblem(await asAdmin({ method: 'POST', url: '/api/v1/organisations/org_aaaaaaaaaaaaaaaaaaaaaaaaaa/users', payload: { username: 'ghost.user', displayName: 'x', roles: ['officer'] } }), 404, 'organisation.not_found');
    });
  });

  describe('reading', () => {
    it('audits a read of one person (user.read) with the reader as actor', async () => {
      const { user } = await createUser('gb.readme');
      const { result, entry } = await exactlyOneEntry('user.read', gbAdmin.id, () => ok<User>(asGbAdmin({ method: 'GET', url: `/api/v1/users/${user.id}` })));
      expect(result).toEqual(user);
      expect(entry.resource).toEqual({ type: 'user', id: user.id });
      expectProblem(await asAdmin({ method: 'GET', url: '/api/v1/users/usr_aaaaaaaaaaaaaaaaaaaaaaaaaa' }), 404, 'user.not_found');
    });

    it('lets people read themselves without users:read, still audited', async () => {
      const { user, initialPassword } = await createUser('gb.self');
      const token = await hub.login('gb.self', initialPassword);
      const { result, entry } = await exactlyOneEntry('user.read', user.id, () => ok<User>(hub.call(token, { method: 'GET', url: `/api/v1/users/${user.id}` })));
      expect(result.id).toBe(user.id);
      expect(entry.resource.id).toBe(user.id);
      expectProblem(await hub.call(token, { method: 'GET', url: `/api/v1/users/${gbAdmin.id}` }), 403, 'access.forbidden');
    });

    it('audits a list of an organisation\'s people (user.list) with how many were returned', async () => {
      const { result, entry } = await exactlyOneEntry('user.list', gbAdmin.id, () => ok<{ items: User[] }>(asGbAdmin({ method: 'GET', url: `/api/v1/organisations/${gbNcb.id}/users` })));
      expect(result.items.length).toBeGreaterThanOrEqual(4);
      expect(result.items.every((u) => u.orgId === gbNcb.id)).toBe(true);
      expect(entry).toMatchObject({ resource: { type: 'organisation', id: gbNcb.id }, details: { returned: result.items.length } });
      const page = await ok<{ items: User[] }>(asGbAdmin({ method: 'GET', url: `/api/v1/organisations/${gbNcb.id}/users?limit=2` }));
      expect(page.items).toEqual(result.items.slice(0, 2));
      const next = await ok<{ items: User[] }>(asGbAdmin({ method: 'GET', url: `/api/v1/organisations/${gbNcb.id}/users?limit=2&after=${page.items[1]?.id}` }));
      expect(next.items).toEqual(result.items.slice(2, 4));
    });
  });

  describe('changing', () => {
    it('renames and changes roles, each audited once with before and after', async () => {
      const { user } = await createUser('gb.change');
      const renamed = await exactlyOneEntry('user.update', gbAdmin.id, () => ok<User>(asGbAdmin({ method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { displayName: 'Sgt. Change' } })));
      expect(renamed.result).toMatchObject({ displayName: 'Sgt. Change', roles: ['officer'], status: 'active' });
      expect(renamed.entry).toMatchObject({ resource: { type: 'user', id: user.id }, details: { before: { displayName: 'Officer gb.change' }, after: { displayName: 'Sgt. Change' } } });

      const promoted = await exactlyOneEntry('user.update', adminId, () => ok<User>(asAdmin({ method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { roles: ['ncb-operator', 'auditor'] } })));
      expect(promoted.result.roles).toEqual(['ncb-operator', 'auditor']);
      expect(promoted.entry.details).toMatchObject({ before: { roles: ['officer'] }, after: { roles: ['ncb-operator', 'auditor'] } });
      expect((await ok<User>(asAdmin({ method: 'GET', url: `/api/v1/users/${user.id}` }))).roles).toEqual(['ncb-operator', 'auditor']);

      expectProblem(await asAdmin({ method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: {} }), 400, 'request.validation_failed');
      expectProblem(await asAdmin({ method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { username: 'renamed' } }), 400, 'request.validation_failed');
      expectProblem(await asAdmin({ method: 'PATCH', url: '/api/v1/users/usr_aaaaaaaaaaaaaaaaaaaaaaaaaa', payload: { displayName: 'Ghost' } }), 404, 'user.not_found');
    });

    it('a role change takes effect on the person\'s open session', async () => {
      const { user, initialPassword } = await createUser('gb.promoted', ['officer']);
      const token = await hub.login('gb.promoted', initialPassword);
      expectProblem(await hub.call(token, { method: 'GET', url: `/api/v1/organisations/${gbNcb.id}/users` }), 403, 'access.forbidden');
      await ok(asGbAdmin({ method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { roles: ['officer', 'auditor'] } }));
      expect((await hub.call(token, { method: 'GET', url: `/api/v1/organisations/${gbNcb.id}/users` })).statusCode).toBe(200);
      await ok(asGbAdmin({ method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { roles: ['officer'] } }));
      expectProblem(await hub.call(token, { method: 'GET', url: `/api/v1/organisations/${gbNcb.id}/users` }), 403, 'access.forbidden');
    });

    it('disabling ends the person\'s sessions and refuses their logins; enabling lets them back', async () => {
      const { user, initialPassword } = await createUser('gb.disabled');
      const token = await hub.login('gb.disabled', initialPassword);
      expect((await hub.call(token, { method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);

      const disabled = await exactlyOneEntry('user.disable', gbAdmin.id, () => ok<User>(asGbAdmin({ method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { status: 'disabled' } })));
      expect(disabled.result.status).toBe('disabled');
      expect(disabled.entry.details).toMatchObject({ before: { status: 'active' }, after: { status: 'disabled' } });
      expectProblem(await hub.call(token, { method: 'GET', url: '/api/v1/session' }), 401, 'auth.session_expired');
      expectProblem(await rawLogin('gb.disabled', TEST_PASSWORD), 403, 'auth.account_disabled');

      const enabled = await exactlyOneEntry('user.update', gbAdmin.id, () => ok<User>(asGbAdmin({ method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { status: 'active' } })));
      expect(enabled.result.status).toBe('active');
      expectProblem(await hub.call(token, { method: 'GET', url: '/api/v1/session' }), 401, 'auth.session_expired');
      const again = await hub.login('gb.disabled', TEST_PASSWORD);
      expect((await hub.call(again, { method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
    });

    it('a password reset answers a new first password and ends the person\'s sessions, audited once', async () => {
      const { user, initialPassword } = await createUser('gb.forgetful');
      const token = await hub.login('gb.forgetful', initialPassword);
      const second = await hub.login('gb.forgetful', TEST_PASSWORD);

      const reset = await exactlyOneEntry('user.password_reset', gbAdmin.id, () => ok<{ user: User; initialPassword: string }>(asGbAdmin({ method: 'POST', url: `/api/v1/users/${user.id}/password-reset` })));
      expect(reset.result.user).toMatchObject({ id: user.id, mustChangePassword: true, status: 'active' });
      expect(reset.result.initialPassword).not.toBe(initialPassword);
      expect(reset.entry.resource).toEqual({ type: 'user', id: user.id });
      expect(JSON.stringify(reset.entry)).not.toContain(reset.result.initialPassword);

      for (const t of [token, second]) expectProblem(await hub.call(t, { method: 'GET', url: '/api/v1/session' }), 401, 'auth.session_expired');
      expectProblem(await rawLogin('gb.forgetful', TEST_PASSWORD), 401, 'auth.invalid_credentials');
      expectProblem(await rawLogin('gb.forgetful', initialPassword), 401, 'auth.invalid_credentials');
      const fresh = await ok<{ token: string; user: User }>(rawLogin('gb.forgetful', reset.result.initialPassword));
      expect(fresh.user.mustChangePassword).toBe(true);
      expectProblem(await hub.call(fresh.token, { method: 'GET', url: `/api/v1/organisations/${gbNcb.id}` }), 403, 'auth.password_change_required');

      expectProblem(await asAdmin({ method: 'POST', url: '/api/v1/users/usr_aaaaaaaaaaaaaaaaaaaaaaaaaa/password-reset' }), 404, 'user.not_found');
    });

    it('an agency\'s NCB manages the agency\'s people, audited with the NCB admin as actor', async () => {
      const agency = await ok<Organisation>(asAdmin({ method: 'POST', url: '/api/v1/organisations', payload: { kind: 'agency', name: 'UK Border Force', parentId: gbNcb.id, agencyType: 'border' } }), 201);
      const created = await exactlyOneEntry('user.create', gbAdmin.id, () => createUser('gbbf.officer', ['officer'], agency.id));
      expect(created.result.user.orgId).toBe(agency.id);
      expect(created.entry.details).toMatchObject({ org: agency.id });
      const disabled = await exactlyOneEntry('user.disable', gbAdmin.id, () => ok<User>(asGbAdmin({ method: 'PATCH', url: `/api/v1/users/${created.result.user.id}`, payload: { status: 'disabled' } })));
      expect(disabled.result.status).toBe('disabled');
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../hub/testing.js';
import type { ApiKey } from '../registry/api-keys/schema.js';
import type { Organisation } from '../registry/organisations/schema.js';
import type { User } from '../registry/users/schema.js';
import { testBackend } from '../storage/testing.js';
import type { Role } from './permissions.js';
import { expectProblem, ncbOf, ok } from '../hub/test-support.js';

/**
 * Cross-country authorisation, end to end through the HTTP API: one country's
 * people never read or change another country's organisation, people or keys,
 * and an NCB only governs the agencies under it.
 */
describe(`authorisation across organisations on ${testBackend}`, () => {
  let hub: TestHub;
  let hubOrg: Organisation;
  let gbNcb: Organisation;
  let frNcb: Organisation;
  let gbAgency: Organisation;
  let gbSibling: Organisation;
  let frAgency: Organisation;
  let frUser: User;
  let frKey: ApiKey;
  let frUserPassword: string;
  const tokens: Record<'gbOfficer' | 'gbAdmin' | 'gbAuditor' | 'gbAgencyAdmin' | 'gbAgencyOfficer' | 'hubOrgAdmin', string> = {
    gbOfficer: '', gbAdmin: '', gbAuditor: '', gbAgencyAdmin: '', gbAgencyOfficer: '', hubOrgAdmin: '',
  };
  const ids: Record<string, string> = {};

  const asAdmin = (options: Parameters<TestHub['call']>[1]) => hub.call(hub.adminToken, options);

  async function createAgency(parentId: string, name: string): Promise<Organisation> {
    return ok<Organisation>(asAdmin({ method: 'POST', url: '/api/v1/organisations', payload: { kind: 'agency', name, parentId, agencyType: 'border' } }), 201);
  }

  async function createUser(token: string, orgId: string, username: string, roles: Role[]): Promise<{ user: User; initialPassword: string }> {
    return ok(hub.call(token, { method: 'POST', url: `/api/v1/organisations/${orgId}/users`, payload: { username, displayName: username, roles } }), 201);
  }

  /** A person, created by the admin and logged in: answers their session token and records their id. */
  async function person(orgId: string, username: string, roles: Role[]): Promise<string> {
    const { user, initialPassword } = await createUser(hub.adminToken, orgId, username, roles);
    ids[username] = user.id;
    return hub.login(username, initialPassword);
  }

  beforeAll(async () => {
    hub = await startTestHub();
    hubOrg = (await ok<{ organisation: Organisation }>(asAdmin({ method: 'GET', url: '/api/v1/session' }))).organisation;
    gbNcb = await ncbOf(hub, 'GB');
    frNcb = await ncbOf(hub, 'FR');
    gbAgency = await createAgency(gbNcb.id, 'UK Border Force');
    gbSibling = await createAgency(gbNcb.id, 'Border Force Heathrow');
    frAgency = await createAgency(frNcb.id, 'Police aux frontières');

    tokens.gbOfficer = await person(gbNcb.id, 'gb.officer', ['officer']);
    tokens.gbAdmin = await person(gbNcb.id, 'gb.admin', ['org-admin']);
    tokens.gbAuditor = await person(gbNcb.id, 'gb.auditor', ['auditor']);
    tokens.gbAgencyAdmin = await person(gbAgency.id, 'gbbf.admin', ['org-admin']);
    tokens.gbAgencyOfficer = await person(gbAgency.id, 'gbbf.officer', ['officer']);
    tokens.hubOrgAdmin = await person(hubOrg.id, 'hub.orgadmin', ['org-admin']);

    const fr = await createUser(hub.adminToken, frNcb.id, 'fr.officer', ['officer']);
    frUser = fr.user;
    frUserPassword = fr.initialPassword;
    frKey = (await ok<{ apiKey: ApiKey }>(asAdmin({ method: 'POST', url: `/api/v1/organisations/${frNcb.id}/api-keys`, payload: { name: 'FR border gate', permissions: ['organisations:read'] } }), 201)).apiKey;
    await ok(asAdmin({ method: 'PUT', url: `/api/v1/organisations/${frAgency.id}/database-access`, payload: { databases: ['documents'] } }));
  });
  afterAll(async () => hub?.close());

  /** Everything about France the tests below try to read or change, as the admin sees it. */
  async function franceAsItIs() {
    const orgs: Organisation[] = [];
    for (const id of [frNcb.id, frAgency.id]) orgs.push(await ok<Organisation>(asAdmin({ method: 'GET', url: `/api/v1/organisations/${id}` })));
    return {
      orgs,
      users: await ok<{ items: User[] }>(asAdmin({ method: 'GET', url: `/api/v1/organisations/${frNcb.id}/users` })),
      keys: await ok<{ items: ApiKey[] }>(asAdmin({ method: 'GET', url: `/api/v1/organisations/${frNcb.id}/api-keys` })),
      databaseAccess: await ok<{ databases: string[] }>(asAdmin({ method: 'GET', url: `/api/v1/organisations/${frAgency.id}/database-access` })),
      frAgencies: await ok<{ items: Organisation[] }>(asAdmin({ method: 'GET', url: '/api/v1/organisations?kind=agency&country=FR' })),
    };
  }

  describe('GB NCB people cannot reach France', () => {
    let before: Awaited<ReturnType<typeof franceAsItIs>>;
    beforeAll(async () => {
      before = await franceAsItIs();
      expect(before.users.items.map((u) => u.username)).toEqual(['fr.officer']);
      expect(before.keys.items.map((k) => k.id)).toEqual([frKey.id]);
      expect(before.databaseAccess.databases).toEqual(['documents']);
    });

    const who = ['gbOfficer', 'gbAdmin', 'gbAuditor'] as const;

    it.each(who)('%s cannot read or change the FR NCB', async (actor) => {
      const t = tokens[actor];
      expectProblem(await hub.call(t, { method: 'GET', url: `/api/v1/organisations/${frNcb.id}` }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'PATCH', url: `/api/v1/organisations/${frNcb.id}`, payload: { name: 'NCB Paris (renamed)' } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'PATCH', url: `/api/v1/organisations/${frNcb.id}`, payload: { status: 'suspended' } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'GET', url: `/api/v1/organisations/${frAgency.id}` }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'GET', url: `/api/v1/organisations/${frAgency.id}/database-access` }), 403, 'access.forbidden');
    });

    it.each(who)('%s cannot list, create, read, change or reset FR users', async (actor) => {
      const t = tokens[actor];
      expectProblem(await hub.call(t, { method: 'GET', url: `/api/v1/organisations/${frNcb.id}/users` }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'POST', url: `/api/v1/organisations/${frNcb.id}/users`, payload: { username: `intruder.${actor.toLowerCase()}`, displayName: 'Intruder', roles: ['officer'] } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'GET', url: `/api/v1/users/${frUser.id}` }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'PATCH', url: `/api/v1/users/${frUser.id}`, payload: { displayName: 'Hijacked' } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'PATCH', url: `/api/v1/users/${frUser.id}`, payload: { roles: ['org-admin'] } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'PATCH', url: `/api/v1/users/${frUser.id}`, payload: { status: 'disabled' } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'POST', url: `/api/v1/users/${frUser.id}/password-reset` }), 403, 'access.forbidden');
    });

    it.each(who)('%s cannot list, create or revoke FR API keys', async (actor) => {
      const t = tokens[actor];
      expectProblem(await hub.call(t, { method: 'GET', url: `/api/v1/organisations/${frNcb.id}/api-keys` }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'POST', url: `/api/v1/organisations/${frNcb.id}/api-keys`, payload: { name: 'sneaky', permissions: ['organisations:read'] } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'DELETE', url: `/api/v1/api-keys/${frKey.id}` }), 403, 'access.forbidden');
    });

    it.each(who)('%s cannot set a FR agency\'s database access', async (actor) => {
      const t = tokens[actor];
      expectProblem(await hub.call(t, { method: 'PUT', url: `/api/v1/organisations/${frAgency.id}/database-access`, payload: { databases: ['documents', 'persons', 'dna', 'fingerprints'] } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'PUT', url: `/api/v1/organisations/${frAgency.id}/database-access`, payload: { databases: [] } }), 403, 'access.forbidden');
    });

    it('a GB API key with the right scope still cannot reach France', async () => {
      const { secret } = await ok<{ secret: string }>(hub.call(tokens.gbAdmin, { method: 'POST', url: `/api/v1/organisations/${gbNcb.id}/api-keys`, payload: { name: 'GB case system', permissions: ['organisations:read', 'users:read', 'users:write', 'api_keys:read', 'api_keys:write', 'database_access:write'] } }), 201);
      expectProblem(await hub.call(secret, { method: 'GET', url: `/api/v1/organisations/${frNcb.id}` }), 403, 'access.forbidden');
      expectProblem(await hub.call(secret, { method: 'GET', url: `/api/v1/organisations/${frNcb.id}/users` }), 403, 'access.forbidden');
      expectProblem(await hub.call(secret, { method: 'POST', url: `/api/v1/organisations/${frNcb.id}/users`, payload: { username: 'intruder.key', displayName: 'Intruder', roles: ['officer'] } }), 403, 'access.forbidden');
      expectProblem(await hub.call(secret, { method: 'POST', url: `/api/v1/users/${frUser.id}/password-reset` }), 403, 'access.forbidden');
      expectProblem(await hub.call(secret, { method: 'DELETE', url: `/api/v1/api-keys/${frKey.id}` }), 403, 'access.forbidden');
      expectProblem(await hub.call(secret, { method: 'PUT', url: `/api/v1/organisations/${frAgency.id}/database-access`, payload: { databases: ['dna'] } }), 403, 'access.forbidden');
      // ...while its own country answers: the refusals above are about reach, not scope.
      expect((await hub.call(secret, { method: 'GET', url: `/api/v1/organisations/${gbNcb.id}/users` })).statusCode).toBe(200);
    });

    it('left France exactly as it was', async () => {
      const after = await franceAsItIs();
      expect(after).toEqual(before);
      expect(after.keys.items[0]?.revokedAt).toBeNull();
      // The FR officer's password was not reset: the first password still works.
      const login = await hub.call(null, { method: 'POST', url: '/api/v1/session', payload: { username: 'fr.officer', password: frUserPassword } });
      expect(login.statusCode, login.body).toBe(200);
      for (const username of ['intruder.gbofficer', 'intruder.gbadmin', 'intruder.gbauditor', 'intruder.key']) {
        const taken = await hub.call(hub.adminToken, { method: 'POST', url: `/api/v1/organisations/${frNcb.id}/users`, payload: { username, displayName: 'Check', roles: ['officer'] } });
        expect(taken.statusCode, `${username} should not exist yet`).toBe(201);
      }
    });
  });

  describe('a GB agency\'s org-admin governs only its agency', () => {
    it('cannot touch GB\'s NCB', async () => {
      const t = tokens.gbAgencyAdmin;
      expectProblem(await hub.call(t, { method: 'GET', url: `/api/v1/organisations/${gbNcb.id}` }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'PATCH', url: `/api/v1/organisations/${gbNcb.id}`, payload: { name: 'Taken over' } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'PATCH', url: `/api/v1/organisations/${gbNcb.id}`, payload: { status: 'suspended' } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'GET', url: `/api/v1/organisations/${gbNcb.id}/users` }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'POST', url: `/api/v1/organisations/${gbNcb.id}/users`, payload: { username: 'gbbf.sneak', displayName: 'Sneak', roles: ['officer'] } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'GET', url: `/api/v1/users/${ids['gb.admin']}` }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'PATCH', url: `/api/v1/users/${ids['gb.admin']}`, payload: { status: 'disabled' } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'GET', url: `/api/v1/organisations/${gbNcb.id}/api-keys` }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'POST', url: `/api/v1/organisations/${gbNcb.id}/api-keys`, payload: { name: 'x', permissions: ['organisations:read'] } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'POST', url: '/api/v1/organisations', payload: { kind: 'agency', name: 'Agency of an agency', parentId: gbNcb.id, agencyType: 'border' } }), 403, 'access.forbidden');
      const ncb = await ok<Organisation>(asAdmin({ method: 'GET', url: `/api/v1/organisations/${gbNcb.id}` }));
      expect(ncb.name).toBe(gbNcb.name);
      expect(ncb.status).not.toBe('suspended');
    });

    it('cannot touch a sibling GB agency', async () => {
      const t = tokens.gbAgencyAdmin;
      const siblingUser = await createUser(hub.adminToken, gbSibling.id, 'lhr.officer', ['officer']);
      expectProblem(await hub.call(t, { method: 'GET', url: `/api/v1/organisations/${gbSibling.id}` }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'PATCH', url: `/api/v1/organisations/${gbSibling.id}`, payload: { status: 'suspended' } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'GET', url: `/api/v1/organisations/${gbSibling.id}/users` }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'POST', url: `/api/v1/organisations/${gbSibling.id}/users`, payload: { username: 'lhr.sneak', displayName: 'Sneak', roles: ['officer'] } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'PATCH', url: `/api/v1/users/${siblingUser.user.id}`, payload: { displayName: 'Hijacked' } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'POST', url: `/api/v1/users/${siblingUser.user.id}/password-reset` }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'GET', url: `/api/v1/organisations/${gbSibling.id}/api-keys` }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'PUT', url: `/api/v1/organisations/${gbSibling.id}/database-access`, payload: { databases: ['dna'] } }), 403, 'access.forbidden');
      const sibling = await ok<Organisation>(asAdmin({ method: 'GET', url: `/api/v1/organisations/${gbSibling.id}` }));
      expect(sibling.status).toBe('pending');
      expect(await ok(asAdmin({ method: 'GET', url: `/api/v1/organisations/${gbSibling.id}/database-access` }))).toEqual({ databases: [], writable: [] });
    });

    it('cannot decide its own agency\'s database access, nor suspend it', async () => {
      const t = tokens.gbAgencyAdmin;
      expectProblem(await hub.call(t, { method: 'PUT', url: `/api/v1/organisations/${gbAgency.id}/database-access`, payload: { databases: ['documents', 'persons', 'dna', 'fingerprints'] } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'PATCH', url: `/api/v1/organisations/${gbAgency.id}`, payload: { status: 'suspended' } }), 403, 'access.forbidden');
      expect(await ok(asAdmin({ method: 'GET', url: `/api/v1/organisations/${gbAgency.id}/database-access` }))).toEqual({ databases: [], writable: [] });
      // It still manages its own people.
      const created = await createUser(t, gbAgency.id, 'gbbf.second', ['officer']);
      expect(created.user.orgId).toBe(gbAgency.id);
    });
  });

  describe('GB\'s NCB org-admin governs its agencies', () => {
    let made: Organisation;

    it('creates an agency under GB\'s NCB, with or without parentId', async () => {
      made = await ok<Organisation>(hub.call(tokens.gbAdmin, { method: 'POST', url: '/api/v1/organisations', payload: { kind: 'agency', name: 'Dover Port Police', parentId: gbNcb.id, agencyType: 'border' } }), 201);
      expect(made).toMatchObject({ kind: 'agency', parentId: gbNcb.id, country: 'GB', agencyType: 'border', status: 'pending' });
      const implicit = await ok<Organisation>(hub.call(tokens.gbAdmin, { method: 'POST', url: '/api/v1/organisations', payload: { kind: 'agency', name: 'Immigration Enforcement', agencyType: 'immigration' } }), 201);
      expect(implicit).toMatchObject({ kind: 'agency', parentId: gbNcb.id, country: 'GB', agencyType: 'immigration' });
    });

    it('manages the agency\'s people and decides its database access', async () => {
      const t = tokens.gbAdmin;
      const { user, initialPassword } = await createUser(t, made.id, 'dover.admin', ['org-admin']);
      expect(user.orgId).toBe(made.id);
      const listed = await ok<{ items: User[] }>(hub.call(t, { method: 'GET', url: `/api/v1/organisations/${made.id}/users` }));
      expect(listed.items.map((u) => u.username)).toEqual(['dover.admin']);
      const patched = await ok<User>(hub.call(t, { method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { roles: ['officer', 'auditor'], displayName: 'Dover duty officer' } }));
      expect(patched).toMatchObject({ roles: ['officer', 'auditor'], displayName: 'Dover duty officer' });
      const reset = await ok<{ initialPassword: string }>(hub.call(t, { method: 'POST', url: `/api/v1/users/${user.id}/password-reset` }));
      expect(reset.initialPassword).not.toBe(initialPassword);

      const access = await ok(hub.call(t, { method: 'PUT', url: `/api/v1/organisations/${made.id}/database-access`, payload: { databases: ['documents'] } }));
      expect(access).toEqual({ databases: ['documents'], writable: [] });
      expect(await ok(asAdmin({ method: 'GET', url: `/api/v1/organisations/${made.id}/database-access` }))).toEqual({ databases: ['documents'], writable: [] });
    });

    it('cannot create an agency under FR\'s NCB, an NCB or a partner', async () => {
      const t = tokens.gbAdmin;
      const frAgenciesBefore = await ok<{ items: Organisation[] }>(asAdmin({ method: 'GET', url: '/api/v1/organisations?kind=agency&country=FR' }));
      expectProblem(await hub.call(t, { method: 'POST', url: '/api/v1/organisations', payload: { kind: 'agency', name: 'Trojan agency', parentId: frNcb.id, agencyType: 'border' } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'POST', url: '/api/v1/organisations', payload: { kind: 'agency', name: 'Trojan agency', parentId: frNcb.id, country: 'FR' } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'POST', url: '/api/v1/organisations', payload: { kind: 'agency', name: 'Nested agency', parentId: gbAgency.id } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'POST', url: '/api/v1/organisations', payload: { kind: 'ncb', name: 'Second GB NCB', country: 'GB' } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'POST', url: '/api/v1/organisations', payload: { kind: 'partner', name: 'Friendly network' } }), 403, 'access.forbidden');
      const frAgenciesAfter = await ok<{ items: Organisation[] }>(asAdmin({ method: 'GET', url: '/api/v1/organisations?kind=agency&country=FR' }));
      expect(frAgenciesAfter).toEqual(frAgenciesBefore);
      const partners = await ok<{ items: Organisation[] }>(asAdmin({ method: 'GET', url: '/api/v1/organisations?kind=partner' }));
      expect(partners.items).toEqual([]);
    });

    it('suspends and reinstates its agency, but not one the hub suspended', async () => {
      const t = tokens.gbAdmin;
      const patch = (token: string, status: Organisation['status']) => hub.call(token, { method: 'PATCH', url: `/api/v1/organisations/${made.id}`, payload: { status } });
      expect(await ok<Organisation>(patch(t, 'suspended'))).toMatchObject({ status: 'suspended', suspendedBy: gbNcb.id });
      expect(await ok<Organisation>(patch(t, 'pending'))).toMatchObject({ status: 'pending', suspendedBy: null });

      expect(await ok<Organisation>(patch(hub.adminToken, 'suspended'))).toMatchObject({ status: 'suspended', suspendedBy: hubOrg.id });
      expect(await ok<Organisation>(patch(t, 'suspended'))).toMatchObject({ suspendedBy: hubOrg.id });
      expectProblem(await patch(t, 'pending'), 403, 'access.forbidden');
      expect((await ok<Organisation>(asAdmin({ method: 'GET', url: `/api/v1/organisations/${made.id}` }))).status).toBe('suspended');
      expect(await ok<Organisation>(patch(hub.adminToken, 'pending'))).toMatchObject({ status: 'pending', suspendedBy: null });
    });

    it('cannot suspend or rename its own NCB', async () => {
      expectProblem(await hub.call(tokens.gbAdmin, { method: 'PATCH', url: `/api/v1/organisations/${gbNcb.id}`, payload: { status: 'suspended' } }), 403, 'access.forbidden');
      expectProblem(await hub.call(tokens.gbAdmin, { method: 'PATCH', url: `/api/v1/organisations/${gbNcb.id}`, payload: { name: 'Renamed' } }), 403, 'access.forbidden');
      const ncb = await ok<Organisation>(asAdmin({ method: 'GET', url: `/api/v1/organisations/${gbNcb.id}` }));
      expect(ncb).toMatchObject({ name: gbNcb.name, status: 'connected' });
    });

    it('cannot change the hub organisation', async () => {
      expectProblem(await hub.call(tokens.gbAdmin, { method: 'PATCH', url: `/api/v1/organisations/${hubOrg.id}`, payload: { name: 'Ours now' } }), 403, 'access.forbidden');
      expectProblem(await hub.call(tokens.gbAdmin, { method: 'GET', url: `/api/v1/organisations/${hubOrg.id}/users` }), 403, 'access.forbidden');
    });
  });

  describe('organisation lists are filtered by reach', () => {
    it('GB\'s officer sees GB\'s NCB and its agencies, nothing else', async () => {
      const mine = await ok<{ items: Organisation[] }>(hub.call(tokens.gbOfficer, { method: 'GET', url: '/api/v1/organisations?limit=500' }));
      const gbAgencies = await ok<{ items: Organisation[] }>(asAdmin({ method: 'GET', url: '/api/v1/organisations?kind=agency&country=GB&limit=500' }));
      expect(gbAgencies.items.length).toBeGreaterThanOrEqual(4);
      expect(mine.items.map((o) => o.id).sort()).toEqual([gbNcb.id, ...gbAgencies.items.map((o) => o.id)].sort());
      expect(mine.items.every((o) => o.country === 'GB')).toBe(true);
      const france = await ok<{ items: Organisation[] }>(hub.call(tokens.gbOfficer, { method: 'GET', url: '/api/v1/organisations?country=FR' }));
      expect(france.items).toEqual([]);
      const ncbs = await ok<{ items: Organisation[] }>(hub.call(tokens.gbOfficer, { method: 'GET', url: '/api/v1/organisations?kind=ncb&limit=500' }));
      expect(ncbs.items.map((o) => o.id)).toEqual([gbNcb.id]);
    });

    it('an agency\'s people see only their agency', async () => {
      for (const t of [tokens.gbAgencyOfficer, tokens.gbAgencyAdmin]) {
        const mine = await ok<{ items: Organisation[] }>(hub.call(t, { method: 'GET', url: '/api/v1/organisations?limit=500' }));
        expect(mine.items.map((o) => o.id)).toEqual([gbAgency.id]);
      }
    });

    it('hub staff see every organisation', async () => {
      const all = await ok<{ items: Organisation[] }>(hub.call(tokens.hubOrgAdmin, { method: 'GET', url: '/api/v1/organisations?kind=ncb&limit=500' }));
      expect(all.items).toHaveLength(196);
    });
  });

  describe('roles', () => {
    it('only a hub-admin grants hub-admin', async () => {
      const t = tokens.hubOrgAdmin;
      expectProblem(await hub.call(t, { method: 'POST', url: `/api/v1/organisations/${hubOrg.id}/users`, payload: { username: 'hub.wannabe', displayName: 'Wannabe', roles: ['hub-admin'] } }), 403, 'access.forbidden');
      const plain = await createUser(t, hubOrg.id, 'hub.plain', ['officer']);
      expectProblem(await hub.call(t, { method: 'PATCH', url: `/api/v1/users/${plain.user.id}`, payload: { roles: ['officer', 'hub-admin'] } }), 403, 'access.forbidden');
      expect((await ok<User>(asAdmin({ method: 'GET', url: `/api/v1/users/${plain.user.id}` }))).roles).toEqual(['officer']);
      const granted = await ok<User>(asAdmin({ method: 'PATCH', url: `/api/v1/users/${plain.user.id}`, payload: { roles: ['officer', 'hub-admin'] } }));
      expect(granted.roles).toEqual(['officer', 'hub-admin']);
      const created = await createUser(hub.adminToken, hubOrg.id, 'hub.second', ['hub-admin']);
      expect(created.user.roles).toEqual(['hub-admin']);
    });

    it('a hub org-admin cannot take over, demote or disable a hub-admin', async () => {
      const t = tokens.hubOrgAdmin;
      const { user: target } = await createUser(hub.adminToken, hubOrg.id, 'hub.target', ['hub-admin']);
      expectProblem(await hub.call(t, { method: 'POST', url: `/api/v1/users/${target.id}/password-reset` }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'PATCH', url: `/api/v1/users/${target.id}`, payload: { roles: ['officer'] } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t, { method: 'PATCH', url: `/api/v1/users/${target.id}`, payload: { status: 'disabled' } }), 403, 'access.forbidden');
      const after = await ok<User>(asAdmin({ method: 'GET', url: `/api/v1/users/${target.id}` }));
      expect(after).toMatchObject({ roles: ['hub-admin'], status: 'active', updatedAt: target.updatedAt });
    });

    it('roles invalid for the organisation kind are refused', async () => {
      expectProblem(await asAdmin({ method: 'POST', url: `/api/v1/organisations/${gbAgency.id}/users`, payload: { username: 'gbbf.operator', displayName: 'x', roles: ['ncb-operator'] } }), 422, 'user.invalid_role');
      expectProblem(await asAdmin({ method: 'POST', url: `/api/v1/organisations/${gbNcb.id}/users`, payload: { username: 'gb.hubadmin', displayName: 'x', roles: ['hub-admin'] } }), 422, 'user.invalid_role');
      expectProblem(await asAdmin({ method: 'POST', url: `/api/v1/organisations/${hubOrg.id}/users`, payload: { username: 'hub.operator', displayName: 'x', roles: ['ncb-operator'] } }), 422, 'user.invalid_role');
      expectProblem(await hub.call(tokens.gbAdmin, { method: 'POST', url: `/api/v1/organisations/${gbNcb.id}/users`, payload: { username: 'gb.hubadmin', displayName: 'x', roles: ['officer', 'hub-admin'] } }), 422, 'user.invalid_role');
      expectProblem(await hub.call(tokens.gbAdmin, { method: 'PATCH', url: `/api/v1/users/${ids['gbbf.officer']}`, payload: { roles: ['ncb-operator'] } }), 422, 'user.invalid_role');
      expect((await ok<User>(asAdmin({ method: 'GET', url: `/api/v1/users/${ids['gbbf.officer']}` }))).roles).toEqual(['officer']);
      const ncbOperator = await createUser(tokens.gbAdmin, gbNcb.id, 'gb.operator', ['ncb-operator']);
      expect(ncbOperator.user.roles).toEqual(['ncb-operator']);
    });

    it('nobody changes their own roles or status', async () => {
      const self = ids['gb.admin'] as string;
      expectProblem(await hub.call(tokens.gbAdmin, { method: 'PATCH', url: `/api/v1/users/${self}`, payload: { roles: ['org-admin', 'auditor'] } }), 403, 'access.forbidden');
      expectProblem(await hub.call(tokens.gbAdmin, { method: 'PATCH', url: `/api/v1/users/${self}`, payload: { status: 'disabled' } }), 403, 'access.forbidden');
      expectProblem(await hub.call(tokens.gbAdmin, { method: 'POST', url: `/api/v1/users/${self}/password-reset` }), 403, 'access.forbidden');
      const adminId = (await ok<{ id: string }>(asAdmin({ method: 'GET', url: '/api/v1/session' }))).id;
      expectProblem(await asAdmin({ method: 'PATCH', url: `/api/v1/users/${adminId}`, payload: { roles: ['hub-admin', 'org-admin', 'auditor'] } }), 403, 'access.forbidden');
      expect((await ok<User>(asAdmin({ method: 'GET', url: `/api/v1/users/${self}` }))).roles).toEqual(['org-admin']);
      // A display name is not a privilege.
      const renamed = await ok<User>(hub.call(tokens.gbAdmin, { method: 'PATCH', url: `/api/v1/users/${self}`, payload: { displayName: 'GB duty admin' } }));
      expect(renamed).toMatchObject({ displayName: 'GB duty admin', roles: ['org-admin'], status: 'active' });
    });

    it('an officer cannot manage people even in their own organisation', async () => {
      expectProblem(await hub.call(tokens.gbOfficer, { method: 'POST', url: `/api/v1/organisations/${gbNcb.id}/users`, payload: { username: 'gb.friend', displayName: 'Friend', roles: ['org-admin'] } }), 403, 'access.forbidden');
      expectProblem(await hub.call(tokens.gbOfficer, { method: 'PATCH', url: `/api/v1/users/${ids['gb.officer']}`, payload: { roles: ['org-admin'] } }), 403, 'access.forbidden');
      expectProblem(await hub.call(tokens.gbOfficer, { method: 'GET', url: `/api/v1/organisations/${gbNcb.id}/users` }), 403, 'access.forbidden');
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../audit/entry.js';
import { startTestHub, type TestHub } from '../../hub/testing.js';
import { testBackend } from '../../storage/testing.js';
import type { User } from '../users/schema.js';
import type { Organisation } from './schema.js';
import { auditFollower, expectProblem, ncbOf, ok } from '../../hub/test-support.js';

describe(`organisations API on ${testBackend}`, () => {
  let hub: TestHub;
  let adminId: string;
  let hubOrg: Organisation;
  let gbNcb: Organisation;
  let frNcb: Organisation;
  let gbAdmin: { id: string; token: string };

  const asAdmin = (options: Parameters<TestHub['call']>[1]) => hub.call(hub.adminToken, options);
  const newAuditEntries = auditFollower(() => hub, () => adminId);
  const getOrg = (id: string) => ok<Organisation>(asAdmin({ method: 'GET', url: `/api/v1/organisations/${id}` }));
  const allOrgs = async () => (await ok<{ items: Organisation[] }>(asAdmin({ method: 'GET', url: '/api/v1/organisations?limit=500' }))).items;

  async function createAgency(name: string, parentId: string): Promise<Organisation> {
    return ok<Organisation>(asAdmin({ method: 'POST', url: '/api/v1/organisations', payload: { kind: 'agency', name, parentId, agencyType: 'border' } }), 201);
  }

  async function createUser(orgId: string, username: string): Promise<{ user: User; initialPassword: string }> {
    return ok(asAdmin({ method: 'POST', url: `/api/v1/organisations/${orgId}/users`, payload: { username, displayName: username, roles: ['officer'] } }), 201);
  }

  /** Runs a change and checks it wrote exactly one audit entry, with this action and actor; answers the entry. */
  async function exactlyOneEntry(action: string, actorId: string, change: () => Promise<unknown>): Promise<AuditEntry> {
    await newAuditEntries();
    await change();
    const entries = await newAuditEntries();
    expect(entries.map((e) => [e.action, e.actor.id])).toEqual([[action, actorId]]);
    return entries[0] as AuditEntry;
  }

  beforeAll(async () => {
    hub = await startTestHub();
    const me = await ok<{ id: string; organisation: Organisation }>(asAdmin({ method: 'GET', url: '/api/v1/session' }));
    adminId = me.id;
    hubOrg = me.organisation;
    gbNcb = await ncbOf(hub, 'GB');
    frNcb = await ncbOf(hub, 'FR');
    const { user, initialPassword } = await ok<{ user: User; initialPassword: string }>(asAdmin({ method: 'POST', url: `/api/v1/organisations/${gbNcb.id}/users`, payload: { username: 'gb.admin', displayName: 'GB admin', roles: ['org-admin'] } }), 201);
    gbAdmin = { id: user.id, token: await hub.login('gb.admin', initialPassword) };
    // GB's NCB is connected now; its presence entry is behind us.
    expect((await getOrg(gbNcb.id)).status).toBe('connected');
  });
  afterAll(async () => hub?.close());

  describe('creating', () => {
    it('creates an agency under an NCB, audited once with the admin as actor', async () => {
      let agency: Organisation | undefined;
      const entry = await exactlyOneEntry('organisation.create', adminId, async () => {
        agency = await createAgency('UK Border Force', gbNcb.id);
      });
      expect(agency).toMatchObject({ kind: 'agency', name: 'UK Border Force', country: 'GB', parentId: gbNcb.id, agencyType: 'border', status: 'pending', lastSeenAt: null });
      expect(entry).toMatchObject({ resource: { type: 'organisation', id: agency?.id }, actor: { type: 'user', name: 'admin', org: hubOrg.id }, details: { kind: 'agency', country: 'GB', parentId: gbNcb.id } });
      expect(await getOrg(agency?.id as string)).toEqual(agency);
    });

    it('an agency is a police agency unless told otherwise, and may repeat its NCB\'s country', async () => {
      const agency = await ok<Organisation>(asAdmin({ method: 'POST', url: '/api/v1/organisations', payload: { kind: 'agency', name: 'Metropolitan Police', parentId: gbNcb.id, country: 'GB' } }), 201);
      expect(agency).toMatchObject({ agencyType: 'police', country: 'GB' });
    });

    it('an NCB\'s org-admin creating an agency is the actor of its entry', async () => {
      let agency: Organisation | undefined;
      const entry = await exactlyOneEntry('organisation.create', gbAdmin.id, async () => {
        agency = await ok<Organisation>(hub.call(gbAdmin.token, { method: 'POST', url: '/api/v1/organisations', payload: { kind: 'agency', name: 'Dover Port Police' } }), 201);
      });
      expect(agency).toMatchObject({ parentId: gbNcb.id, country: 'GB' });
      expect(entry.actor).toMatchObject({ type: 'user', id: gbAdmin.id, org: gbNcb.id, country: 'GB' });
    });

    it('creates a partner organisation, with neither country nor parent', async () => {
      let partner: Organisation | undefined;
      const entry = await exactlyOneEntry('organisation.create', adminId, async () => {
        partner = await ok<Organisation>(asAdmin({ method: 'POST', url: '/api/v1/organisations', payload: { kind: 'partner', name: 'Ameripol' } }), 201);
      });
      expect(partner).toMatchObject({ kind: 'partner', country: null, parentId: null, agencyType: null, status: 'pending' });
      expect(entry.resource.id).toBe(partner?.id);
    });

    it('refuses what breaks the shape rules, creating nothing and auditing nothing', async () => {
      const agency = await createAgency('Border Force Heathrow', gbNcb.id);
      const partner = await ok<Organisation>(asAdmin({ method: 'POST', url: '/api/v1/organisations', payload: { kind: 'partner', name: 'Afripol' } }), 201);
      await newAuditEntries();
      const before = await allOrgs();
      const post = (payload: Record<string, unknown>) => asAdmin({ method: 'POST', url: '/api/v1/organisations', payload });

      expectProblem(await post({ kind: 'ncb', name: 'Second NCB London', country: 'GB' }), 409, 'organisation.conflict');
      expectProblem(await post({ kind: 'ncb', name: 'Nowhere', country: 'ZZ' }), 422, 'organisation.invalid_country');
      expectProblem(await post({ kind: 'ncb', name: 'No country' }), 400, 'request.validation_failed');
      expectProblem(await post({ kind: 'ncb', name: 'NCB with a parent', country: 'GB', parentId: frNcb.id }), 422, 'organisation.invalid_parent');

      expectProblem(await post({ kind: 'agency', name: 'Under an agency', parentId: agency.id }), 422, 'organisation.invalid_parent');
      expectProblem(await post({ kind: 'agency', name: 'Under the hub', parentId: hubOrg.id }), 422, 'organisation.invalid_parent');
      expectProblem(await post({ kind: 'agency', name: 'Under a partner', parentId: partner.id }), 422, 'organisation.invalid_parent');
      expectProblem(await post({ kind: 'agency', name: 'Under nothing', parentId: 'org_aaaaaaaaaaaaaaaaaaaaaaaaaa' }), 422, 'organisation.invalid_parent');
      expectProblem(await post({ kind: 'agency', name: 'Wrong country', parentId: gbNcb.id, country: 'FR' }), 422, 'organisation.invalid_parent');
      expectProblem(await post({ kind: 'agency', name: 'Orphan' }), 400, 'request.validation_failed');

      expectProblem(await post({ kind: 'partner', name: 'Partner with a country', country: 'FR' }), 422, 'organisation.invalid_parent');
      expectProblem(await post({ kind: 'partner', name: 'Partner with a parent', parentId: frNcb.id }), 422, 'organisation.invalid_parent');

      expectProblem(await post({ kind: 'hub', name: 'Second hub' }), 400, 'request.validation_failed');
      expectProblem(await post({ kind: 'agency', name: 'x', parentId: gbNcb.id }), 400, 'request.validation_failed');
      expectProblem(await post({ kind: 'agency', name: 'Bad id', parentId: 'not-an-id' }), 400, 'request.validation_failed');

      expect(await allOrgs()).toEqual(before);
      expect(await ncbOf(hub, 'GB')).toEqual(await getOrg(gbNcb.id));
      expect(await newAuditEntries()).toEqual([]);
    });
  });

  describe('reading', () => {
    it('answers one organisation, or a 404', async () => {
      expect(await getOrg(frNcb.id)).toMatchObject({ kind: 'ncb', country: 'FR', parentId: null, agencyType: null, status: 'pending' });
      expectProblem(await asAdmin({ method: 'GET', url: '/api/v1/organisations/org_aaaaaaaaaaaaaaaaaaaaaaaaaa' }), 404, 'organisation.not_found');
      expectProblem(await asAdmin({ method: 'GET', url: '/api/v1/organisations/nope' }), 400, 'request.validation_failed');
      expectProblem(await hub.call(null, { method: 'GET', url: `/api/v1/organisations/${frNcb.id}` }), 401, 'auth.required');
    });

    it('filters and pages lists', async () => {
      const gbAgencies = await ok<{ items: Organisation[] }>(asAdmin({ method: 'GET', url: '/api/v1/organisations?kind=agency&country=GB' }));
      expect(gbAgencies.items.length).toBeGreaterThanOrEqual(3);
      expect(gbAgencies.items.every((o) => o.kind === 'agency' && o.country === 'GB' && o.parentId === gbNcb.id)).toBe(true);

      const first = await ok<{ items: Organisation[] }>(asAdmin({ method: 'GET', url: '/api/v1/organisations?kind=ncb&limit=10' }));
      expect(first.items).toHaveLength(10);
      const last = first.items.at(-1) as Organisation;
      const second = await ok<{ items: Organisation[] }>(asAdmin({ method: 'GET', url: `/api/v1/organisations?kind=ncb&limit=10&after=${last.id}` }));
      expect(second.items).toHaveLength(10);
      expect(second.items.every((o) => o.id > last.id)).toBe(true);
      const both = await ok<{ items: Organisation[] }>(asAdmin({ method: 'GET', url: '/api/v1/organisations?kind=ncb&limit=20' }));
      expect([...first.items, ...second.items]).toEqual(both.items);

      expectProblem(await asAdmin({ method: 'GET', url: '/api/v1/organisations?limit=501' }), 400, 'request.validation_failed');
      expectProblem(await asAdmin({ method: 'GET', url: '/api/v1/organisations?kind=country' }), 400, 'request.validation_failed');
    });
  });

  describe('changing', () => {
    it('renames an organisation, audited once with before and after', async () => {
      const agency = await createAgency('Border Farce', gbNcb.id);
      let renamed: Organisation | undefined;
      const entry = await exactlyOneEntry('organisation.update', adminId, async () => {
        renamed = await ok<Organisation>(asAdmin({ method: 'PATCH', url: `/api/v1/organisations/${agency.id}`, payload: { name: 'Border Force' } }));
      });
      expect(renamed).toMatchObject({ id: agency.id, name: 'Border Force', status: 'pending' });
      expect(entry).toMatchObject({ resource: { id: agency.id }, details: { before: { name: 'Border Farce' }, after: { name: 'Border Force' } } });
      expect((await getOrg(agency.id)).name).toBe('Border Force');
      expectProblem(await asAdmin({ method: 'PATCH', url: `/api/v1/organisations/${agency.id}`, payload: {} }), 400, 'request.validation_failed');
      expectProblem(await asAdmin({ method: 'PATCH', url: '/api/v1/organisations/org_aaaaaaaaaaaaaaaaaaaaaaaaaa', payload: { name: 'Ghost' } }), 404, 'organisation.not_found');
    });

    it('the hub organisation is not changed through the API', async () => {
      expectProblem(await asAdmin({ method: 'PATCH', url: `/api/v1/organisations/${hubOrg.id}`, payload: { status: 'suspended' } }), 403, 'access.forbidden');
      expect((await getOrg(hubOrg.id)).status).toBe('connected');
    });

    it('status connected is observed, never set by hand', async () => {
      const jp = await ncbOf(hub, 'JP');
      expect(jp.status).toBe('pending');
      expectProblem(await asAdmin({ method: 'PATCH', url: `/api/v1/organisations/${jp.id}`, payload: { status: 'connected' } }), 409, 'organisation.invalid_status_change');
      expect(await getOrg(jp.id)).toEqual(jp);
    });

    it('suspends an organisation: its people are refused at login, on open sessions and by key; reinstating lets them back', async () => {
      const agency = await createAgency('Suspect Port Authority', gbNcb.id);
      const { initialPassword } = await createUser(agency.id, 'port.officer');
      const session = await hub.login('port.officer', initialPassword);
      const { secret } = await ok<{ secret: string }>(asAdmin({ method: 'POST', url: `/api/v1/organisations/${agency.id}/api-keys`, payload: { name: 'gate', permissions: ['organisations:read'] } }), 201);
      expect((await hub.call(session, { method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
      expect((await hub.call(secret, { method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);

      let suspended: Organisation | undefined;
      const entry = await exactlyOneEntry('organisation.suspend', adminId, async () => {
        suspended = await ok<Organisation>(asAdmin({ method: 'PATCH', url: `/api/v1/organisations/${agency.id}`, payload: { status: 'suspended', reason: 'credentials leaked' } }));
      });
      expect(suspended?.status).toBe('suspended');
      expect(entry).toMatchObject({ resource: { type: 'organisation', id: agency.id }, details: { after: { status: 'suspended' }, reason: 'credentials leaked' } });

      expectProblem(await hub.call(session, { method: 'GET', url: '/api/v1/session' }), 403, 'auth.organisation_suspended');
      expectProblem(await hub.call(session, { method: 'GET', url: `/api/v1/organisations/${agency.id}` }), 403, 'auth.organisation_suspended');
      expectProblem(await hub.call(secret, { method: 'GET', url: `/api/v1/organisations/${agency.id}` }), 403, 'auth.organisation_suspended');
      expectProblem(await hub.call(null, { method: 'POST', url: '/api/v1/session', payload: { username: 'port.officer', password: 'correct horse battery staple' } }), 403, 'auth.organisation_suspended');

      expectProblem(await asAdmin({ method: 'PATCH', url: `/api/v1/organisations/${agency.id}`, payload: { status: 'connected' } }), 409, 'organisation.invalid_status_change');
      expect((await getOrg(agency.id)).status).toBe('suspended');

      let reinstated: Organisation | undefined;
      await exactlyOneEntry('organisation.reinstate', adminId, async () => {
        reinstated = await ok<Organisation>(asAdmin({ method: 'PATCH', url: `/api/v1/organisations/${agency.id}`, payload: { status: 'pending', reason: 'keys rotated' } }));
      });
      expect(reinstated?.status).toBe('pending');
      expect((await hub.call(session, { method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
      expect((await hub.call(secret, { method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
      expect(await hub.login('port.officer', 'correct horse battery staple')).toMatch(/\S/);
    });

    it('suspending an NCB cuts off the agencies under it too', async () => {
      const de = await ncbOf(hub, 'DE');
      const agency = await createAgency('Bundespolizei Flughafen Frankfurt', de.id);
      const { initialPassword } = await createUser(agency.id, 'fra.officer');
      const session = await hub.login('fra.officer', initialPassword);
      expect((await hub.call(session, { method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
      await ok<Organisation>(asAdmin({ method: 'PATCH', url: `/api/v1/organisations/${de.id}`, payload: { status: 'suspended' } }));
      expectProblem(await hub.call(session, { method: 'GET', url: '/api/v1/session' }), 403, 'auth.organisation_suspended');
      expectProblem(await hub.call(null, { method: 'POST', url: '/api/v1/session', payload: { username: 'fra.officer', password: 'correct horse battery staple' } }), 403, 'auth.organisation_suspended');
      await ok<Organisation>(asAdmin({ method: 'PATCH', url: `/api/v1/organisations/${de.id}`, payload: { status: 'pending' } }));
      expect((await hub.call(session, { method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
    });

    it('a pending NCB becomes connected, with lastSeenAt, once one of its people authenticates', async () => {
      const jp = await ncbOf(hub, 'JP');
      expect(jp).toMatchObject({ status: 'pending', lastSeenAt: null });
      const { initialPassword } = await createUser(jp.id, 'jp.officer');
      const started = Date.now();
      const login = await ok<{ token: string }>(hub.call(null, { method: 'POST', url: '/api/v1/session', payload: { username: 'jp.officer', password: initialPassword } }));
      await newAuditEntries();
      const me = await ok<{ organisation: Organisation }>(hub.call(login.token, { method: 'GET', url: '/api/v1/session' }));
      const now = await getOrg(jp.id);
      expect(now.status).toBe('connected');
      expect(now.lastSeenAt).not.toBeNull();
      expect(new Date(now.lastSeenAt as string).getTime()).toBeGreaterThanOrEqual(started - 1_000);
      expect(me.organisation.id).toBe(jp.id);
      const entries = await newAuditEntries();
      expect(entries.filter((e) => e.action === 'organisation.connected').map((e) => e.resource.id)).toEqual([jp.id]);
      const connected = await ok<{ items: Organisation[] }>(asAdmin({ method: 'GET', url: '/api/v1/organisations?kind=ncb&status=connected&limit=500' }));
      expect(connected.items.map((o) => o.country).sort()).toEqual(['GB', 'JP']);
    });
  });

  describe('database access', () => {
    it('is decided for agencies, audited once with before and after', async () => {
      const agency = await createAgency('Border Force Dover', gbNcb.id);
      expect(await ok(asAdmin({ method: 'GET', url: `/api/v1/organisations/${agency.id}/database-access` }))).toEqual({ databases: [], writable: [] });
      const entry = await exactlyOneEntry('organisation.database_access', adminId, async () => {
        expect(await ok(asAdmin({ method: 'PUT', url: `/api/v1/organisations/${agency.id}/database-access`, payload: { databases: ['persons', 'documents'] } }))).toEqual({ databases: ['documents', 'persons'], writable: [] });
      });
      expect(entry).toMatchObject({ resource: { id: agency.id }, details: { before: { databases: [], writable: [] }, after: { databases: ['documents', 'persons'], writable: [] } } });
      expect(await ok(asAdmin({ method: 'GET', url: `/api/v1/organisations/${agency.id}/database-access` }))).toEqual({ databases: ['documents', 'persons'], writable: [] });

      const byNcb = await exactlyOneEntry('organisation.database_access', gbAdmin.id, async () => {
        expect(await ok(hub.call(gbAdmin.token, { method: 'PUT', url: `/api/v1/organisations/${agency.id}/database-access`, payload: { databases: [] } }))).toEqual({ databases: [], writable: [] });
      });
      expect(byNcb.details).toEqual({ before: { databases: ['documents', 'persons'], writable: [] }, after: { databases: [], writable: [] } });

      expect(await ok(hub.call(gbAdmin.token, { method: 'PUT', url: `/api/v1/organisations/${agency.id}/database-access`, payload: { databases: ['documents'], writable: ['documents'] } }))).toEqual({ databases: ['documents'], writable: ['documents'] });
      expectProblem(await hub.call(gbAdmin.token, { method: 'PUT', url: `/api/v1/organisations/${agency.id}/database-access`, payload: { databases: ['documents'], writable: ['dna'] } }), 400, 'request.validation_failed');
      await ok(hub.call(gbAdmin.token, { method: 'PUT', url: `/api/v1/organisations/${agency.id}/database-access`, payload: { databases: [] } }));
      expect(await ok(asAdmin({ method: 'GET', url: `/api/v1/organisations/${agency.id}/database-access` }))).toEqual({ databases: [], writable: [] });

      expectProblem(await asAdmin({ method: 'PUT', url: `/api/v1/organisations/${agency.id}/database-access`, payload: { databases: ['documents', 'documents'] } }), 400, 'request.validation_failed');
      expectProblem(await asAdmin({ method: 'PUT', url: `/api/v1/organisations/${agency.id}/database-access`, payload: { databases: ['vehicles'] } }), 400, 'request.validation_failed');
    });

    it('is not decided for NCBs or the hub', async () => {
      expectProblem(await asAdmin({ method: 'PUT', url: `/api/v1/organisations/${gbNcb.id}/database-access`, payload: { databases: ['documents'] } }), 403, 'access.forbidden');
      expectProblem(await asAdmin({ method: 'PUT', url: `/api/v1/organisations/${hubOrg.id}/database-access`, payload: { databases: ['documents'] } }), 403, 'access.forbidden');
    });
  });
});

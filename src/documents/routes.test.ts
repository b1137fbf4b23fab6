import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../access/permissions.js';
import type { ErrorCode } from '../core/errors.js';
import { startTestHub, type TestHub } from '../hub/testing.js';
import type { Organisation } from '../registry/organisations/schema.js';
import { testBackend } from '../storage/testing.js';
import type { SearchResult, TravelDocument } from './schema.js';
import { auditEntries, expectProblem, ncbOf, ok } from '../hub/test-support.js';

/**
 * Travel-document records through the HTTP API: who may report, read, change
 * and cancel them, how input is normalised, and every way a record can be
 * refused — each with its precise code and nothing written.
 */
describe(`travel document records on ${testBackend}`, () => {
  let hub: TestHub;
  let gbNcb: Organisation;
  let frNcb: Organisation;
  let searchOnlyAgency: Organisation;
  let writingAgency: Organisation;
  let today: string;
  const t = {
    gbOperator: '', frOperator: '', gbOfficer: '', frOfficer: '',
    searchOnlyRecords: '', writingRecords: '', writingOfficer: '',
  };

  type Call = Parameters<TestHub['call']>[1];
  const asAdmin = (options: Call) => hub.call(hub.adminToken, options);

  async function person(orgId: string, username: string, roles: Role[]): Promise<string> {
    const { initialPassword } = await ok<{ initialPassword: string }>(asAdmin({ method: 'POST', url: `/api/v1/organisations/${orgId}/users`, payload: { username, displayName: username, roles } }), 201);
    return hub.login(username, initialPassword);
  }

  async function agency(name: string, access: { databases: string[]; writable?: string[] }): Promise<Organisation> {
    const org = await ok<Organisation>(asAdmin({ method: 'POST', url: '/api/v1/organisations', payload: { kind: 'agency', name, parentId: gbNcb.id, agencyType: 'border' } }), 201);
    // The GB NCB decides its agency's access, as it would in life.
    const gbAdmin = await person(gbNcb.id, `gb.admin.${name.toLowerCase().replace(/\W+/g, '')}`, ['org-admin']);
    expect(await ok(hub.call(gbAdmin, { method: 'PUT', url: `/api/v1/organisations/${org.id}/database-access`, payload: access }))).toEqual({ writable: [], ...access });
    return org;
  }

  const create = (token: string, payload: Record<string, unknown>) => hub.call(token, { method: 'POST', url: '/api/v1/documents', payload });
  const passport = (number: string, extra: Record<string, unknown> = {}) => ({ issuingState: 'GBR', documentType: 'passport', status: 'stolen', number, ...extra });
  const search = (token: string, payload: Record<string, unknown>) => ok<SearchResult>(hub.call(token, { method: 'POST', url: '/api/v1/documents/search', payload }));

  /** Every record in the hub, as the hub administrator lists them. */
  async function allRecords(): Promise<TravelDocument[]> {
    return (await ok<{ items: TravelDocument[] }>(asAdmin({ method: 'GET', url: '/api/v1/documents?limit=500' }))).items;
  }

  function addYears(day: string, years: number): string {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCFullYear(d.getUTCFullYear() + years);
    return d.toISOString().slice(0, 10);
  }
  function addDays(day: string, days: number): string {
    return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  }

  beforeAll(async () => {
    hub = await startTestHub();
    today = hub.ctx.clock.now().toISOString().slice(0, 10);
    gbNcb = await ncbOf(hub, 'GB');
    frNcb = await ncbOf(hub, 'FR');
    t.gbOperator = await person(gbNcb.id, 'gb.operator', ['ncb-operator']);
    t.gbOfficer = await person(gbNcb.id, 'gb.officer', ['officer']);
    t.frOperator = await person(frNcb.id, 'fr.operator', ['ncb-operator']);
    t.frOfficer = await person(frNcb.id, 'fr.officer', ['officer']);
    searchOnlyAgency = await agency('Border Force', { databases: ['documents'] });
    writingAgency = await agency('Passport Office', { databases: ['documents'], writable: ['documents'] });
    t.searchOnlyRecords = await person(searchOnlyAgency.id, 'bf.records', ['records-officer']);
    t.writingRecords = await person(writingAgency.id, 'hmpo.records', ['records-officer']);
    t.writingOfficer = await person(writingAgency.id, 'hmpo.officer', ['officer']);
  });
  afterAll(async () => hub?.close());

  describe('reporting', () => {
    let stolen: TravelDocument;
    let blanks: TravelDocument;

    it('a GB NCB operator reports a stolen passport; the number and state are normalised', async () => {
      stolen = await ok<TravelDocument>(create(t.gbOperator, {
        issuingState: 'gbr', documentType: 'passport', status: 'stolen', number: ' 12 345 678a ',
        event: { date: '2025-01-15', place: 'London Heathrow', circumstances: 'bag stolen in terminal 5' },
        holder: { name: 'SMITH, John', birthDate: '1985-07-04', nationality: 'gbr' },
        issuedOn: '2020-03-01', expiresOn: '2030-03-01',
      }), 201);
      expect(stolen).toMatchObject({
        kind: 'single', ownerOrgId: gbNcb.id, ownerCountry: 'GB', issuingState: 'GBR', documentType: 'passport', status: 'stolen',
        number: '12345678A', range: null,
        event: { date: '2025-01-15', place: 'London Heathrow', circumstances: 'bag stolen in terminal 5' },
        holder: { name: 'SMITH, John', birthDate: '1985-07-04', nationality: 'GBR' },
        issuedOn: '2020-03-01', expiresOn: '2030-03-01',
        reviewDate: addYears(today, 5),
        restriction: { visibility: 'all', countries: [] },
        state: 'active', version: 1, cancelledAt: null,
      });
      expect(stolen.id).toMatch(/^doc_/);
    });

    it('reports a range of stolen blanks as one record', async () => {
      blanks = await ok<TravelDocument>(create(t.gbOperator, { issuingState: 'GBR', documentType: 'passport', status: 'stolen_blank', range: { from: 'X0001000', to: 'x000 1999' } }), 201);
      expect(blanks).toMatchObject({ kind: 'range', number: null, status: 'stolen_blank', range: { from: 'X0001000', to: 'X0001999', count: 1000 }, ownerCountry: 'GB' });
    });

    it('gets a record back as it was reported', async () => {
      expect(await ok<TravelDocument>(hub.call(t.gbOperator, { method: 'GET', url: `/api/v1/documents/${stolen.id}` }))).toEqual(stolen);
      expect(await ok<TravelDocument>(hub.call(t.gbOperator, { method: 'GET', url: `/api/v1/documents/${blanks.id}` }))).toEqual(blanks);
      expectProblem(await hub.call(t.gbOperator, { method: 'GET', url: '/api/v1/documents/doc_aaaaaaaaaaaaaaaaaaaaaaaaaa' }), 404, 'document.not_found');
    });

    it('lists its own country\'s records, and only those', async () => {
      const fr = await ok<TravelDocument>(create(t.frOperator, { issuingState: 'FRA', documentType: 'identity_card', status: 'lost', number: 'FR0000001' }), 201);
      const gb = await ok<{ items: TravelDocument[] }>(hub.call(t.gbOperator, { method: 'GET', url: '/api/v1/documents' }));
      expect(gb.items.map((d) => d.id)).toEqual(expect.arrayContaining([stolen.id, blanks.id]));
      expect(gb.items.every((d) => d.ownerCountry === 'GB')).toBe(true);
      const frList = await ok<{ items: TravelDocument[] }>(hub.call(t.frOperator, { method: 'GET', url: '/api/v1/documents' }));
      expect(frList.items.map((d) => d.id)).toEqual([fr.id]);
      expectProblem(await hub.call(t.frOperator, { method: 'GET', url: '/api/v1/documents?country=GB' }), 403, 'access.forbidden');
      // The hub lists any country's.
      const asHub = await ok<{ items: TravelDocument[] }>(asAdmin({ method: 'GET', url: '/api/v1/documents?country=FR' }));
      expect(asHub.items.map((d) => d.id)).toEqual([fr.id]);
    });

    it('France cannot read, change or cancel GB\'s record', async () => {
      for (const token of [t.frOperator, t.frOfficer]) {
        expectProblem(await hub.call(token, { method: 'GET', url: `/api/v1/documents/${stolen.id}` }), 403, 'access.forbidden');
        expectProblem(await hub.call(token, { method: 'PATCH', url: `/api/v1/documents/${stolen.id}`, payload: { version: 1, status: 'lost' } }), 403, 'access.forbidden');
        expectProblem(await hub.call(token, { method: 'PATCH', url: `/api/v1/documents/${stolen.id}`, payload: { version: 1, restriction: { visibility: 'hub' } } }), 403, 'access.forbidden');
        expectProblem(await hub.call(token, { method: 'DELETE', url: `/api/v1/documents/${stolen.id}` }), 403, 'access.forbidden');
        expectProblem(await hub.call(token, { method: 'DELETE', url: `/api/v1/documents/${blanks.id}` }), 403, 'access.forbidden');
      }
      // Untouched: same version, still active, still matching for anyone.
      expect(await ok<TravelDocument>(asAdmin({ method: 'GET', url: `/api/v1/documents/${stolen.id}` }))).toEqual(stolen);
      expect(await ok<TravelDocument>(asAdmin({ method: 'GET', url: `/api/v1/documents/${blanks.id}` }))).toEqual(blanks);
      expect((await search(t.frOfficer, { number: '12345678A', issuingState: 'GBR' })).outcome).toBe('hit');
      expect((await search(t.frOfficer, { number: 'X0001500' })).outcome).toBe('hit');
      const denied = (await auditEntries(hub, 'documents.update')).concat(await auditEntries(hub, 'documents.cancel')).filter((e) => e.resource.id === stolen.id || e.resource.id === blanks.id);
      expect(denied).toEqual([]);
    });

    it('an agency given search access only cannot report; one given write access can, through its records officer', async () => {
      expectProblem(await create(t.searchOnlyRecords, passport('AG0000001')), 403, 'access.forbidden');
      expectProblem(await create(t.writingOfficer, passport('AG0000001')), 403, 'access.forbidden');
      const made = await ok<TravelDocument>(create(t.writingRecords, passport('AG0000001')), 201);
      expect(made).toMatchObject({ ownerOrgId: writingAgency.id, ownerCountry: 'GB', number: 'AG0000001' });
      // The record belongs to GB: GB's NCB maintains it too.
      const changed = await ok<TravelDocument>(hub.call(t.gbOperator, { method: 'PATCH', url: `/api/v1/documents/${made.id}`, payload: { version: 1, status: 'lost' } }));
      expect(changed).toMatchObject({ status: 'lost', version: 2 });
      // The search-only agency cannot change or cancel it either.
      expectProblem(await hub.call(t.searchOnlyRecords, { method: 'PATCH', url: `/api/v1/documents/${made.id}`, payload: { version: 2, status: 'stolen' } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t.searchOnlyRecords, { method: 'DELETE', url: `/api/v1/documents/${made.id}` }), 403, 'access.forbidden');
      // Taking write access away takes effect at once.
      const gbAdmin = await person(gbNcb.id, 'gb.admin.revoker', ['org-admin']);
      await ok(hub.call(gbAdmin, { method: 'PUT', url: `/api/v1/organisations/${writingAgency.id}/database-access`, payload: { databases: ['documents'] } }));
      expectProblem(await create(t.writingRecords, passport('AG0000002')), 403, 'access.forbidden');
      await ok(hub.call(gbAdmin, { method: 'PUT', url: `/api/v1/organisations/${writingAgency.id}/database-access`, payload: { databases: ['documents'], writable: ['documents'] } }));
      expect((await allRecords()).filter((d) => d.number === 'AG0000002')).toEqual([]);
    });

    it('an officer cannot report, change or cancel, even for their own country', async () => {
      expectProblem(await create(t.gbOfficer, passport('OF0000001')), 403, 'access.forbidden');
      expectProblem(await hub.call(t.gbOfficer, { method: 'PATCH', url: `/api/v1/documents/${stolen.id}`, payload: { version: 1, status: 'lost' } }), 403, 'access.forbidden');
      expectProblem(await hub.call(t.gbOfficer, { method: 'DELETE', url: `/api/v1/documents/${stolen.id}` }), 403, 'access.forbidden');
      // The hub does not own records.
      expectProblem(await create(hub.adminToken, passport('HUB000001')), 403, 'access.forbidden');
      expect((await allRecords()).filter((d) => ['OF0000001', 'HUB000001'].includes(d.number ?? ''))).toEqual([]);
    });

    it('a duplicate (same owner country, state and number, however written) is refused; another country may report it', async () => {
      for (const number of ['12345678A', '1234 5678 a', '12-345-678-A']) {
        expectProblem(await create(t.gbOperator, passport(number)), 409, 'document.duplicate');
      }
      // An agency of the same country is the same owner.
      expectProblem(await create(t.writingRecords, passport('12345678A')), 409, 'document.duplicate');
      expectProblem(await create(t.gbOperator, { issuingState: 'GBR', documentType: 'passport', status: 'stolen_blank', range: { from: 'X0001000', to: 'X0001999' } }), 409, 'document.duplicate');
      expect((await allRecords()).filter((d) => d.ownerCountry === 'GB' && d.number === '12345678A')).toHaveLength(1);
      // Another issuing state, or another owner, is another record.
      await ok(create(t.gbOperator, passport('12345678A', { issuingState: 'IRL' })), 201);
      const french = await ok<TravelDocument>(create(t.frOperator, passport('12345678A')), 201);
      expect(french).toMatchObject({ ownerCountry: 'FR', issuingState: 'GBR', number: '12345678A' });
    });

    it('two simultaneous reports of one document: one is made, the other is a duplicate', async () => {
      const answers = await Promise.all([1, 2, 3, 4].map(() => create(t.gbOperator, passport('RACE00001'))));
      expect(answers.map((r) => r.statusCode).sort(), answers.map((r) => r.body).join('\n')).toEqual([201, 409, 409, 409]);
      for (const r of answers.filter((a) => a.statusCode === 409)) expectProblem(r, 409, 'document.duplicate');
      expect((await allRecords()).filter((d) => d.number === 'RACE00001')).toHaveLength(1);
    });

    it('a change with a stale version is refused; with the current one it applies', async () => {
      const v2 = await ok<TravelDocument>(hub.call(t.gbOperator, { method: 'PATCH', url: `/api/v1/documents/${stolen.id}`, payload: { version: 1, event: { date: '2025-01-14', place: 'London', circumstances: 'burglary' } } }));
      expect(v2).toMatchObject({ version: 2, event: { date: '2025-01-14', place: 'London', circumstances: 'burglary' }, status: 'stolen' });
      const stale = expectProblem(await hub.call(t.gbOperator, { method: 'PATCH', url: `/api/v1/documents/${stolen.id}`, payload: { version: 1, status: 'lost' } }), 409, 'document.conflict');
      expect(stale.detail).toContain('version 2');
      expect(await ok<TravelDocument>(hub.call(t.gbOperator, { method: 'GET', url: `/api/v1/documents/${stolen.id}` }))).toEqual(v2);
      const v3 = await ok<TravelDocument>(hub.call(t.gbOperator, { method: 'PATCH', url: `/api/v1/documents/${stolen.id}`, payload: { version: 2, reviewDate: addYears(today, 2), restriction: { visibility: 'countries', countries: ['IE', 'FR'] } } }));
      expect(v3).toMatchObject({ version: 3, reviewDate: addYears(today, 2), restriction: { visibility: 'countries', countries: ['FR', 'IE'] } });
      // A version alone changes nothing and is refused by the schema.
      expectProblem(await hub.call(t.gbOperator, { method: 'PATCH', url: `/api/v1/documents/${stolen.id}`, payload: { version: 3 } }), 400, 'request.validation_failed');
      // A blank range stays a blank range; a document does not become a blank.
      expectProblem(await hub.call(t.gbOperator, { method: 'PATCH', url: `/api/v1/documents/${blanks.id}`, payload: { version: 1, status: 'stolen' } }), 422, 'document.invalid');
      expectProblem(await hub.call(t.gbOperator, { method: 'PATCH', url: `/api/v1/documents/${stolen.id}`, payload: { version: 3, status: 'stolen_blank' } }), 422, 'document.invalid');
      expectProblem(await hub.call(t.gbOperator, { method: 'PATCH', url: `/api/v1/documents/${stolen.id}`, payload: { version: 3, reviewDate: today } }), 422, 'document.invalid');
      expect((await ok<TravelDocument>(asAdmin({ method: 'GET', url: `/api/v1/documents/${stolen.id}` }))).version).toBe(3);
    });

    it('a change is checked as a new record is: dates, states and restrictions', async () => {
      const doc = await ok<TravelDocument>(create(t.gbOperator, passport('CHK000001', { issuedOn: '2020-01-01' })), 201);
      const patch = (payload: Record<string, unknown>) => hub.call(t.gbOperator, { method: 'PATCH', url: `/api/v1/documents/${doc.id}`, payload: { version: 1, ...payload } });
      const refused: [Record<string, unknown>, string][] = [
        [{ event: { date: '2024-02-31' } }, '/body/event/date'],
        [{ event: { date: addDays(today, 1) } }, '/body/event/date'],
        [{ holder: { birthDate: '1990-02-30' } }, '/body/holder/birthDate'],
        [{ holder: { nationality: 'ZZZ' } }, '/body/holder/nationality'],
        [{ expiresOn: '2030-02-31' }, '/body/expiresOn'],
        [{ expiresOn: '2019-12-31' }, '/body/expiresOn'],
        [{ restriction: { visibility: 'countries' } }, '/body/restriction/countries'],
        [{ reviewDate: addDays(addYears(today, 10), 1) }, '/body/reviewDate'],
      ];
      for (const [payload, pointer] of refused) {
        const problem = expectProblem(await patch(payload), 422, 'document.invalid');
        expect(problem.errors?.map((e) => e.pointer), JSON.stringify(payload)).toEqual([pointer]);
      }
      expect(await ok<TravelDocument>(asAdmin({ method: 'GET', url: `/api/v1/documents/${doc.id}` }))).toEqual(doc);
      const changed = await ok<TravelDocument>(patch({ holder: { name: 'DOE, Jane', nationality: 'irl' }, expiresOn: '2030-01-01' }));
      expect(changed).toMatchObject({ version: 2, holder: { name: 'DOE, Jane', birthDate: null, nationality: 'IRL' }, expiresOn: '2030-01-01' });
    });

    it('a cancelled record stops matching at once, and cannot be cancelled or changed again', async () => {
      const doc = await ok<TravelDocument>(create(t.gbOperator, passport('CX1234567')), 201);
      const range = await ok<TravelDocument>(create(t.gbOperator, { issuingState: 'GBR', documentType: 'identity_card', status: 'stolen_blank', range: { from: 'CB500', to: 'CB599' } }), 201);
      expect((await search(t.frOfficer, { number: 'CX1234567', issuingState: 'GBR' })).outcome).toBe('hit');
      expect((await search(t.frOfficer, { number: 'CB550' })).outcome).toBe('hit');

      const cancelled = await ok<TravelDocument>(hub.call(t.gbOperator, { method: 'DELETE', url: `/api/v1/documents/${doc.id}?reason=found` }));
      expect(cancelled).toMatchObject({ state: 'cancelled', version: 2 });
      expect(cancelled.cancelledAt).not.toBeNull();
      expect(await search(t.frOfficer, { number: 'CX1234567', issuingState: 'GBR' })).toEqual({ outcome: 'no_hit', query: { number: 'CX1234567', issuingState: 'GBR' } });
      expect((await search(t.frOfficer, { number: 'CX12345G7' })).outcome).toBe('no_hit');
      await ok(hub.call(t.gbOperator, { method: 'DELETE', url: `/api/v1/documents/${range.id}` }));
      expect((await search(t.frOfficer, { number: 'CB550' })).outcome).toBe('no_hit');

      expectProblem(await hub.call(t.gbOperator, { method: 'DELETE', url: `/api/v1/documents/${doc.id}` }), 409, 'document.conflict');
      expectProblem(await hub.call(t.gbOperator, { method: 'PATCH', url: `/api/v1/documents/${doc.id}`, payload: { version: 2, status: 'lost' } }), 409, 'document.conflict');
      const lists = await ok<{ items: TravelDocument[] }>(hub.call(t.gbOperator, { method: 'GET', url: '/api/v1/documents?state=cancelled' }));
      expect(lists.items.map((d) => d.id).sort()).toEqual([doc.id, range.id].sort());

      // Reported again after a cancellation, it is a new record that matches again.
      const again = await ok<TravelDocument>(create(t.gbOperator, passport('CX1234567')), 201);
      expect(again.id).not.toBe(doc.id);
      expect((await search(t.frOfficer, { number: 'CX1234567', issuingState: 'GBR' })).outcome).toBe('hit');
    });

    it('a blank range reported again after its cancellation is a new record', async () => {
      const range = await ok<TravelDocument>(create(t.gbOperator, { issuingState: 'GBR', documentType: 'visa', status: 'stolen_blank', range: { from: 'RV100', to: 'RV199' } }), 201);
      await ok(hub.call(t.gbOperator, { method: 'DELETE', url: `/api/v1/documents/${range.id}` }));
      const again = await ok<TravelDocument>(create(t.gbOperator, { issuingState: 'GBR', documentType: 'visa', status: 'stolen_blank', range: { from: 'RV100', to: 'RV199' } }), 201);
      expect(again.state).toBe('active');
    });

    it('two blank ranges with the same numbers but another width are different records', async () => {
      await ok<TravelDocument>(create(t.gbOperator, { issuingState: 'GBR', documentType: 'visa', status: 'stolen_blank', range: { from: 'WV001', to: 'WV009' } }), 201);
      const wider = await ok<TravelDocument>(create(t.gbOperator, { issuingState: 'GBR', documentType: 'visa', status: 'stolen_blank', range: { from: 'WV0001', to: 'WV0009' } }), 201);
      expect(wider.range).toEqual({ from: 'WV0001', to: 'WV0009', count: 9 });
      expectProblem(await create(t.gbOperator, { issuingState: 'GBR', documentType: 'visa', status: 'stolen_blank', range: { from: 'WV0001', to: 'WV0009' } }), 409, 'document.duplicate');
    });

    it('audits every creation, read, change and cancellation', async () => {
      const creates = await auditEntries(hub, 'documents.create');
      const mine = creates.find((e) => e.resource.id === stolen.id);
      expect(mine).toMatchObject({
        actor: { type: 'user', name: 'gb.operator', org: gbNcb.id, country: 'GB' },
        resource: { type: 'travel_document', id: stolen.id },
        outcome: 'success',
        details: { issuingState: 'GBR', number: '12345678A', status: 'stolen', visibility: 'all' },
      });
      expect(creates.find((e) => e.resource.id === blanks.id)?.details).toMatchObject({ range: { prefix: 'X', first: 1000, last: 1999, digits: 7 }, status: 'stolen_blank' });
      // Every record in the hub was audited when it was made, once.
      const records = await allRecords();
      expect(creates.map((e) => e.resource.id).sort()).toEqual(records.map((d) => d.id).sort());

      const updates = (await auditEntries(hub, 'documents.update')).filter((e) => e.resource.id === stolen.id);
      expect(updates.map((e) => e.details)).toEqual([
        { changed: { event: { date: '2025-01-14', place: 'London', circumstances: 'burglary' } } },
        { changed: { reviewDate: addYears(today, 2), restriction: { visibility: 'countries', countries: ['IE', 'FR'] } } },
      ]);
      const cancels = await auditEntries(hub, 'documents.cancel');
      expect(cancels.map((e) => e.details.reason)).toContain('found');
      const reads = (await auditEntries(hub, 'documents.read')).filter((e) => e.resource.id === stolen.id);
      expect(reads.map((e) => e.actor.name)).toContain('gb.operator');
      expect((await auditEntries(hub, 'documents.list')).length).toBeGreaterThan(0);
    });
  });

  describe('bad input: a precise error and nothing written', () => {
    const cases: [string, () => Record<string, unknown>, number, ErrorCode, string | null][] = [
      ['an unknown issuing state', () => passport('BAD000001', { issuingState: 'ZZZ' }), 422, 'document.unknown_state', '/body/issuingState'],
      ['a number too long', () => passport('A'.repeat(21)), 422, 'document.invalid_number', '/body/number'],
      ['a number with a character not allowed', () => passport('AB#123456'), 422, 'document.invalid_number', '/body/number'],
      ['a number with an accented letter', () => passport('ÄB1234567'), 422, 'document.invalid_number', '/body/number'],
      ['a number of separators only', () => passport(' - < '), 422, 'document.invalid_number', '/body/number'],
      ['a range whose end is before its start', () => ({ issuingState: 'GBR', documentType: 'passport', status: 'stolen_blank', range: { from: 'X0002000', to: 'X0001999' } }), 422, 'document.invalid', '/body/range/to'],
      ['a range whose ends have different prefixes', () => ({ issuingState: 'GBR', documentType: 'passport', status: 'stolen_blank', range: { from: 'X0002000', to: 'Y0002999' } }), 422, 'document.invalid', '/body/range'],
      ['a range whose ends have different widths', () => ({ issuingState: 'GBR', documentType: 'passport', status: 'stolen_blank', range: { from: 'X2000', to: 'X02999' } }), 422, 'document.invalid', '/body/range'],
      ['a range of serials too long to count exactly', () => ({ issuingState: 'GBR', documentType: 'passport', status: 'stolen_blank', range: { from: 'Z9007199254740993', to: 'Z9007199254740999' } }), 422, 'document.invalid', '/body/range'],
      ['a range over the size limit', () => ({ issuingState: 'GBR', documentType: 'passport', status: 'stolen_blank', range: { from: 'Z0000000', to: 'Z1000000' } }), 422, 'document.invalid', '/body/range'],
      ['a range that is not of stolen blanks', () => ({ issuingState: 'GBR', documentType: 'passport', status: 'stolen', range: { from: 'Z0000000', to: 'Z0000009' } }), 422, 'document.invalid', '/body/status'],
      ['both a number and a range', () => ({ ...passport('BAD000002'), status: 'stolen_blank', range: { from: 'Z0000000', to: 'Z0000009' } }), 422, 'document.invalid', '/body'],
      ['neither a number nor a range', () => ({ issuingState: 'GBR', documentType: 'passport', status: 'stolen' }), 422, 'document.invalid', '/body'],
      ['a review date in the past', () => passport('BAD000003', { reviewDate: addDays(today, -1) }), 422, 'document.invalid', '/body/reviewDate'],
      ['a review date of today', () => passport('BAD000004', { reviewDate: today }), 422, 'document.invalid', '/body/reviewDate'],
      ['a review date beyond 10 years', () => passport('BAD000005', { reviewDate: addDays(addYears(today, 10), 1) }), 422, 'document.invalid', '/body/reviewDate'],
      ['a review date of 31 February', () => passport('BAD000006', { reviewDate: `${Number(today.slice(0, 4)) + 2}-02-31` }), 422, 'document.invalid', '/body/reviewDate'],
      ['a theft on 31 February', () => passport('BAD000007', { event: { date: '2024-02-31' } }), 422, 'document.invalid', '/body/event/date'],
      ['an issue date of 30 February', () => passport('BAD000008', { issuedOn: '2023-02-30' }), 422, 'document.invalid', '/body/issuedOn'],
      ['a theft in the future', () => passport('BAD000009', { event: { date: addDays(today, 2) } }), 422, 'document.invalid', '/body/event/date'],
      ['an expiry before the issue', () => passport('BAD000010', { issuedOn: '2020-01-01', expiresOn: '2019-12-31' }), 422, 'document.invalid', '/body/expiresOn'],
      ['restriction to countries without countries', () => passport('BAD000011', { restriction: { visibility: 'countries' } }), 422, 'document.invalid', '/body/restriction/countries'],
      ['restriction to countries with an empty list', () => passport('BAD000012', { restriction: { visibility: 'countries', countries: [] } }), 422, 'document.invalid', '/body/restriction/countries'],
      ['countries named with visibility "all"', () => passport('BAD000013', { restriction: { visibility: 'all', countries: ['FR'] } }), 422, 'document.invalid', '/body/restriction/countries'],
      ['restriction to a country that is not a member', () => passport('BAD000014', { restriction: { visibility: 'countries', countries: ['XY'] } }), 422, 'document.invalid', '/body/restriction/countries'],
      ['an unknown holder nationality', () => passport('BAD000015', { holder: { nationality: 'QQQ' } }), 422, 'document.invalid', '/body/holder/nationality'],
      ['an unknown field', () => passport('BAD000016', { colour: 'blue' }), 400, 'request.validation_failed', '/body/colour'],
      ['an unknown field inside event', () => passport('BAD000017', { event: { weather: 'rain' } }), 400, 'request.validation_failed', '/body/event/weather'],
      ['an unknown status', () => passport('BAD000018', { status: 'misplaced' }), 400, 'request.validation_failed', null],
      ['an unknown document type', () => passport('BAD000019', { documentType: 'library_card' }), 400, 'request.validation_failed', null],
      ['a number as a JSON number', () => passport('x', { number: 123456789 }), 400, 'request.validation_failed', null],
    ];

    let before: { records: TravelDocument[]; creates: number };
    beforeAll(async () => {
      before = { records: await allRecords(), creates: (await auditEntries(hub, 'documents.create')).length };
    });

    it.each(cases)('%s', async (_name, body, status, code, pointer) => {
      const problem = expectProblem(await create(t.gbOperator, body()), status, code);
      if (pointer !== null) expect(problem.errors?.map((e) => e.pointer)).toEqual([pointer]);
    });

    it('the same checks on the number pass at the limits', async () => {
      const longest = await ok<TravelDocument>(create(t.gbOperator, passport('A'.repeat(20))), 201);
      expect(longest.number).toBe('A'.repeat(20));
      const widest = await ok<TravelDocument>(create(t.gbOperator, { issuingState: 'GBR', documentType: 'passport', status: 'stolen_blank', range: { from: 'W0000001', to: 'W1000000' } }), 201);
      expect(widest.range).toEqual({ from: 'W0000001', to: 'W1000000', count: 1_000_000 });
      const review = await ok<TravelDocument>(create(t.gbOperator, passport('REVIEW001', { reviewDate: addYears(today, 10) })), 201);
      expect(review.reviewDate).toBe(addYears(today, 10));
      await ok(create(t.gbOperator, passport('LEAP00001', { event: { date: '2024-02-29' } })), 201);
      before.records.push(longest, widest, review);
    });

    it('wrote nothing for any refused record', async () => {
      const after = await allRecords();
      expect(after.filter((d) => d.number?.startsWith('BAD'))).toEqual([]);
      expect(after.filter((d) => d.range?.from.startsWith('Z'))).toEqual([]);
      expect((await auditEntries(hub, 'documents.create')).length).toBe(before.creates + 4);
    });
  });
});

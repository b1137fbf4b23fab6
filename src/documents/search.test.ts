import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../access/permissions.js';
import type { Case, Hit } from '../hits/schema.js';
import { HIT_TOPIC, type HitEvent } from '../hits/service.js';
import { startTestHub, type TestHub } from '../hub/testing.js';
import type { Organisation } from '../registry/organisations/schema.js';
import { testBackend } from '../storage/testing.js';
import { formatMrz, type MrzFields } from './mrz/index.js';
import type { SearchResult, TravelDocument } from './schema.js';
import { auditEntries, expectProblem, ncbOf, ok } from '../hub/test-support.js';

/**
 * Searching travel documents over HTTP, as an officer of another country
 * (France) searching records reported by the UK: what a hit shows and what it
 * opens, OCR tolerance, blank ranges, MRZs, the owner's restrictions, audit
 * and statistics, batches and the NDJSON stream.
 */
describe(`travel document search on ${testBackend}`, () => {
  let hub: TestHub;
  let hubOrgId: string;
  let gbNcb: Organisation;
  let frNcb: Organisation;
  let frBorder: Organisation;
  let frNoAccess: Organisation;
  let today: string;
  const t = { gbOperator: '', frOfficer: '', frOperator: '', ieOfficer: '', frBorderOfficer: '', frNoAccessOfficer: '' };
  const records: Record<string, TravelDocument> = {};
  const hitEvents: HitEvent[] = [];

  type Call = Parameters<TestHub['call']>[1];
  const asAdmin = (options: Call) => hub.call(hub.adminToken, options);

  async function person(orgId: string, username: string, roles: Role[]): Promise<string> {
    const { initialPassword } = await ok<{ initialPassword: string }>(asAdmin({ method: 'POST', url: `/api/v1/organisations/${orgId}/users`, payload: { username, displayName: username, roles } }), 201);
    return hub.login(username, initialPassword);
  }

  const search = (token: string, payload: Record<string, unknown>) => hub.call(token, { method: 'POST', url: '/api/v1/documents/search', payload });
  const found = (token: string, payload: Record<string, unknown>) => ok<SearchResult>(search(token, payload));
  const batch = (token: string, payload: unknown) => hub.call(token, { method: 'POST', url: '/api/v1/documents/search/batch', payload: payload as Record<string, unknown> });
  const stream = (token: string, body: string, contentType = 'application/x-ndjson') =>
    hub.call(token, { method: 'POST', url: '/api/v1/documents/search/stream', headers: { 'content-type': contentType }, payload: body });

  async function frStats(): Promise<{ searches: number; hits: number }> {
    return (await ok<{ totals: { searches: number; hits: number } }>(asAdmin({ method: 'GET', url: '/api/v1/stats?database=documents&country=FR' }))).totals;
  }

  const passport: MrzFields = {
    format: 'TD3', documentCode: 'P', issuingState: 'GBR', documentNumber: '502134876',
    dateOfBirth: '850704', sex: 'M', dateOfExpiry: '300101', nationality: 'GBR',
    primaryIdentifier: 'SMITH', secondaryIdentifiers: 'JOHN PAUL',
  };
  const idCard: MrzFields = { ...passport, format: 'TD1', documentCode: 'I', documentNumber: 'AB1234567890', primaryIdentifier: 'JONES', secondaryIdentifiers: 'MARY' };

  beforeAll(async () => {
    hub = await startTestHub();
    hubOrgId = hub.ctx.hubOrgId;
    today = hub.ctx.clock.now().toISOString().slice(0, 10);
    hub.ctx.bus.subscribe(HIT_TOPIC, (_topic, payload) => hitEvents.push(payload as HitEvent));
    gbNcb = await ncbOf(hub, 'GB');
    frNcb = await ncbOf(hub, 'FR');
    t.gbOperator = await person(gbNcb.id, 'gb.operator', ['ncb-operator']);
    t.frOfficer = await person(frNcb.id, 'fr.officer', ['officer']);
    t.frOperator = await person(frNcb.id, 'fr.operator', ['ncb-operator']);
    t.ieOfficer = await person((await ncbOf(hub, 'IE')).id, 'ie.officer', ['officer']);
    frBorder = await ok<Organisation>(asAdmin({ method: 'POST', url: '/api/v1/organisations', payload: { kind: 'agency', name: 'Police aux frontières', parentId: frNcb.id, agencyType: 'border' } }), 201);
    frNoAccess = await ok<Organisation>(asAdmin({ method: 'POST', url: '/api/v1/organisations', payload: { kind: 'agency', name: 'Police municipale', parentId: frNcb.id, agencyType: 'police' } }), 201);
    const frAdmin = await person(frNcb.id, 'fr.admin', ['org-admin']);
    await ok(hub.call(frAdmin, { method: 'PUT', url: `/api/v1/organisations/${frBorder.id}/database-access`, payload: { databases: ['documents'] } }));
    t.frBorderOfficer = await person(frBorder.id, 'paf.officer', ['officer']);
    t.frNoAccessOfficer = await person(frNoAccess.id, 'pm.officer', ['officer']);

    const report = async (key: string, body: Record<string, unknown>) => {
      records[key] = await ok<TravelDocument>(hub.call(t.gbOperator, { method: 'POST', url: '/api/v1/documents', payload: { issuingState: 'GBR', documentType: 'passport', status: 'stolen', ...body } }), 201);
    };
    await report('exact', { number: '502134876', holder: { name: 'SMITH, John Paul' }, event: { place: 'Manchester', circumstances: 'car break-in' } });
    await report('ocr', { number: 'AB1028563', status: 'lost' });
    await report('letters', { number: 'SBD123457' });
    await report('blanks', { status: 'stolen_blank', range: { from: 'X0001000', to: 'X0001999' } });
    await report('card', { number: 'AB1234567890', documentType: 'identity_card' });
    await report('hidden', { number: 'HID000001', restriction: { visibility: 'hub' } });
    await report('hiddenBlanks', { status: 'stolen_blank', range: { from: 'HB100', to: 'HB199' }, restriction: { visibility: 'hub' } });
    await report('listed', { number: 'CTY000001', restriction: { visibility: 'countries', countries: ['DE', 'IE'] } });
    await report('listedFr', { number: 'CTY000002', restriction: { visibility: 'countries', countries: ['FR'] } });
  });
  afterAll(async () => hub?.close());

  describe('single searches', () => {
    it('an exact hit by number and state shows what the owner allows, the instruction, and opens a case', async () => {
      const before = hitEvents.length;
      const answer = await found(t.frOfficer, { number: '502 134 876', issuingState: 'gbr', location: 'Calais ferry terminal' });
      expect(answer).toEqual({
        outcome: 'hit',
        query: { number: '502134876', issuingState: 'GBR' },
        hits: [{
          hitId: expect.stringMatching(/^hit_/) as string,
          caseId: expect.stringMatching(/^cas_/) as string,
          issuingState: 'GBR', documentType: 'passport', number: '502134876', status: 'stolen', reportedOn: today, ownerCountry: 'GB',
          match: { kind: 'exact', differences: [] },
        }],
        instruction: expect.any(String) as string,
      });
      // The instruction: contact the NCB, do not act on the hit alone.
      expect(answer.instruction).toMatch(/contact your NCB/);
      expect(answer.instruction).toMatch(/Do not act on this hit alone/);
      // Nothing the owner did not publish (holder, circumstances) reaches the searcher.
      expect(JSON.stringify(answer)).not.toMatch(/SMITH|Manchester|break-in/);

      const hit = answer.hits?.[0];
      const recordedHit = await ok<Hit>(hub.call(t.gbOperator, { method: 'GET', url: `/api/v1/hits/${hit?.hitId}` }));
      expect(recordedHit).toMatchObject({
        database: 'documents', recordId: records.exact?.id, ownerOrgId: gbNcb.id, ownerCountry: 'GB', concealed: false, caseId: hit?.caseId,
        searcher: { type: 'user', name: 'fr.officer', orgId: frNcb.id, country: 'FR' }, location: 'Calais ferry terminal',
        query: { number: '502134876', issuingState: 'GBR' },
      });
      const followUp = await ok<{ case: Case }>(hub.call(t.frOperator, { method: 'GET', url: `/api/v1/cases/${hit?.caseId}` }));
      expect(followUp.case).toMatchObject({ hitId: hit?.hitId, recordId: records.exact?.id, ownerNcbId: gbNcb.id, searcherNcbId: frNcb.id, status: 'new', priority: 'urgent', overdue: false });
      // Both NCBs and the hub were told at once.
      const event = hitEvents.slice(before).find((e) => e.hit.id === hit?.hitId);
      expect(event?.notify).toEqual(expect.arrayContaining([hubOrgId, gbNcb.id, frNcb.id]));
    });

    it('a number alone hits in any issuing state', async () => {
      const answer = await found(t.frOfficer, { number: '502134876' });
      expect(answer).toMatchObject({ outcome: 'hit', query: { number: '502134876', issuingState: null }, hits: [{ number: '502134876', issuingState: 'GBR', match: { kind: 'exact' } }] });
    });

    it('the wrong issuing state, or one character off, is a no-hit and records no hit', async () => {
      const hitsBefore = (await auditEntries(hub, 'documents.hit')).length;
      expect(await found(t.frOfficer, { number: '502134876', issuingState: 'FRA' })).toEqual({ outcome: 'no_hit', query: { number: '502134876', issuingState: 'FRA' } });
      expect(await found(t.frOfficer, { number: '502134877', issuingState: 'GBR' })).toEqual({ outcome: 'no_hit', query: { number: '502134877', issuingState: 'GBR' } });
      expect(await found(t.frOfficer, { number: '50213487' })).toMatchObject({ outcome: 'no_hit' });
      expect(await found(t.frOfficer, { number: '5021348760' })).toMatchObject({ outcome: 'no_hit' });
      expect((await auditEntries(hub, 'documents.hit')).length).toBe(hitsBefore);
    });

    it('bad queries get precise errors', async () => {
      expectProblem(await search(t.frOfficer, { number: 'AB#12345' }), 422, 'document.invalid_number');
      expectProblem(await search(t.frOfficer, { number: 'A'.repeat(21) }), 422, 'document.invalid_number');
      expectProblem(await search(t.frOfficer, { number: '502134876', issuingState: 'ZZZ' }), 422, 'document.unknown_state');
      expectProblem(await search(t.frOfficer, { issuingState: 'GBR' }), 400, 'request.validation_failed');
      expectProblem(await search(t.frOfficer, { number: '502134876', mrz: formatMrz(passport) }), 400, 'request.validation_failed');
      expectProblem(await search(t.frOfficer, { number: '502134876', colour: 'red' }), 400, 'request.validation_failed');
    });

    it('tolerates OCR confusions, reporting each position read differently', async () => {
      // Recorded AB1028563; read with I for 1, O for 0, Z for 2, B for 8, S for 5, G for 6.
      const answer = await found(t.frOfficer, { number: 'ABIOZBSG3', issuingState: 'GBR' });
      expect(answer.outcome).toBe('hit');
      expect(answer.hits?.map((h) => ({ number: h.number, status: h.status, match: h.match }))).toEqual([{
        number: 'AB1028563', status: 'lost',
        match: {
          kind: 'ocr_variant',
          differences: [
            { position: 2, read: 'I', recorded: '1' },
            { position: 3, read: 'O', recorded: '0' },
            { position: 4, read: 'Z', recorded: '2' },
            { position: 5, read: 'B', recorded: '8' },
            { position: 6, read: 'S', recorded: '5' },
            { position: 7, read: 'G', recorded: '6' },
          ],
        },
      }]);
      // And the other way: letters recorded, digits (or Q, L) read.
      const reverse = await found(t.frOfficer, { number: '58Q 1Z3 4S7' });
      expect(reverse.hits?.[0]?.match).toEqual({
        kind: 'ocr_variant',
        differences: [
          { position: 0, read: '5', recorded: 'S' },
          { position: 1, read: '8', recorded: 'B' },
          { position: 2, read: 'Q', recorded: 'D' },
          { position: 4, read: 'Z', recorded: '2' },
          { position: 7, read: 'S', recorded: '5' },
        ],
      });
      // Lower-case l is read as L, which is confused with 1.
      expect((await found(t.frOfficer, { number: 'ABl028563' })).hits?.[0]?.match.differences).toEqual([{ position: 2, read: 'L', recorded: '1' }]);
      // A difference that is not a confusion is no hit.
      for (const number of ['AB1028564', 'AB1O28S6E', 'AB7028563', 'AV1028563']) {
        expect((await found(t.frOfficer, { number })).outcome, number).toBe('no_hit');
      }
    });

    it('finds a number inside a range of stolen blanks, to its ends and not beyond', async () => {
      const answer = await found(t.frOfficer, { number: 'X0001500', issuingState: 'GBR' });
      expect(answer.hits?.map((h) => ({ number: h.number, status: h.status, match: h.match }))).toEqual([
        { number: 'X0001500', status: 'stolen_blank', match: { kind: 'blank_range', differences: [], range: { from: 'X0001000', to: 'X0001999' } } },
      ]);
      for (const number of ['X0001000', 'X0001999']) expect((await found(t.frOfficer, { number })).hits?.[0]?.number, number).toBe(number);
      for (const number of ['X0000999', 'X0002000', 'X001500', 'X00001500', 'Y0001500']) expect((await found(t.frOfficer, { number })).outcome, number).toBe('no_hit');
      expect((await found(t.frOfficer, { number: 'X0001500', issuingState: 'FRA' })).outcome).toBe('no_hit');
      // Read with O for 0 and S for 5 it still falls in the range, and says where.
      const misread = await found(t.frOfficer, { number: 'XO001SOO' });
      expect(misread.hits?.[0]).toMatchObject({
        number: 'X0001500',
        match: { kind: 'blank_range', differences: [{ position: 1, read: 'O', recorded: '0' }, { position: 5, read: 'S', recorded: '5' }, { position: 6, read: 'O', recorded: '0' }, { position: 7, read: 'O', recorded: '0' }] },
      });
    });

    it('takes a machine-readable zone as the query: TD3 and TD1 (with a long number)', async () => {
      const td3 = await found(t.frOfficer, { mrz: formatMrz(passport) });
      expect(td3).toMatchObject({ outcome: 'hit', query: { number: '502134876', issuingState: 'GBR' }, hits: [{ number: '502134876', match: { kind: 'exact' } }] });
      const td1 = await found(t.frOfficer, { mrz: formatMrz(idCard) });
      expect(td1).toMatchObject({ outcome: 'hit', query: { number: 'AB1234567890', issuingState: 'GBR' }, hits: [{ number: 'AB1234567890', documentType: 'identity_card', match: { kind: 'exact' } }] });
      // Scanned with Windows line ends and a trailing newline.
      expect((await found(t.frOfficer, { mrz: `${formatMrz(passport).replace('\n', '\r\n')}\r\n` })).outcome).toBe('hit');
      // The same number in a document of another state is no hit.
      expect(await found(t.frOfficer, { mrz: formatMrz({ ...passport, issuingState: 'FRA' }) })).toEqual({ outcome: 'no_hit', query: { number: '502134876', issuingState: 'FRA' } });
      // The search is audited as an MRZ search.
      const last = (await auditEntries(hub, 'documents.search')).at(-1);
      expect(last?.details).toMatchObject({ outcome: 'no_hit', requests: [{ query: { number: '502134876', issuingState: 'FRA', viaMrz: true }, outcome: 'no_hit' }] });
    });

    it('an invalid MRZ is refused with the line and column of each fault', async () => {
      const lines = formatMrz(passport).split('\n');
      const line2 = lines[1] ?? '';
      const wrongCheck = `${lines[0]}\n${line2.slice(0, 9)}${(Number(line2[9]) + 1) % 10}${line2.slice(10)}`;
      const problem = expectProblem(await search(t.frOfficer, { mrz: wrongCheck }), 422, 'document.invalid_mrz');
      expect(problem.errors).toEqual(expect.arrayContaining([{ pointer: '/body/mrz', message: expect.stringMatching(/^mrz\.check_digit_mismatch \(documentNumber\): line 2, column 10: /) as string }]));
      const badChar = expectProblem(await search(t.frOfficer, { mrz: `${lines[0]}\n${line2.slice(0, 20)}#${line2.slice(21)}` }), 422, 'document.invalid_mrz');
      expect(badChar.errors?.[0]?.message).toMatch(/line 2, column 21/);
      expectProblem(await search(t.frOfficer, { mrz: 'P<GBRSMITH' }), 422, 'document.invalid_mrz');
    });
  });

  describe('the owner\'s restrictions', () => {
    async function concealedHitsOf(recordId: string): Promise<string[]> {
      return (await auditEntries(hub, 'documents.hit')).filter((e) => e.details.record === recordId && e.details.concealed === true).map((e) => e.resource.id as string);
    }

    it.each([
      ['visible to the hub only', 'hidden', 'HID000001'],
      ['visible to other countries', 'listed', 'CTY000001'],
      ['a blank range visible to the hub only', 'hiddenBlanks', 'HB150'],
    ])('a record %s is a no-hit to France, but the owner and the hub are told', async (_name, key, number) => {
      const recordId = records[key]?.id as string;
      const before = hitEvents.length;
      const casesBefore = await ok<{ items: Case[] }>(asAdmin({ method: 'GET', url: '/api/v1/cases?limit=500' }));
      expect(await found(t.frOfficer, { number })).toEqual({ outcome: 'no_hit', query: { number, issuingState: null } });

      const [hitId, ...more] = await concealedHitsOf(recordId);
      expect(more).toEqual([]);
      for (const token of [t.gbOperator, hub.adminToken]) {
        const hit = await ok<Hit>(hub.call(token, { method: 'GET', url: `/api/v1/hits/${hitId}` }));
        expect(hit).toMatchObject({ recordId, concealed: true, caseId: null, ownerCountry: 'GB', searcher: { name: 'fr.officer', country: 'FR' } });
      }
      // France's NCB does not learn of it: no access to the hit, no case, no notification.
      expectProblem(await hub.call(t.frOperator, { method: 'GET', url: `/api/v1/hits/${hitId}` }), 403, 'access.forbidden');
      const casesAfter = await ok<{ items: Case[] }>(asAdmin({ method: 'GET', url: '/api/v1/cases?limit=500' }));
      expect(casesAfter.items.length).toBe(casesBefore.items.length);
      expect(casesAfter.items.filter((c) => c.recordId === recordId)).toEqual([]);
      const events = hitEvents.slice(before);
      expect(events.map((e) => e.hit.id)).toEqual([hitId]);
      expect(events[0]?.notify).toEqual(expect.arrayContaining([hubOrgId, gbNcb.id]));
      expect(events[0]?.notify).not.toContain(frNcb.id);
    });

    it('a country the owner listed sees the hit', async () => {
      expect((await found(t.ieOfficer, { number: 'CTY000001' })).outcome).toBe('hit');
      expect((await found(t.frOfficer, { number: 'CTY000002' })).outcome).toBe('hit');
      expect((await found(t.ieOfficer, { number: 'HID000001' })).outcome).toBe('no_hit');
    });

    it('a restriction the owner adds applies to the next search', async () => {
      const record = records.listedFr as TravelDocument;
      const changed = await ok<TravelDocument>(hub.call(t.gbOperator, { method: 'PATCH', url: `/api/v1/documents/${record.id}`, payload: { version: record.version, restriction: { visibility: 'hub' } } }));
      expect(changed.restriction).toEqual({ visibility: 'hub', countries: [] });
      expect((await found(t.frOfficer, { number: 'CTY000002' })).outcome).toBe('no_hit');
    });
  });

  describe('audit and statistics', () => {
    it('a no-hit search is audited with its query and outcome, and counted', async () => {
      const before = await frStats();
      expect((await found(t.frOfficer, { number: 'NOPE 12345', issuingState: 'FRA', location: 'Roissy T2' })).outcome).toBe('no_hit');
      const entry = (await auditEntries(hub, 'documents.search')).at(-1);
      expect(entry).toMatchObject({
        actor: { type: 'user', name: 'fr.officer', org: frNcb.id, country: 'FR' },
        resource: { type: 'documents_search' },
        details: { searches: 1, hits: 0, outcome: 'no_hit', requests: [{ query: { number: 'NOPE12345', issuingState: 'FRA', viaMrz: false }, outcome: 'no_hit', searches: 1, hits: 0, location: 'Roissy T2' }] },
      });
      expect(await frStats()).toEqual({ searches: before.searches + 1, hits: before.hits });
      expect((await found(t.frOfficer, { number: '502134876' })).outcome).toBe('hit');
      expect(await frStats()).toEqual({ searches: before.searches + 2, hits: before.hits + 1 });
      // A search refused as invalid is not a search.
      expectProblem(await search(t.frOfficer, { number: 'AB#1' }), 422, 'document.invalid_number');
      expect(await frStats()).toEqual({ searches: before.searches + 2, hits: before.hits + 1 });
      // France's NCB sees France's figures; not another country's.
      const own = await ok<{ items: { country: string; day: string }[] }>(hub.call(t.frOperator, { method: 'GET', url: '/api/v1/stats?database=documents' }));
      expect(own.items.map((i) => i.country)).toEqual(['FR']);
      expect(own.items[0]?.day).toBe(today);
      expectProblem(await hub.call(t.frOperator, { method: 'GET', url: '/api/v1/stats?country=GB' }), 403, 'access.forbidden');
    });
  });

  describe('batches', () => {
    it('answers each item in order, invalid ones as errors, with their refs', async () => {
      const before = await frStats();
      const items = [
        { ref: 'a', number: '502134876', issuingState: 'GBR' },
        { ref: 'b', number: 'AB#1' },
        { ref: 'c', number: 'NOPE00001' },
        { ref: 'd', mrz: 'P<GBRSMITH' },
        { ref: 'e', issuingState: 'GBR' },
        { ref: 'f', number: 'X0001500' },
        { ref: 'g', number: '502134876', issuingState: 'ZZZ' },
        { number: 'ABIO28563' },
      ];
      const { results } = await ok<{ results: SearchResult[] }>(batch(t.frOfficer, { items, location: 'Eurostar Lille' }));
      expect(results.map((r) => [r.ref, r.outcome, r.error?.code ?? r.hits?.[0]?.match.kind ?? null])).toEqual([
        ['a', 'hit', 'exact'],
        ['b', 'error', 'document.invalid_number'],
        ['c', 'no_hit', null],
        ['d', 'error', 'document.invalid_mrz'],
        ['e', 'error', 'request.validation_failed'],
        ['f', 'hit', 'blank_range'],
        ['g', 'error', 'document.unknown_state'],
        [undefined, 'hit', 'ocr_variant'],
      ]);
      expect(results[1]?.error?.errors).toEqual([{ pointer: '/body/items/1/number', message: expect.stringContaining('"#"') as string }]);
      expect(results[4]?.error?.errors?.[0]?.pointer).toBe('/body/items/4/number');
      expect(results[6]?.error?.errors?.[0]?.pointer).toBe('/body/items/6/issuingState');
      expect(results[0]?.hits?.[0]?.caseId).toMatch(/^cas_/);
      expect(results[0]?.instruction).toMatch(/contact your NCB/);
      expect(await frStats()).toEqual({ searches: before.searches + 4, hits: before.hits + 3 });
      const entry = (await auditEntries(hub, 'documents.search')).at(-1);
      expect(entry?.details).toMatchObject({ searches: 4, hits: 3, outcome: 'hit', requests: [{ query: { batch: 8, errors: 4 }, searches: 4, hits: 3, outcome: 'hit', location: 'Eurostar Lille' }] });
      // The digest of the body exactly as sent, which the sender can compute over its own bytes.
      const sent = JSON.stringify({ items, location: 'Eurostar Lille' });
      expect((entry?.details as { requests: { query: { bodySha256?: string } }[] }).requests[0]?.query.bodySha256).toBe(createHash('sha256').update(sent).digest('hex'));
    });

    it('refuses an empty batch and one over 10,000 items; takes 10,000', async () => {
      expectProblem(await batch(t.frOfficer, { items: [] }), 400, 'document.batch_empty');
      const many = (n: number) => Array.from({ length: n }, (_, i) => ({ number: `Q${String(i).padStart(8, '7')}` }));
      const before = await frStats();
      expectProblem(await batch(t.frOfficer, { items: many(10_001) }), 413, 'document.batch_too_large');
      expect(await frStats()).toEqual(before);
      const { results } = await ok<{ results: SearchResult[] }>(batch(t.frOfficer, { items: many(10_000) }));
      expect(results).toHaveLength(10_000);
      expect(results.every((r) => r.outcome === 'no_hit')).toBe(true);
      expect(await frStats()).toEqual({ searches: before.searches + 10_000, hits: before.hits });
    });
  });

  describe('the NDJSON stream', () => {
    it('answers one line per non-empty line, in order, with line numbers and errors for broken lines', async () => {
      const lines: string[] = [];
      const expected: { line: number; outcome: string; code?: string }[] = [];
      const add = (text: string, outcome: string | null, code?: string) => {
        lines.push(text);
        if (outcome !== null) expected.push({ line: lines.length, outcome, ...(code ? { code } : {}) });
      };
      for (let i = 0; i < 3000; i++) {
        if (i === 5) add('{"number": "502134', 'error', 'request.malformed');
        if (i === 1200) add('{"number": 502134876}', 'error', 'request.validation_failed');
        if (i === 2222) add('{"number": "AB#1"}', 'error', 'document.invalid_number');
        if (i === 1500) add('   ', null);
        if (i === 999) add('', null);
        if (i % 1000 === 7) add(JSON.stringify({ number: '502134876', issuingState: 'GBR', ref: `hit-${i}` }), 'hit');
        else if (i === 2500) add(JSON.stringify({ mrz: formatMrz(passport) }), 'hit');
        else add(JSON.stringify({ number: `N${String(i).padStart(8, '0')}`, ref: `r${i}` }), 'no_hit');
      }
      const res = await stream(t.frOfficer, `${lines.join('\n')}\n`);
      expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const answers = res.body.trimEnd().split('\n').map((l) => JSON.parse(l) as SearchResult & { line: number });
      expect(answers.map((a) => ({ line: a.line, outcome: a.outcome, ...(a.error ? { code: a.error.code } : {}) }))).toEqual(expected);
      expect(answers.find((a) => a.line === 6)?.error?.message).toMatch(/^line 6: /);
      expect(answers.find((a) => a.ref === 'hit-1007')).toMatchObject({ outcome: 'hit', hits: [{ number: '502134876', match: { kind: 'exact' } }] });
      expect(answers.find((a) => a.ref === 'r42')).toEqual({ line: 44, ref: 'r42', outcome: 'no_hit', query: { number: 'N00000042', issuingState: null } });
    });

    it('an empty stream is an empty answer', async () => {
      const res = await stream(t.frOfficer, '');
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe('');
    });

    it('a JSON body sent to the stream is refused, not taken for a stream', async () => {
      expectProblem(await stream(t.frOfficer, '{"number":"502134876"}', 'application/json'), 415, 'request.unsupported_media_type');
      expectProblem(await stream(t.frOfficer, '{"number":"502134876"}', 'text/plain'), 415, 'request.unsupported_media_type');
      const withCharset = await stream(t.frOfficer, '{"number":"502134876"}', 'application/x-ndjson; charset=utf-8');
      expect(withCharset.statusCode, withCharset.body).toBe(200);
      expect(JSON.parse(withCharset.body)).toMatchObject({ line: 1, outcome: 'hit' });
    });
  });

  describe('who may search', () => {
    it('an agency its NCB gave documents access searches, and its hit opens a case between the NCBs', async () => {
      const answer = await found(t.frBorderOfficer, { number: '502134876' });
      expect(answer.outcome).toBe('hit');
      const followUp = await ok<{ case: Case }>(hub.call(t.frOperator, { method: 'GET', url: `/api/v1/cases/${answer.hits?.[0]?.caseId}` }));
      expect(followUp.case).toMatchObject({ ownerNcbId: gbNcb.id, searcherNcbId: frNcb.id });
    });

    it('an agency its NCB gave no documents access cannot search in any way', async () => {
      const before = await frStats();
      expectProblem(await search(t.frNoAccessOfficer, { number: '502134876' }), 403, 'access.forbidden');
      expectProblem(await batch(t.frNoAccessOfficer, { items: [{ number: '502134876' }] }), 403, 'access.forbidden');
      expectProblem(await stream(t.frNoAccessOfficer, '{"number":"502134876"}\n'), 403, 'access.forbidden');
      expectProblem(await hub.call(null, { method: 'POST', url: '/api/v1/documents/search', payload: { number: '502134876' } }), 401, 'auth.required');
      expect(await frStats()).toEqual(before);
    });
  });
});

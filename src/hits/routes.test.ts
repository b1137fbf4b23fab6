import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../access/permissions.js';
import { ManualClock } from '../core/clock.js';
import type { SearchResult, TravelDocument } from '../documents/schema.js';
import { startTestHub, type TestHub } from '../hub/testing.js';
import type { Organisation } from '../registry/organisations/schema.js';
import { testBackend } from '../storage/testing.js';
import type { Case, CaseEvent, Hit } from './schema.js';
import { expectProblem, ncbOf, ok } from '../hub/test-support.js';

/**
 * The hit workflow through the HTTP API: a French border officer's search
 * hits a British record, which opens a follow-up case between the two NCBs;
 * only they (and the hub) see it and move it on, and an unanswered case
 * becomes overdue.
 */
describe(`hits and follow-up cases on ${testBackend}`, () => {
  const START = new Date('2025-06-02T09:00:00.000Z');
  const clock = new ManualClock(START);
  let hub: TestHub;
  let hubOrg: Organisation;
  let gbNcb: Organisation;
  let frNcb: Organisation;
  let deNcb: Organisation;
  let esNcb: Organisation;
  let frAgency: Organisation;
  const t = {
    gbOp: '', frOp: '', deOp: '', frOfficer: '', frAgencyOfficer: '', frAgencyAdmin: '', frAgencyAuditor: '', esOfficer: '',
  };

  const asAdmin = (options: Parameters<TestHub['call']>[1]) => hub.call(hub.adminToken, options);

  async function person(orgId: string, username: string, roles: Role[]): Promise<string> {
    const { initialPassword } = await ok<{ initialPassword: string }>(asAdmin({ method: 'POST', url: `/api/v1/organisations/${orgId}/users`, payload: { username, displayName: username, roles } }), 201);
    return hub.login(username, initialPassword);
  }

  async function report(number: string, restriction?: { visibility: 'all' | 'countries' | 'hub'; countries?: string[] }): Promise<TravelDocument> {
    return ok<TravelDocument>(hub.call(t.gbOp, { method: 'POST', url: '/api/v1/documents', payload: { issuingState: 'GBR', documentType: 'passport', status: 'stolen', number, ...(restriction ? { restriction } : {}) } }), 201);
  }

  async function search(token: string, number: string, location?: string): Promise<SearchResult> {
    return ok<SearchResult>(hub.call(token, { method: 'POST', url: '/api/v1/documents/search', payload: { number, issuingState: 'GBR', ...(location ? { location } : {}) } }));
  }

  /** A search that must hit exactly one record; answers the hit's and the case's ids. */
  async function hitBy(token: string, number: string, location?: string): Promise<{ hitId: string; caseId: string }> {
    const answer = await search(token, number, location);
    expect(answer.outcome, JSON.stringify(answer)).toBe('hit');
    expect(answer.hits).toHaveLength(1);
    const [match] = answer.hits ?? [];
    expect(match?.caseId).toMatch(/^cas_/);
    return { hitId: match?.hitId as string, caseId: match?.caseId as string };
  }

  const getCase = (token: string, id: string) => hub.call(token, { method: 'GET', url: `/api/v1/cases/${id}` });
  const getHit = (token: string, id: string) => hub.call(token, { method: 'GET', url: `/api/v1/hits/${id}` });
  const patchCase = (token: string, id: string, payload: Record<string, unknown>) => hub.call(token, { method: 'PATCH', url: `/api/v1/cases/${id}`, payload });
  const listCases = async (token: string, query = '') => (await ok<{ items: Case[] }>(hub.call(token, { method: 'GET', url: `/api/v1/cases${query}` }))).items;

  async function auditOf(action: string, resourceId: string): Promise<{ actor: { id: string; org: string }; details: Record<string, unknown> }[]> {
    const { items } = await ok<{ items: { entry: string }[] }>(asAdmin({ method: 'GET', url: `/api/v1/audit/entries?action=${action}&resourceId=${resourceId}` }));
    return items.map((i) => JSON.parse(i.entry) as { actor: { id: string; org: string }; details: Record<string, unknown> });
  }

  let record: TravelDocument;
  let first: { hitId: string; caseId: string };
  let searchedAt: Date;

  beforeAll(async () => {
    const week = 7 * 24 * 3600;
    // Sessions must outlive the clock moving past a case deadline.
    hub = await startTestHub({ clock, settings: { sessionIdle: week, sessionTtl: week } });
    hubOrg = (await ok<{ organisation: Organisation }>(asAdmin({ method: 'GET', url: '/api/v1/session' }))).organisation;
    [gbNcb, frNcb, deNcb, esNcb] = [await ncbOf(hub, 'GB'), await ncbOf(hub, 'FR'), await ncbOf(hub, 'DE'), await ncbOf(hub, 'ES')];
    frAgency = await ok<Organisation>(asAdmin({ method: 'POST', url: '/api/v1/organisations', payload: { kind: 'agency', name: 'Police aux frontières', parentId: frNcb.id, agencyType: 'border' } }), 201);
    await ok(asAdmin({ method: 'PUT', url: `/api/v1/organisations/${frAgency.id}/database-access`, payload: { databases: ['documents'] } }));

    t.gbOp = await person(gbNcb.id, 'gb.operator', ['ncb-operator']);
    t.frOp = await person(frNcb.id, 'fr.operator', ['ncb-operator']);
    t.deOp = await person(deNcb.id, 'de.operator', ['ncb-operator']);
    t.frOfficer = await person(frNcb.id, 'fr.officer', ['officer']);
    t.frAgencyOfficer = await person(frAgency.id, 'paf.officer', ['officer']);
    t.frAgencyAdmin = await person(frAgency.id, 'paf.admin', ['org-admin']);
    t.frAgencyAuditor = await person(frAgency.id, 'paf.auditor', ['auditor']);
    t.esOfficer = await person(esNcb.id, 'es.officer', ['officer']);

    record = await report('123456789');
    searchedAt = clock.now();
    first = await hitBy(t.frAgencyOfficer, '123456789', 'Calais ferry terminal');
  });
  afterAll(async () => hub?.close());

  describe('a hit opens a case between the two NCBs', () => {
    it('records the hit: who searched, where, what matched, whose record', async () => {
      const hit = await ok<Hit>(getHit(t.gbOp, first.hitId));
      expect(hit).toMatchObject({
        id: first.hitId,
        database: 'documents',
        recordId: record.id,
        ownerOrgId: gbNcb.id,
        ownerCountry: 'GB',
        searcher: { type: 'user', name: 'paf.officer', orgId: frAgency.id, country: 'FR' },
        location: 'Calais ferry terminal',
        query: { number: '123456789', issuingState: 'GBR' },
        match: { kind: 'exact', differences: [] },
        concealed: false,
        caseId: first.caseId,
        createdAt: searchedAt.toISOString(),
      });
    });

    it('opens an urgent case, owner GB, searcher FR, deadline now + caseDeadlineUrgent, status new', async () => {
      const { case: c, events } = await ok<{ case: Case; events: CaseEvent[] }>(getCase(t.gbOp, first.caseId));
      expect(c).toEqual({
        id: first.caseId,
        hitId: first.hitId,
        database: 'documents',
        recordId: record.id,
        ownerNcbId: gbNcb.id,
        searcherNcbId: frNcb.id,
        priority: 'urgent',
        status: 'new',
        deadlineAt: new Date(searchedAt.getTime() + hub.config.caseDeadlineUrgent * 1000).toISOString(),
        overdue: false,
        version: 1,
        createdAt: searchedAt.toISOString(),
        updatedAt: searchedAt.toISOString(),
        closedAt: null,
      });
      expect(hub.config.caseDeadlineUrgent).toBe(4 * 3600);
      expect(events).toEqual([{ seq: 1, at: searchedAt.toISOString(), actorId: expect.stringMatching(/^usr_/) as string, actorOrgId: frAgency.id, from: null, to: 'new', note: null }]);
      const opened = await auditOf('case.open', first.caseId);
      expect(opened).toHaveLength(1);
      expect(opened[0]?.details).toMatchObject({ hit: first.hitId, ownerNcb: gbNcb.id, searcherNcb: frNcb.id });
      expect(await auditOf('documents.hit', first.hitId)).toHaveLength(1);
    });

    it('both NCBs\' operators read the hit and the case with its events', async () => {
      for (const token of [t.gbOp, t.frOp, hub.adminToken]) {
        expect((await ok<Hit>(getHit(token, first.hitId))).id).toBe(first.hitId);
        const { case: c, events } = await ok<{ case: Case; events: CaseEvent[] }>(getCase(token, first.caseId));
        expect(c.id).toBe(first.caseId);
        expect(events.map((e) => e.to)).toEqual(['new']);
      }
    });

    it('a third country\'s operator is refused both (the wrong-agency test)', async () => {
      expectProblem(await getHit(t.deOp, first.hitId), 403, 'access.forbidden');
      expectProblem(await getCase(t.deOp, first.caseId), 403, 'access.forbidden');
    });

    it('an agency\'s auditor (cases:read, but not an NCB) sees none of its NCB\'s cases', async () => {
      expectProblem(await getCase(t.frAgencyAuditor, first.caseId), 403, 'access.forbidden');
      expectProblem(await hub.call(t.frAgencyAuditor, { method: 'GET', url: '/api/v1/cases' }), 403, 'access.forbidden');
    });

    it('an officer (no cases:read) is refused both, even the searching officer', async () => {
      for (const token of [t.frAgencyOfficer, t.frOfficer]) {
        expectProblem(await getHit(token, first.hitId), 403, 'access.forbidden');
        expectProblem(await getCase(token, first.caseId), 403, 'access.forbidden');
        expectProblem(await hub.call(token, { method: 'GET', url: '/api/v1/cases' }), 403, 'access.forbidden');
      }
    });

    it('answers 404 for an unknown hit or case', async () => {
      expectProblem(await getHit(t.gbOp, 'hit_aaaaaaaaaaaaaaaaaaaaaaaaaa'), 404, 'hit.not_found');
      expectProblem(await getCase(t.gbOp, 'cas_aaaaaaaaaaaaaaaaaaaaaaaaaa'), 404, 'case.not_found');
      expectProblem(await patchCase(t.gbOp, 'cas_aaaaaaaaaaaaaaaaaaaaaaaaaa', { status: 'acknowledged' }), 404, 'case.not_found');
    });
  });

  describe('a hit the owner hid from the searcher', () => {
    it('answers no hit to FR, opens no case, and only GB and the hub read the hit', async () => {
      await report('HIDDEN001', { visibility: 'hub' });
      const answer = await search(t.frAgencyOfficer, 'HIDDEN001');
      expect(answer.outcome).toBe('no_hit');
      const { items } = await ok<{ items: { entry: string }[] }>(asAdmin({ method: 'GET', url: '/api/v1/audit/entries?action=documents.hit&limit=1000' }));
      const concealed = items.map((i) => JSON.parse(i.entry) as { resource: { id: string }; details: { concealed: boolean } }).filter((e) => e.details.concealed);
      expect(concealed).toHaveLength(1);
      const hitId = concealed[0]?.resource.id as string;
      const hit = await ok<Hit>(getHit(t.gbOp, hitId));
      expect(hit).toMatchObject({ concealed: true, caseId: null, searcher: { orgId: frAgency.id } });
      expect((await ok<Hit>(getHit(hub.adminToken, hitId))).id).toBe(hitId);
      expectProblem(await getHit(t.frOp, hitId), 403, 'access.forbidden');
      expectProblem(await getHit(t.frAgencyAuditor, hitId), 403, 'access.forbidden');
    });
  });

  describe('the case workflow', () => {
    it('refuses a third country, an agency and an officer before anything changes', async () => {
      expectProblem(await patchCase(t.deOp, first.caseId, { status: 'acknowledged' }), 403, 'access.forbidden');
      expectProblem(await patchCase(t.frAgencyAdmin, first.caseId, { status: 'acknowledged' }), 403, 'access.forbidden');
      expectProblem(await patchCase(t.frAgencyAuditor, first.caseId, { status: 'acknowledged' }), 403, 'access.forbidden');
      expectProblem(await patchCase(t.frAgencyOfficer, first.caseId, { status: 'acknowledged' }), 403, 'access.forbidden');
      expectProblem(await patchCase(t.frOfficer, first.caseId, { status: 'acknowledged' }), 403, 'access.forbidden');
      const { case: c, events } = await ok<{ case: Case; events: CaseEvent[] }>(getCase(t.gbOp, first.caseId));
      expect({ status: c.status, version: c.version, events: events.length }).toEqual({ status: 'new', version: 1, events: 1 });
      expect(await auditOf('case.update', first.caseId)).toEqual([]);
    });

    it('moves new → acknowledged → confirmed → closed, each audited and appended to the events', async () => {
      const steps = [
        { token: t.gbOp, status: 'acknowledged', note: 'GB looking into it', org: gbNcb.id },
        { token: t.frOp, status: 'confirmed', note: 'document seized at Calais', org: frNcb.id },
        { token: t.gbOp, status: 'closed', note: undefined, org: gbNcb.id },
      ] as const;
      let version = 1;
      for (const [i, step] of steps.entries()) {
        clock.advance(60_000);
        const at = clock.now().toISOString();
        const updated = await ok<Case>(patchCase(step.token, first.caseId, { status: step.status, version, ...(step.note ? { note: step.note } : {}) }));
        expect(updated).toMatchObject({ id: first.caseId, status: step.status, version: version + 1, updatedAt: at, closedAt: step.status === 'closed' ? at : null, overdue: false });
        version += 1;
        const audited = await auditOf('case.update', first.caseId);
        expect(audited).toHaveLength(i + 1);
        expect(audited[i]?.actor.org).toBe(step.org);
        expect(audited[i]?.details).toEqual({ from: i === 0 ? 'new' : steps[i - 1]?.status, to: step.status, note: step.note ?? null });
      }
      const { case: c, events } = await ok<{ case: Case; events: CaseEvent[] }>(getCase(t.frOp, first.caseId));
      expect(c.status).toBe('closed');
      expect(c.closedAt).not.toBeNull();
      expect(events.map((e) => [e.seq, e.from, e.to, e.actorOrgId, e.note])).toEqual([
        [1, null, 'new', frAgency.id, null],
        [2, 'new', 'acknowledged', gbNcb.id, 'GB looking into it'],
        [3, 'acknowledged', 'confirmed', frNcb.id, 'document seized at Calais'],
        [4, 'confirmed', 'closed', gbNcb.id, null],
      ]);
    });

    it('refuses invalid transitions with 409 case.invalid_transition', async () => {
      expectProblem(await patchCase(t.gbOp, first.caseId, { status: 'new' }), 409, 'case.invalid_transition');
      expectProblem(await patchCase(t.gbOp, first.caseId, { status: 'closed' }), 409, 'case.invalid_transition');
      const other = await hitBy(t.frAgencyOfficer, '123456789');
      await ok<Case>(patchCase(t.frOp, other.caseId, { status: 'confirmed' }));
      expectProblem(await patchCase(t.gbOp, other.caseId, { status: 'acknowledged' }), 409, 'case.invalid_transition');
      expectProblem(await patchCase(t.gbOp, other.caseId, { status: 'new' }), 409, 'case.invalid_transition');
      expectProblem(await patchCase(t.gbOp, other.caseId, { status: 'false_positive' }), 409, 'case.invalid_transition');
      const { case: c, events } = await ok<{ case: Case; events: CaseEvent[] }>(getCase(t.gbOp, other.caseId));
      expect({ status: c.status, version: c.version, events: events.length }).toEqual({ status: 'confirmed', version: 2, events: 2 });
    });

    it('refuses a stale version with 409 case.conflict, and accepts the current one', async () => {
      const { caseId } = await hitBy(t.frAgencyOfficer, '123456789');
      await ok<Case>(patchCase(t.gbOp, caseId, { status: 'acknowledged', version: 1 }));
      expectProblem(await patchCase(t.frOp, caseId, { status: 'false_positive', version: 1 }), 409, 'case.conflict');
      expectProblem(await patchCase(t.frOp, caseId, { status: 'false_positive', version: 3 }), 409, 'case.conflict');
      expect((await ok<{ case: Case }>(getCase(t.frOp, caseId))).case).toMatchObject({ status: 'acknowledged', version: 2 });
      expect(await ok<Case>(patchCase(t.frOp, caseId, { status: 'false_positive', version: 2 }))).toMatchObject({ status: 'false_positive', version: 3 });
      expect(await auditOf('case.update', caseId)).toHaveLength(2);
    });

    it('rejects a malformed change with 400', async () => {
      expectProblem(await patchCase(t.gbOp, first.caseId, { status: 'reopened' }), 400, 'request.validation_failed');
      expectProblem(await patchCase(t.gbOp, first.caseId, { status: 'closed', version: 0 }), 400, 'request.validation_failed');
      expectProblem(await patchCase(t.gbOp, first.caseId, { status: 'closed', extra: 1 }), 400, 'request.validation_failed');
    });

    it('lets the hub move a case between two other NCBs, and not a third NCB', async () => {
      const { caseId } = await hitBy(t.esOfficer, '123456789');
      expectProblem(await patchCase(t.frOp, caseId, { status: 'acknowledged' }), 403, 'access.forbidden');
      const c = await ok<Case>(patchCase(hub.adminToken, caseId, { status: 'acknowledged', note: 'hub chasing' }));
      expect(c).toMatchObject({ ownerNcbId: gbNcb.id, searcherNcbId: esNcb.id, status: 'acknowledged', version: 2 });
      const audited = await auditOf('case.update', caseId);
      expect(audited.map((e) => e.actor.org)).toEqual([hubOrg.id]);
    });
  });

  describe('lists and deadlines', () => {
    it('lists per NCB: FR its cases, GB all its records\' cases, DE none, the hub all', async () => {
      const all = await listCases(hub.adminToken);
      expect(all.length).toBe(4);
      const fr = await listCases(t.frOp);
      expect(fr.map((c) => c.id).sort()).toEqual(all.filter((c) => c.searcherNcbId === frNcb.id).map((c) => c.id).sort());
      expect(fr).toHaveLength(3);
      expect((await listCases(t.gbOp)).map((c) => c.id).sort()).toEqual(all.map((c) => c.id).sort());
      expect(all.filter((c) => c.searcherNcbId === esNcb.id)).toHaveLength(1);
      expect(await listCases(t.deOp)).toEqual([]);
      expect((await listCases(t.frOp, '?status=closed')).map((c) => c.id)).toEqual([first.caseId]);
      expect(await listCases(t.deOp, '?status=closed')).toEqual([]);
      expectProblem(await hub.call(t.frOp, { method: 'GET', url: '/api/v1/cases?status=lost' }), 400, 'request.validation_failed');
    });

    it('flags a new case overdue once its deadline passes; an acknowledged one is not', async () => {
      const late = await hitBy(t.frAgencyOfficer, '123456789');
      const answered = await hitBy(t.frAgencyOfficer, '123456789');
      const { case: opened } = await ok<{ case: Case }>(getCase(t.frOp, late.caseId));
      expect(await listCases(t.frOp, '?overdue=true')).toEqual([]);

      // One second before the deadline: not yet overdue.
      clock.advance(Date.parse(opened.deadlineAt) - clock.now().getTime() - 1000);
      expect((await ok<{ case: Case }>(getCase(t.frOp, late.caseId))).case.overdue).toBe(false);
      expect(await listCases(t.frOp, '?overdue=true')).toEqual([]);
      await ok<Case>(patchCase(t.gbOp, answered.caseId, { status: 'acknowledged' }));

      clock.advance(2000);
      const { case: overdue } = await ok<{ case: Case }>(getCase(t.frOp, late.caseId));
      expect(overdue).toMatchObject({ status: 'new', overdue: true });
      expect((await ok<{ case: Case }>(getCase(t.gbOp, answered.caseId))).case).toMatchObject({ status: 'acknowledged', overdue: false });
      for (const token of [t.frOp, t.gbOp, hub.adminToken]) {
        const listed = await listCases(token, '?overdue=true');
        expect(listed.map((c) => c.id)).toEqual([late.caseId]);
        expect(listed[0]?.overdue).toBe(true);
      }
      expect(await listCases(t.deOp, '?overdue=true')).toEqual([]);
      expect((await listCases(t.frOp)).find((c) => c.id === answered.caseId)?.overdue).toBe(false);

      // Acknowledging it clears the flag.
      const acknowledged = await ok<Case>(patchCase(t.gbOp, late.caseId, { status: 'acknowledged' }));
      expect(acknowledged.overdue).toBe(false);
      expect(await listCases(t.frOp, '?overdue=true')).toEqual([]);
    });
  });
});

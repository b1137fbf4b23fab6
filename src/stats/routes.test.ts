import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { ManualClock } from '../core/clock.js';
import type { SearchResult } from '../documents/schema.js';
import { startTestHub, type TestHub } from '../hub/testing.js';
import type { Organisation } from '../registry/organisations/schema.js';
import type { Database } from '../storage/database.js';
import { testBackend } from '../storage/testing.js';
import { SearchLog, type SearchRecord } from './search-log.js';
import { auditEntries, expectProblem, ncbOf, ok } from '../hub/test-support.js';

interface StatsItem {
  database: string;
  country: string;
  day: string;
  searches: number;
  hits: number;
}
interface Stats {
  from: string;
  to: string;
  totals: { searches: number; hits: number };
  items: StatsItem[];
}

/**
 * Search statistics: every search is audited and counted per database,
 * country and day before it is answered, searches arriving together sharing
 * one transaction; a member reads its own country's counters, the hub all.
 */
describe(`search statistics on ${testBackend}`, () => {
  const DAY1 = '2025-06-02';
  const DAY2 = '2025-06-03';
  const clock = new ManualClock(new Date(`${DAY1}T09:00:00.000Z`));
  let hub: TestHub;
  let gbNcb: Organisation;
  let frNcb: Organisation;
  let frAgency: Organisation;
  const t = { gbOp: '', gbOfficer: '', frOp: '', frAgencyOfficer: '' };

  const asAdmin = (options: Parameters<TestHub['call']>[1]) => hub.call(hub.adminToken, options);

  async function person(orgId: string, username: string, roles: Role[]): Promise<string> {
    const { initialPassword } = await ok<{ initialPassword: string }>(asAdmin({ method: 'POST', url: `/api/v1/organisations/${orgId}/users`, payload: { username, displayName: username, roles } }), 201);
    return hub.login(username, initialPassword);
  }

  const HIT = '123456789';
  async function search(token: string, number: string, expected: 'hit' | 'no_hit'): Promise<void> {
    const answer = await ok<SearchResult>(hub.call(token, { method: 'POST', url: '/api/v1/documents/search', payload: { number, issuingState: 'GBR' } }));
    expect(answer.outcome).toBe(expected);
  }
  const stats = (token: string, query = '') => hub.call(token, { method: 'GET', url: `/api/v1/stats${query}` });

  async function auditCount(action: string): Promise<number> {
    let count = 0;
    let after: number | undefined;
    for (;;) {
      const { items } = await ok<{ items: { seq: number }[] }>(asAdmin({ method: 'GET', url: `/api/v1/audit/entries?action=${action}&limit=1000${after === undefined ? '' : `&after=${after}`}` }));
      count += items.length;
      if (items.length < 1000) return count;
      after = items[items.length - 1]?.seq;
    }
  }

  /** Each audited search request: a documents entry lists one searcher's requests of one group commit. */
  async function auditedRequests(): Promise<{ country: string | null; searches: number; hits: number; outcome: string }[]> {
    const entries = await auditEntries(hub, 'documents.search');
    return entries.flatMap((e) => (e.details.requests as { searches: number; hits: number; outcome: string }[]).map((r) => ({ country: e.actor.country ?? null, ...r })));
  }

  beforeAll(async () => {
    const week = 7 * 24 * 3600;
    hub = await startTestHub({ clock, settings: { sessionIdle: week, sessionTtl: week } });
    [gbNcb, frNcb] = [await ncbOf(hub, 'GB'), await ncbOf(hub, 'FR')];
    frAgency = await ok<Organisation>(asAdmin({ method: 'POST', url: '/api/v1/organisations', payload: { kind: 'agency', name: 'Police aux frontières', parentId: frNcb.id, agencyType: 'border' } }), 201);
    await ok(asAdmin({ method: 'PUT', url: `/api/v1/organisations/${frAgency.id}/database-access`, payload: { databases: ['documents'] } }));
    t.gbOp = await person(gbNcb.id, 'gb.operator', ['ncb-operator']);
    t.gbOfficer = await person(gbNcb.id, 'gb.officer', ['officer']);
    t.frOp = await person(frNcb.id, 'fr.operator', ['ncb-operator']);
    t.frAgencyOfficer = await person(frAgency.id, 'paf.officer', ['officer']);
    await ok(hub.call(t.gbOp, { method: 'POST', url: '/api/v1/documents', payload: { issuingState: 'GBR', documentType: 'passport', status: 'stolen', number: HIT } }), 201);
    await ok(hub.call(t.gbOp, { method: 'POST', url: '/api/v1/documents', payload: { issuingState: 'GBR', documentType: 'passport', status: 'lost', number: 'HIDDEN001', restriction: { visibility: 'hub' } } }), 201);
  });
  afterAll(async () => hub?.close());

  describe('counters per database, country and day', () => {
    beforeAll(async () => {
      // Day 1. FR (its NCB and its border agency alike): 5 no-hits, 3 hits, 1 hit concealed from it (a no-hit to FR).
      for (let i = 0; i < 5; i++) await search(i % 2 ? t.frOp : t.frAgencyOfficer, `NOHIT00${i}`, 'no_hit');
      for (let i = 0; i < 3; i++) await search(t.frAgencyOfficer, HIT, 'hit');
      await search(t.frAgencyOfficer, 'HIDDEN001', 'no_hit');
      // GB: 2 no-hits and a hit on its own record.
      await search(t.gbOfficer, 'NOHIT100', 'no_hit');
      await search(t.gbOfficer, 'NOHIT101', 'no_hit');
      await search(t.gbOfficer, HIT, 'hit');
      // FR's batch: 4 items, one malformed (not a search), one hit: counted as 3 searches, 1 hit.
      const { results } = await ok<{ results: SearchResult[] }>(hub.call(t.frAgencyOfficer, {
        method: 'POST', url: '/api/v1/documents/search/batch',
        payload: { items: [{ number: HIT, issuingState: 'GBR' }, { number: 'NOHIT200' }, { number: 'NOHIT201', issuingState: 'GBR' }, { number: 'X', issuingState: 'QQQ' }] },
      }));
      expect(results.map((r) => r.outcome)).toEqual(['hit', 'no_hit', 'no_hit', 'error']);
      // Day 2: FR 1 hit and 2 no-hits.
      clock.advance(24 * 3600_000);
      await search(t.frAgencyOfficer, HIT, 'hit');
      await search(t.frOp, 'NOHIT300', 'no_hit');
      await search(t.frOp, 'NOHIT301', 'no_hit');
    });

    it('shows the hub every country\'s counts, exactly', async () => {
      const body = await ok<Stats>(stats(hub.adminToken, `?from=${DAY1}&to=${DAY2}`));
      expect(body).toEqual({
        from: DAY1,
        to: DAY2,
        totals: { searches: 9 + 3 + 3 + 3, hits: 3 + 1 + 1 + 1 },
        items: [
          { database: 'documents', country: 'FR', day: DAY1, searches: 9 + 3, hits: 3 + 1 },
          { database: 'documents', country: 'GB', day: DAY1, searches: 3, hits: 1 },
          { database: 'documents', country: 'FR', day: DAY2, searches: 3, hits: 1 },
        ],
      });
    });

    it('filters by country, database and day; defaults to the 30 days up to today', async () => {
      expect((await ok<Stats>(stats(hub.adminToken, `?from=${DAY1}&to=${DAY2}&country=FR`))).items.map((i) => [i.day, i.searches, i.hits])).toEqual([[DAY1, 12, 4], [DAY2, 3, 1]]);
      expect((await ok<Stats>(stats(hub.adminToken, `?from=${DAY2}&to=${DAY2}`))).items).toEqual([{ database: 'documents', country: 'FR', day: DAY2, searches: 3, hits: 1 }]);
      expect(await ok<Stats>(stats(hub.adminToken, `?from=${DAY1}&to=${DAY2}&database=persons`))).toEqual({ from: DAY1, to: DAY2, totals: { searches: 0, hits: 0 }, items: [] });
      const byDefault = await ok<Stats>(stats(hub.adminToken));
      expect({ from: byDefault.from, to: byDefault.to, totals: byDefault.totals }).toEqual({ from: '2025-05-05', to: DAY2, totals: { searches: 18, hits: 6 } });
    });

    it('shows a member only its own country; asking for another is refused', async () => {
      const own = await ok<Stats>(stats(t.gbOp, `?from=${DAY1}&to=${DAY2}`));
      expect(own.items).toEqual([{ database: 'documents', country: 'GB', day: DAY1, searches: 3, hits: 1 }]);
      expect(own.totals).toEqual({ searches: 3, hits: 1 });
      expect((await ok<Stats>(stats(t.gbOp, `?from=${DAY1}&to=${DAY2}&country=GB`))).items).toEqual(own.items);
      expectProblem(await stats(t.gbOp, `?from=${DAY1}&to=${DAY2}&country=FR`), 403, 'access.forbidden');
      expectProblem(await stats(t.gbOp, '?country=partner:x'), 403, 'access.forbidden');
      expect((await ok<Stats>(stats(t.frOp, `?from=${DAY1}&to=${DAY2}`))).totals).toEqual({ searches: 15, hits: 5 });
      expectProblem(await stats(t.frAgencyOfficer), 403, 'access.forbidden');
      expectProblem(await stats(t.gbOfficer), 403, 'access.forbidden');
    });

    it('audited every search with its outcome, a batch as one entry', async () => {
      const requests = await auditedRequests();
      expect(requests).toHaveLength(9 + 3 + 1 + 3);
      expect(requests.filter((r) => r.outcome === 'hit').map((r) => [r.country, r.searches, r.hits])).toEqual([
        ['FR', 1, 1], ['FR', 1, 1], ['FR', 1, 1], ['GB', 1, 1], ['FR', 3, 1], ['FR', 1, 1],
      ]);
    });
  });

  describe('date ranges', () => {
    it('refuses from after to, and more than 366 days', async () => {
      expectProblem(await stats(hub.adminToken, `?from=${DAY2}&to=${DAY1}`), 400, 'request.validation_failed');
      expectProblem(await stats(hub.adminToken, '?from=2024-01-01&to=2025-01-01'), 400, 'request.validation_failed');
      expectProblem(await stats(hub.adminToken, '?to=2025-01-01&from=2023-06-01'), 400, 'request.validation_failed');
      expect((await ok<Stats>(stats(hub.adminToken, '?from=2024-01-01&to=2024-12-31'))).items).toEqual([]);
      expect((await ok<Stats>(stats(hub.adminToken, `?from=${DAY1}&to=${DAY1}`))).totals).toEqual({ searches: 12 + 3, hits: 5 });
    });

    it('refuses malformed and impossible dates', async () => {
      for (const query of ['?from=2025-6-02', '?to=20250602', '?from=2025-13-01&to=2025-12-31', '?from=2025-02-01&to=2025-02-30', '?from=2025-02-31&to=2025-03-05', '?from=2025-06-02&extra=1', '?database=cars']) {
        expectProblem(await stats(hub.adminToken, query), 400, 'request.validation_failed');
      }
      const impossible = await stats(hub.adminToken, '?from=2025-02-01&to=2025-02-29');
      expect(impossible.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer)).toEqual(['/querystring/to']);
      expect((await ok<Stats>(stats(hub.adminToken, '?from=2024-02-01&to=2024-02-29'))).to).toBe('2024-02-29');
    });
  });

  describe('group commit', () => {
    it('answers, audits and counts 200 concurrent searches in few transactions', async () => {
      const [entriesBefore, requestsBefore, hitsBefore] = [await auditCount('documents.search'), (await auditedRequests()).length, await auditCount('documents.hit')];
      const before = (await ok<Stats>(stats(hub.adminToken, `?from=${DAY2}&to=${DAY2}`))).items;
      const transactions = vi.spyOn(hub.ctx.database, 'transaction');
      const groupCommits = hub.ctx.database.groupCommit ? vi.spyOn(hub.ctx.database, 'groupCommit') : undefined;
      let count = 0;
      const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => hub.call(i % 2 ? t.frAgencyOfficer : t.gbOfficer, {
        method: 'POST', url: '/api/v1/documents/search', payload: { number: i % 10 === 0 ? HIT : `BURST${String(i).padStart(4, '0')}`, issuingState: 'GBR' },
      }))).finally(() => {
        count = transactions.mock.calls.length + (groupCommits?.mock.calls.length ?? 0);
        transactions.mockRestore();
        groupCommits?.mockRestore();
      });
      expect(answers.map((a) => a.statusCode)).toEqual(Array(200).fill(200));
      const outcomes = answers.map((a) => a.json<SearchResult>().outcome);
      expect(outcomes.filter((o) => o === 'hit')).toHaveLength(20);
      expect(outcomes.filter((o) => o === 'no_hit')).toHaveLength(180);
      // 20 hits each open a case in their own transaction; the 200 audit entries and counters share a few.
      expect(count).toBeGreaterThanOrEqual(21);
      expect(count).toBeLessThanOrEqual(20 + 10);
      expect((await auditedRequests()).length).toBe(requestsBefore + 200);
      // One entry per searcher per group commit: two searchers, a few commits.
      const entries = (await auditCount('documents.search')) - entriesBefore;
      expect(entries).toBeGreaterThanOrEqual(2);
      expect(entries).toBeLessThanOrEqual(2 * 10);
      expect(await auditCount('documents.hit')).toBe(hitsBefore + 20);
      const after = (await ok<Stats>(stats(hub.adminToken, `?from=${DAY2}&to=${DAY2}`))).items;
      const of = (items: StatsItem[], country: string) => items.find((i) => i.country === country) ?? { searches: 0, hits: 0 };
      // Even i (GB's officer) includes every multiple of 10: all 20 hits are GB's.
      expect({ searches: of(after, 'GB').searches - of(before, 'GB').searches, hits: of(after, 'GB').hits - of(before, 'GB').hits }).toEqual({ searches: 100, hits: 20 });
      expect({ searches: of(after, 'FR').searches - of(before, 'FR').searches, hits: of(after, 'FR').hits - of(before, 'FR').hits }).toEqual({ searches: 100, hits: 0 });
    });
  });

  describe('SearchLog', () => {
    const record = (principal: Principal, hits = 0): SearchRecord => ({ principal, database: 'documents', query: { number: 'X1' }, searches: 1, hits, location: null });
    const fr: Principal = {
      kind: 'user', id: 'usr_test', name: 'fr.test', orgId: 'org_test', orgKind: 'ncb', country: 'FR', ncbId: 'org_test',
      roles: [], permissions: new Set(), databases: new Map(),
    };

    it('rejects every search waiting in a batch whose transaction fails, and the next batch too', async () => {
      const closed: Database = await hub.db.reopen();
      await closed.close();
      const log = new SearchLog(closed, hub.ctx.audit, clock);
      const before = await auditCount('documents.search');
      const waiting = await Promise.allSettled([log.record(record(fr)), log.record(record(fr, 1)), log.record(record(fr))]);
      expect(waiting.map((w) => w.status)).toEqual(['rejected', 'rejected', 'rejected']);
      const reasons = waiting.map((w) => (w as PromiseRejectedResult).reason as unknown);
      expect(reasons[0]).toBeInstanceOf(Error);
      expect(reasons[1]).toBe(reasons[0]);
      expect(reasons[2]).toBe(reasons[0]);
      // It does not stall: a later search is tried again (and fails again) rather than left waiting.
      await expect(log.record(record(fr))).rejects.toBeInstanceOf(Error);
      expect(await auditCount('documents.search')).toBe(before);
    });

    it('commits a batch of waiting searches together on a working database', async () => {
      const log = new SearchLog(hub.ctx.database, hub.ctx.audit, clock);
      const [before, requestsBefore] = [await auditCount('documents.search'), (await auditedRequests()).length];
      const frBefore = (await ok<Stats>(stats(hub.adminToken, `?from=${DAY2}&to=${DAY2}&country=FR`))).totals;
      await Promise.all(Array.from({ length: 50 }, (_, i) => log.record(record(fr, i < 7 ? 1 : 0))));
      expect(await auditCount('documents.search')).toBe(before + 1);
      expect((await auditedRequests()).length).toBe(requestsBefore + 50);
      const frAfter = (await ok<Stats>(stats(hub.adminToken, `?from=${DAY2}&to=${DAY2}&country=FR`))).totals;
      expect({ searches: frAfter.searches - frBefore.searches, hits: frAfter.hits - frBefore.hits }).toEqual({ searches: 50, hits: 7 });
    });
  });
});

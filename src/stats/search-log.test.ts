import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../access/principal.js';
import { AuditLog } from '../audit/log.js';
import { verifyAuditLog } from '../audit/verify.js';
import { systemClock } from '../core/clock.js';
import { generateSigningKey } from '../crypto/signing-key.js';
import { openTestDatabase, testBackend, type TestDatabase } from '../storage/testing.js';
import { SearchLog, searchAuditItems, type SearchRecord } from './search-log.js';

const principal = (id: string, country: string): Principal => ({
  kind: 'api_key', id, name: `key ${id}`, orgId: `org_${country}`, orgKind: 'ncb', country, ncbId: `org_${country}`,
  roles: [], permissions: new Set(), databases: new Map(),
});
const fr = principal('key_fr', 'FR');
const gb = principal('key_gb', 'GB');
const search = (p: Principal, number: string, hits = 0, database: SearchRecord['database'] = 'documents'): SearchRecord =>
  ({ principal: p, database, query: { number }, searches: 1, hits, location: 'Calais' });

describe('search audit entries', () => {
  it('lists a searcher\'s document searches of one commit in one entry, each with its query and outcome', () => {
    const items = searchAuditItems([search(fr, 'A1'), search(gb, 'B1', 1), search(fr, 'A2', 1), search(fr, 'P1', 0, 'persons')]);
    expect(items.map((i) => [i.actor?.id, i.event.action])).toEqual([['key_fr', 'documents.search'], ['key_gb', 'documents.search'], ['key_fr', 'persons.search']]);
    expect(items[0]?.event.details).toEqual({
      searches: 2, hits: 1, outcome: 'hit',
      requests: [
        { query: { number: 'A1' }, searches: 1, hits: 0, outcome: 'no_hit', location: 'Calais' },
        { query: { number: 'A2' }, searches: 1, hits: 1, outcome: 'hit', location: 'Calais' },
      ],
    });
    // Other databases keep one entry per search.
    expect(items[2]?.event.details).toEqual({ query: { number: 'P1' }, searches: 1, hits: 0, outcome: 'no_hit', location: 'Calais' });
  });

  it('keeps searchers apart when only the name differs (a node acting for a person)', () => {
    const items = searchAuditItems([search(fr, 'A1'), search({ ...fr, name: 'officer at the node' }, 'A2')]);
    expect(items).toHaveLength(2);
  });
});

describe(`search log tampering on ${testBackend}`, () => {
  const key = generateSigningKey();
  const origin = 'blueline.test/audit';
  let t: TestDatabase;
  let audit: AuditLog;

  beforeEach(async () => {
    t = await openTestDatabase();
    audit = new AuditLog(t.database, systemClock, { origin, privateKey: key.privateKey });
  });
  afterEach(async () => t.cleanup());

  it('a search whose logged outcome is altered no longer verifies', async () => {
    const log = new SearchLog(t.database, audit, systemClock);
    await Promise.all([log.record(search(fr, 'A1')), log.record(search(fr, 'A2', 1)), log.record(search(fr, 'A3'))]);
    expect((await verifyAuditLog(t.database, { origin, publicKey: key.publicKey })).problems).toEqual([]);

    const row = await t.database.db.selectFrom('audit_entries').select(['seq', 'entry']).where('action', '=', 'documents.search').executeTakeFirstOrThrow();
    const altered = row.entry.replace('"hits":1,"location":"Calais","outcome":"hit"', '"hits":0,"location":"Calais","outcome":"no_hit"');
    expect(altered).not.toBe(row.entry);
    await t.database.db.updateTable('audit_entries').set({ entry: altered }).where('seq', '=', row.seq).execute();
    expect((await verifyAuditLog(t.database, { origin, publicKey: key.publicKey })).problems).toContain(`entry ${row.seq}: its content does not match its leaf hash`);
  });
});

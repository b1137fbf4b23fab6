import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../audit/entry.js';
import { startTestHub, type TestHub } from '../../hub/testing.js';
import { organisationStore } from '../../registry/organisations/store.js';
import type { Database } from '../../storage/database.js';
import type { PersonRow } from '../../storage/schema.js';
import { testBackend } from '../../storage/testing.js';
import type { ScreeningResult } from '../schema.js';
import { newPersonIds, newPersonRow, personStore } from '../store.js';
import { validateNewPerson } from '../validate.js';
import { announcePersons } from './announce.js';
import { importPersons, type ImportOwner, type ImportSummary, type PersonImportOptions } from './importer.js';
import { ndjsonPersons } from './ndjson.js';

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text, 'utf8');
}

const line = (body: Record<string, unknown>) => JSON.stringify(body);

describe(`bulk import of persons on ${testBackend}`, () => {
  let hub: TestHub;
  let gb: ImportOwner;
  const ncb = async (country: string): Promise<ImportOwner> => ({ ncbId: (await organisationStore.ncbOf(hub.ctx.database.db, country))?.id as string, country });

  beforeAll(async () => {
    hub = await startTestHub();
    gb = await ncb('GB');
  });
  afterAll(async () => hub?.close());

  const run = (lines: readonly string[], owner: ImportOwner | null = gb, extra: Partial<PersonImportOptions> = {}): Promise<ImportSummary> =>
    importPersons({ database: hub.ctx.database, audit: hub.ctx.audit, clock: hub.ctx.clock, ...(owner ? { owner } : {}), source: ndjsonPersons(bytes(lines.join('\n'))), ...extra });
  const rowsOf = async (country: string): Promise<PersonRow[]> =>
    hub.ctx.database.db.selectFrom('persons').selectAll().where('owner_country', '=', country).orderBy('reference').execute();
  const importEntries = async (country: string): Promise<AuditEntry[]> =>
    (await hub.ctx.database.db.selectFrom('audit_entries').select('entry').where('action', '=', 'persons.import').where('actor_country', '=', country).orderBy('seq').execute())
      .map((r) => JSON.parse(r.entry) as AuditEntry);
  const brief = (s: ImportSummary) => ({ ...s, errors: s.errors.map((e) => [e.line, e.code]) });

  const FIRST = [
    line({ reference: 'GB-1', names: [{ family: 'Smith', given: 'John' }], birthDate: '1970-01-02', sex: 'M', nationalities: ['GBR'] }),
    line({ reference: 'GB-2', names: [{ family: 'Иванов', given: 'Иван', patronymic: 'Петрович' }, { kind: 'spelling', family: 'Ivanov', given: 'Ivan' }], nationalities: ['rus'] }),
    '{"reference": "GB-3", "names": [', // broken JSON
    line({ reference: 'GB-4', names: [{ family: '!!!' }] }), // no letters
    line({ reference: 'GB-5', names: [{ family: 'Jones' }], birthDate: '1980-02-31' }), // 31 February
    line({ reference: 'GB-6', names: [{ family: 'Brown' }], nationalities: ['XYZ'] }), // unknown nationality
    line({ reference: 'GB-1', names: [{ family: 'Taylor', given: 'Anne' }] }), // GB-1 again, another person
    line({ reference: 'GB-2', names: [{ family: 'Иванов', given: 'Иван', patronymic: 'Петрович' }, { kind: 'spelling', family: 'Ivanov', given: 'Ivan' }], nationalities: ['RUS'] }), // GB-2 again, the same person
    line({ names: [{ family: 'Green' }] }), // no reference
    line({ reference: 'GB-10', names: [{ family: 'White' }], colour: 'red' }), // not a field
    '[1, 2]',
    line({ reference: 'GB-12', names: [{ family: 'Oyelaran', given: 'Adewale' }], birthDate: '1985' }),
  ];

  it('imports the good rows and reports each bad one by line, with a stable code', async () => {
    const progress: number[] = [];
    const summary = await run(FIRST, gb, { onProgress: (p) => progress.push(p.read) });
    expect(brief(summary)).toEqual({
      read: 12, imported: 3, duplicates: 1, invalid: 8,
      errors: [
        [3, 'ndjson.invalid_json'],
        [4, 'person.name_no_letters'],
        [5, 'person.birth_date_invalid'],
        [6, 'person.nationality_invalid'],
        [7, 'person.reference_conflict'],
        [9, 'person.reference_missing'],
        [10, 'person.invalid'],
        [11, 'ndjson.not_an_object'],
      ],
    });
    expect(summary.errors.find((e) => e.line === 7)?.message).toContain('the person on line 1');
    expect(summary.errors.find((e) => e.line === 10)?.message).toBe('/colour: is not a field of a person record');
    expect(progress).toEqual([12]);
    const rows = await rowsOf('GB');
    expect(rows.map((r) => [r.reference, (JSON.parse(r.names) as { family: string }[])[0]?.family, r.nationalities, r.created_by])).toEqual([
      ['GB-1', 'Smith', '["GBR"]', 'system:import'],
      ['GB-12', 'Oyelaran', '[]', 'system:import'],
      ['GB-2', 'Иванов', '["RUS"]', 'system:import'],
    ]);
    // Each row whole: the same columns as the API path makes.
    const api = newPersonRow(validateNewPerson({ names: [{ family: 'Smith', given: 'John' }], birthDate: '1970-01-02', sex: 'M', nationalities: ['GBR'] }, rows[0]!.created_at.slice(0, 10)), { orgId: gb.ncbId, country: 'GB' }, 'system:import', rows[0]!.created_at, rows[0]!.id);
    expect(rows[0]).toMatchObject({ ...api, reference: 'GB-1', import_digest: expect.stringMatching(/^[0-9a-f]{32}$/) as string, seq: expect.any(Number) as number });
  });

  it('imports nothing new when the same file runs again: every good row is already present', async () => {
    const summary = await run(FIRST);
    expect(brief(summary)).toMatchObject({ read: 12, imported: 0, duplicates: 4, invalid: 8 });
    expect(summary.errors.find((e) => e.line === 7)?.message).toContain('the person on line 1');
    expect(await rowsOf('GB')).toHaveLength(3);
  });

  it('refuses, under a reference already imported, a person with other particulars, in a later run too', async () => {
    const summary = await run([line({ reference: 'GB-12', names: [{ family: 'Oyelaran', given: 'Adewale' }], birthDate: '1986' })]);
    expect(brief(summary)).toEqual({ read: 1, imported: 0, duplicates: 0, invalid: 1, errors: [[1, 'person.reference_conflict']] });
    expect(summary.errors[0]?.message).toMatch(/^reference "GB-12" already names the person per_\w+ of GB with other particulars/);
  });

  it('keeps an NCB to its own country: a line owned by another country is refused', async () => {
    const summary = await run([
      line({ reference: 'X-1', ownerCountry: 'FR', names: [{ family: 'Dupont', given: 'Jean' }] }),
      line({ reference: 'X-2', ownerCountry: 'gb', names: [{ family: 'Clarke', given: 'Ellen' }] }),
    ]);
    expect(brief(summary)).toEqual({ read: 2, imported: 1, duplicates: 0, invalid: 1, errors: [[1, 'access.forbidden']] });
    expect(summary.errors[0]?.message).toContain('the NCB of GB imports its own country\'s persons, not FR\'s');
    expect(await rowsOf('FR')).toEqual([]);
  });

  it('takes the owner from each line when the import names none, and refuses a line naming no NCB', async () => {
    const summary = await run([
      line({ reference: 'F-1', ownerCountry: 'FR', names: [{ family: 'Dupont', given: 'Jean' }] }),
      line({ reference: 'D-1', ownerCountry: 'DE', names: [{ family: 'Müller', given: 'Hans' }] }),
      line({ reference: 'Z-1', ownerCountry: 'ZZ', names: [{ family: 'Nobody' }] }),
      line({ reference: 'N-1', names: [{ family: 'Nowhere' }] }),
    ], null);
    expect(brief(summary)).toEqual({ read: 4, imported: 2, duplicates: 0, invalid: 2, errors: [[3, 'person.owner_invalid'], [4, 'person.owner_missing']] });
    expect((await rowsOf('FR')).map((r) => [r.reference, r.owner_org_id])).toEqual([['F-1', (await ncb('FR')).ncbId]]);
    expect((await importEntries('DE')).map((e) => e.details.count)).toEqual([1]);
  });

  it('audits one entry per committed batch, naming its lines, index keys and a digest of its ids, never the particulars', async () => {
    const es = await ncb('ES');
    const lines = [1, 2, 3, 4, 5].map((i) => line({ reference: `ES-${i}`, names: [{ family: `García${'a'.repeat(i)}`, given: 'Luis' }] }));
    const summary = await run([...lines.slice(0, 3), '{', ...lines.slice(3)], es, { batchSize: 3 });
    expect(brief(summary)).toEqual({ read: 6, imported: 5, duplicates: 0, invalid: 1, errors: [[4, 'ndjson.invalid_json']] });
    const entries = await importEntries('ES');
    expect(entries.map((e) => [e.details.lines, e.details.count, e.details.invalid])).toEqual([[{ first: 1, last: 3 }, 3, 0], [{ first: 4, last: 6 }, 2, 1]]);
    const rows = await rowsOf('ES');
    const second = rows.filter((r) => ['ES-4', 'ES-5'].includes(r.reference ?? ''));
    expect(entries[1]?.details).toMatchObject({
      ownerCountry: 'ES',
      seqs: { first: Math.min(...second.map((r) => r.seq)), last: Math.max(...second.map((r) => r.seq)) },
      idsSha256: createHash('sha256').update(second.map((r) => r.id).sort().join('\n')).digest('hex'),
    });
    expect(entries[0]?.actor).toEqual({ type: 'system', id: 'system:import', name: 'import', org: es.ncbId, country: 'ES' });
    expect(JSON.stringify(entries)).not.toContain('García');
  });

  it('lets a running hub screen against the persons at once, when each batch is announced on the bus', async () => {
    const it = await ncb('IT');
    const screen = async (name: string) =>
      (await hub.call(hub.adminToken, { method: 'POST', url: '/api/v1/persons/screen', payload: { names: [name] } })).json<ScreeningResult>();
    expect((await screen('Giuseppe Bellandi')).candidates).toEqual([]);
    const summary = await run([
      line({ reference: 'IT-1', names: [{ family: 'Bellandi', given: 'Giuseppe' }], birthDate: '1961-03-04' }),
      line({ reference: 'IT-2', names: [{ family: 'Ζαχαρίου', given: 'Νίκος' }] }),
    ], it, { onImported: (persons) => announcePersons(hub.ctx.bus, persons) });
    expect(summary.imported).toBe(2);
    const found = await screen('Giuseppe Bellandi');
    expect(found.candidates.map((c) => [c.person.ownerCountry, c.person.names[0]?.family, c.score])).toEqual([['IT', 'Bellandi', 1]]);
    expect((await screen('Nikos Zachariou')).candidates.map((c) => c.person.names[0]?.family)).toEqual(['Ζαχαρίου']);
  });

  it('retries a batch row by row when it fails to commit, so one row cannot sink the others', async () => {
    const nl = await ncb('NL');
    const real = hub.ctx.database;
    let raced = false;
    // Another import commits NL-2 between this one's reference check and its insert.
    const racing: Database = {
      ...real,
      transaction: async (fn) => {
        if (!raced) {
          raced = true;
          const other = await run([line({ reference: 'NL-2', names: [{ family: 'de Vries', given: 'Jan' }] })], nl);
          expect(other.imported).toBe(1);
        }
        return real.transaction(fn);
      },
    };
    const lines = [1, 2, 3].map((i) => line({ reference: `NL-${i}`, names: [{ family: 'de Vries', given: i === 2 ? 'Jan' : `Piet${i}` }] }));
    const summary = await run(lines, nl, { database: racing });
    expect(brief(summary)).toEqual({ read: 3, imported: 2, duplicates: 1, invalid: 0, errors: [] });
    expect((await rowsOf('NL')).map((r) => r.reference)).toEqual(['NL-1', 'NL-2', 'NL-3']);
    expect((await importEntries('NL')).map((e) => [e.details.count, e.details.duplicates])).toEqual([[1, 0], [2, 1]]);
  });

  it('stops, rather than reports rows as bad, when the database itself fails', async () => {
    const broken: Database = { ...hub.ctx.database, transaction: () => Promise.reject(new Error('disk full')) };
    await expect(run([line({ reference: 'PT-1', names: [{ family: 'Silva' }] })], await ncb('PT'), { database: broken })).rejects.toThrow('disk full');
  });

  it('inserts many rows in multi-row statements, each with its index key, in the order given', async () => {
    const be = await ncb('BE');
    const now = hub.ctx.clock.now().toISOString();
    const input = validateNewPerson({ names: [{ family: 'Peeters' }] }, now.slice(0, 10));
    const ids = newPersonIds(1203);
    expect(new Set(ids).size).toBe(1203);
    const rows = ids.map((id, i) => ({ ...newPersonRow(input, { orgId: be.ncbId, country: 'BE' }, 'usr_test', now, id), reference: `BE-${i}` }));
    const saved = await hub.ctx.database.transaction((trx) => personStore.insertMany(trx, hub.ctx.database.dialect, rows));
    expect(saved.map((r) => r.id)).toEqual(ids);
    const stored = await hub.ctx.database.db.selectFrom('persons').select(['id', 'seq']).where('owner_country', '=', 'BE').execute();
    expect(new Map(stored.map((r) => [r.id, Number(r.seq)]))).toEqual(new Map(saved.map((r) => [r.id, r.seq])));
  });
});

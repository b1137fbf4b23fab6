import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../audit/entry.js';
import { startTestHub, type TestHub } from '../../hub/testing.js';
import { organisationStore } from '../../registry/organisations/store.js';
import type { Database } from '../../storage/database.js';
import type { TravelDocumentRow } from '../../storage/schema.js';
import { testBackend } from '../../storage/testing.js';
import { DOCUMENT_CHANGE_TOPIC, DocumentIndex, indexedRange } from '../no-hit-index.js';
import type { SearchResult } from '../schema.js';
import { DocumentSearch, parseQuery } from '../search.js';
import { documentStore, rowFromInput } from '../store.js';
import { validateNewDocument } from '../validate.js';
import { csvDocuments, csvFieldName } from './columns.js';
import { importDocuments, type ImportOptions, type ImportOwner, type ImportSummary, type ParsedLine } from './importer.js';
import { ndjsonDocuments } from './ndjson.js';

const HEADER = 'issuing_state,document_type,status,number,range_from,range_to,event_date,holder_name,visibility,visible_countries';

async function* bytes(...parts: (string | number[])[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p);
}

describe(`bulk import of travel documents on ${testBackend}`, () => {
  let hub: TestHub;
  let gb: ImportOwner;
  let fr: ImportOwner;

  beforeAll(async () => {
    hub = await startTestHub();
    const ncb = async (country: string) => ({ ncbId: (await organisationStore.ncbOf(hub.ctx.database.db, country))?.id as string, country });
    gb = await ncb('GB');
    fr = await ncb('FR');
  });
  afterAll(async () => hub.close());

  const run = (source: AsyncIterable<ParsedLine>, owner: ImportOwner = gb, extra: Partial<ImportOptions> = {}): Promise<ImportSummary> =>
    importDocuments({ database: hub.ctx.database, audit: hub.ctx.audit, clock: hub.ctx.clock, owner, source, ...extra });
  const csv = (text: string | Uint8Array, owner?: ImportOwner, extra: Partial<ImportOptions> = {}) =>
    run(csvDocuments(bytes(typeof text === 'string' ? text : [...text])), owner, { fieldName: csvFieldName, ...extra });

  const rowsOf = async (country: string): Promise<TravelDocumentRow[]> =>
    (await hub.ctx.database.db.selectFrom('travel_documents').selectAll().where('owner_country', '=', country).execute())
      .sort((a, b) => ((a.number ?? `~${a.range_prefix}`) < (b.number ?? `~${b.range_prefix}`) ? -1 : 1));
  const importEntries = async (country: string): Promise<AuditEntry[]> =>
    (await hub.ctx.database.db.selectFrom('audit_entries').select('entry').where('action', '=', 'documents.import').where('actor_country', '=', country).orderBy('seq').execute())
      .map((r) => JSON.parse(r.entry) as AuditEntry);

  const FIRST = [
    HEADER,
    'GBR,passport,stolen,X1000001,,,2024-01-05,Jane Doe,,',
    'gbr,identity_card,lost, x100-0002 ,,,,,countries,FR;DE',
    'GBR,passport,stolen_blank,,B000100,B000199,,,,',
    'QQQ,passport,stolen,X1000003,,,,,,', // unknown state
    'GBR,passport,stolen,X10é0004,,,,,,', // not a document number (é in UTF-8)
    'GBR,Passport,stolen,X1000005,,,,,,', // not a document type
    'GBR,passport,stolen_blank,,B000300,B000200,,,,', // range ends before it starts
    'GBR,passport,stolen,X1000006,,,2999-01-01,,,', // theft in the future
    'GBR,passport,stolen,X"1000007,,,,,,', // stray quote
    'GBR,passport,stolen,X1000008,,,,,', // a column short
    'GBR,passport,stolen,,,,,,,', // neither number nor range
    'GBR,passport,stolen,X1000009,,,,"Zoë ""Z""\nof Paris",hub,',
  ].join('\r\n');

  it('imports the good rows and reports each bad one by line, with its code', async () => {
    const progress: number[] = [];
    const summary = await csv(FIRST, gb, { onProgress: (p) => progress.push(p.read) });
    expect({ ...summary, errors: summary.errors.map((e) => [e.line, e.code]) }).toEqual({
      read: 12, imported: 4, duplicates: 0, invalid: 8,
      errors: [
        [5, 'document.unknown_state'],
        [6, 'document.invalid_number'],
        [7, 'document.invalid'],
        [8, 'document.invalid'],
        [9, 'document.invalid'],
        [10, 'csv.stray_quote'],
        [11, 'csv.column_count'],
        [12, 'document.invalid'],
      ],
    });
    const message = (line: number) => summary.errors.find((e) => e.line === line)?.message;
    expect(message(5)).toBe('issuing_state: QQQ is not an ICAO 9303 state or organisation code');
    expect(message(6)).toMatch(/^number: Character "é" \(U\+00E9\) at position 4/);
    expect(message(7)).toBe('document_type: "Passport" is not one of passport, identity_card, visa, residence_permit, refugee_travel_document, other_travel_document, seafarer_book');
    expect(message(8)).toBe('range_to: the range ends (B000200) before it starts (B000300)');
    expect(message(9)).toBe('event_date: the theft or loss cannot be in the future');
    expect(message(12)).toBe('give either a number or a range of blank serials, not both and not neither');
    expect(progress.at(-1)).toBe(12);

    const rows = await rowsOf('GB');
    expect(rows.map((r) => [r.kind, r.issuing_state, r.number ?? `${r.range_prefix}${r.range_first}-${r.range_last}`, r.visibility])).toEqual([
      ['single', 'GBR', 'X1000001', 'all'],
      ['single', 'GBR', 'X1000002', 'countries'],
      ['single', 'GBR', 'X1000009', 'hub'],
      ['range', 'GBR', 'B100-199', 'all'],
    ]);
    for (const r of rows) expect([r.owner_org_id, r.created_by, r.state]).toEqual([gb.ncbId, 'system:import', 'active']);
    expect(rows.find((r) => r.number === 'X1000002')?.visible_to).toBe('["DE","FR"]');
    expect(rows.find((r) => r.number === 'X1000009')?.holder_name).toBe('Zoë "Z"\nof Paris');
    expect(rows.find((r) => r.number === 'X1000001')?.event_date).toBe('2024-01-05');
  });

  it('imports nothing new when the same file runs again: every good row is already present', async () => {
    const summary = await csv(FIRST);
    expect({ read: summary.read, imported: summary.imported, duplicates: summary.duplicates, invalid: summary.invalid }).toEqual({ read: 12, imported: 0, duplicates: 4, invalid: 8 });
    expect(await rowsOf('GB')).toHaveLength(4);
  });

  it('treats a row repeated in one file as a duplicate, in the same batch or far apart', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 10; i++) lines.push(`FRA,passport,lost,F${i % 4}000000,,,,,,`);
    lines.push('FRA,visa,stolen_blank,,V0001,V0009,,,,', 'FRA,visa,stolen_blank,,V0001,V0009,,,,');
    const summary = await csv(lines.join('\n'), fr, { batchSize: 3 });
    expect({ ...summary, errors: [] }).toEqual({ read: 12, imported: 5, duplicates: 7, invalid: 0, errors: [] });
    expect((await rowsOf('FR')).map((r) => r.number ?? r.range_prefix)).toEqual(['F0000000', 'F1000000', 'F2000000', 'F3000000', 'V']);
  });

  it('owns records per country: the same document reported by another country is not a duplicate', async () => {
    const summary = await csv(`${HEADER}\nGBR,passport,stolen,X1000001,,,,,,\n`, fr);
    expect([summary.imported, summary.duplicates]).toEqual([1, 0]);
  });

  it('reads mixed encodings line by line: a Latin-1 line is an error, its neighbours are imported', async () => {
    const file = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`${HEADER}\nDEU,passport,stolen,D2000001,,,,Jürgen Groß,,\nDEU,passport,stolen,D2000002,,,,J`),
      Buffer.from([0xfc]), // ü in Latin-1
      Buffer.from('rgen,,\nDEU,passport,stolen,D2000003,,,,Łukasz,,\n'),
    ]);
    const de = { ncbId: (await organisationStore.ncbOf(hub.ctx.database.db, 'DE'))?.id as string, country: 'DE' };
    const summary = await csv(file, de);
    expect([summary.imported, summary.invalid]).toEqual([2, 1]);
    expect(summary.errors).toEqual([{ line: 3, code: 'encoding.not_utf8', message: 'not UTF-8; re-save the file as UTF-8 (byte 0xFC ("ü" in Latin-1) at column 34)' }]);
    expect((await rowsOf('DE')).map((r) => r.holder_name)).toEqual(['Jürgen Groß', 'Łukasz']);
  });

  it('reads NDJSON in the API shape, with the same reporting', async () => {
    const es = { ncbId: (await organisationStore.ncbOf(hub.ctx.database.db, 'ES'))?.id as string, country: 'ES' };
    const lines = [
      JSON.stringify({ issuingState: 'ESP', documentType: 'passport', status: 'stolen', number: 'E3000001', holder: { name: 'Ana' } }),
      '',
      '{"issuingState": "ESP", ',
      '[1, 2]',
      JSON.stringify({ issuingState: 'ESP', documentType: 'passport', status: 'stolen', number: 'E3000002', colour: 'red' }),
      JSON.stringify({ issuingState: 'ESP', documentType: 'passport', status: 'stolen_blank', range: { from: 'E0010' } }),
      JSON.stringify({ issuingState: 'ESP', documentType: 'visa', status: 'lost', number: 'E3000003', restriction: { visibility: 'countries', countries: ['fr'] } }),
    ];
    const summary = await run(ndjsonDocuments(bytes(lines.join('\n'))), es);
    expect(summary).toEqual({
      read: 6, imported: 1, duplicates: 0, invalid: 5,
      errors: [
        { line: 3, code: 'ndjson.invalid_json', message: expect.stringMatching(/^not valid JSON: /) as unknown },
        { line: 4, code: 'ndjson.not_an_object', message: 'each line holds one JSON object (a record), not an array' },
        { line: 5, code: 'document.invalid', message: '/colour: is not a field of a record' },
        { line: 6, code: 'document.invalid', message: '/range/to: is required' },
        { line: 7, code: 'document.invalid', message: '/restriction/countries/0: "fr" is not an ISO 3166 alpha-2 country code in capitals (FR)' },
      ],
    });
  });

  it('audits one entry per batch: the lines, the counts and a digest of the ids it created', async () => {
    const entries = await importEntries('GB');
    expect(entries).toHaveLength(1); // the re-run created nothing, so it wrote no entry
    const entry = entries[0] as AuditEntry;
    expect(entry.actor).toEqual({ type: 'system', id: 'system:import', name: 'import', org: gb.ncbId, country: 'GB' });
    expect(entry.details).toMatchObject({ ownerCountry: 'GB', lines: { first: 2, last: 13 }, count: 4, duplicates: 0, invalid: 8 });
    const ids = (await rowsOf('GB')).map((r) => r.id).sort();
    expect(entry.details.idsSha256).toBe(createHash('sha256').update(ids.join('\n')).digest('hex'));

    const fr = await importEntries('FR');
    expect(fr.map((e) => [e.details.lines, e.details.count])).toEqual([
      [{ first: 2, last: 4 }, 3],
      [{ first: 5, last: 7 }, 1],
      [{ first: 11, last: 13 }, 1],
      [{ first: 2, last: 2 }, 1],
    ]);
  });

  it('leaves the records searchable for a hub that starts afterwards (its index is rebuilt from the database)', async () => {
    const db = hub.ctx.database.db;
    const index = await DocumentIndex.build(db, await documentStore.countActive(db));
    const search = new DocumentSearch(db, index);
    const find = async (number: string, issuingState?: string) =>
      (await search.find(parseQuery({ number, ...(issuingState ? { issuingState } : {}) }))).map((c) => [c.kind, c.row.owner_country, c.recordedNumber]);
    expect((await find('X1000001', 'GBR')).sort()).toEqual([['exact', 'FR', 'X1000001'], ['exact', 'GB', 'X1000001']]);
    expect(await find('X1OOOOO9', 'GBR')).toEqual([['ocr_variant', 'GB', 'X1000009']]);
    expect(await find('X1000002')).toEqual([['exact', 'GB', 'X1000002']]);
    expect(await find('B000150', 'GBR')).toEqual([['blank_range', 'GB', 'B000150']]);
    expect(await find('B000250', 'GBR')).toEqual([]);
    expect(await find('E3000001')).toEqual([['exact', 'ES', 'E3000001']]);
  });

  it('lets an in-process caller announce each batch, so a running hub finds the records at once', async () => {
    const it = { ncbId: (await organisationStore.ncbOf(hub.ctx.database.db, 'IT'))?.id as string, country: 'IT' };
    const search = async (number: string) =>
      (await hub.call(hub.adminToken, { method: 'POST', url: '/api/v1/documents/search', payload: { number, issuingState: 'ITA' } })).json<SearchResult>().outcome;
    const summary = await csv(`${HEADER}\nITA,passport,stolen,I4000001,,,,,,\nITA,passport,stolen_blank,,I0500,I0599,,,,\n`, it, {
      onImported: async (rows) => {
        for (const row of rows) {
          const range = indexedRange(row);
          await hub.ctx.bus.publish(DOCUMENT_CHANGE_TOPIC, row.ocr_key ? { added: row.ocr_key } : range ? { range } : {});
        }
      },
    });
    expect(summary.imported).toBe(2);
    expect(await search('I4000001')).toBe('hit');
    expect(await search('I0550')).toBe('hit');
    expect(await search('I4000002')).toBe('no_hit');
  });

  it('retries a batch row by row when it fails to commit, so one row cannot sink the others', async () => {
    const nl = { ncbId: (await organisationStore.ncbOf(hub.ctx.database.db, 'NL'))?.id as string, country: 'NL' };
    const real = hub.ctx.database;
    let raced = false;
    // A record the API creates between the importer's duplicate check and its insert.
    const racing: Database = {
      ...real,
      dialect: real.dialect,
      db: real.db,
      transaction: async (fn) => {
        if (!raced) {
          raced = true;
          const now = hub.ctx.clock.now().toISOString();
          const input = validateNewDocument({ issuingState: 'NLD', documentType: 'passport', status: 'stolen', number: 'N5000002' }, now.slice(0, 10));
          await documentStore.insert(real.db, rowFromInput(input, { orgId: nl.ncbId, country: 'NL' }, 'usr_test', now));
        }
        return real.transaction(fn);
      },
    };
    const lines = [HEADER, ...[1, 2, 3, 4].map((i) => `NLD,passport,stolen,N500000${i},,,,,,`)];
    const summary = await run(csvDocuments(bytes(lines.join('\n'))), nl, { database: racing });
    expect({ ...summary }).toEqual({ read: 4, imported: 3, duplicates: 1, invalid: 0, errors: [] });
    expect((await rowsOf('NL')).map((r) => r.number)).toEqual(['N5000001', 'N5000002', 'N5000003', 'N5000004']);
    const [entry] = await importEntries('NL');
    expect(entry?.details).toMatchObject({ count: 3, duplicates: 1 });
  });

  it('stops, rather than reports rows as bad, when the database itself fails', async () => {
    const broken: Database = { ...hub.ctx.database, transaction: () => Promise.reject(new Error('disk full')) };
    await expect(run(csvDocuments(bytes(`${HEADER}\nPRT,passport,stolen,P6000001,,,,,,\n`)), gb, { database: broken })).rejects.toThrow('disk full');
  });
});

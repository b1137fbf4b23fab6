import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBlueline as blueline } from './support/processes.js';

const HEADER = 'issuing_state,document_type,status,number,range_from,range_to,holder_name';

describe('blueline import documents, as a real process', () => {
  let dir: string;
  let dataDir: string;
  const file = (name: string) => join(dir, name);
  const importing = (...args: string[]) => blueline(['import', 'documents', ...args, '--data-dir', dataDir]);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blueline-import-'));
    dataDir = join(dir, 'hub');
    expect((await blueline(['hub', 'init', '--data-dir', dataDir])).code).toBe(0);
    await writeFile(file('good.csv'), `${HEADER}\r\nGBR,passport,stolen,X1000001,,,Jane Doe\r\nGBR,passport,lost,X1000002,,,\r\nGBR,passport,stolen_blank,,B0100,B0199,\r\n`);
    await writeFile(file('mixed.csv'), `${HEADER}\nGBR,passport,stolen,X1000003,,,\nQQQ,passport,stolen,X1000004,,,\nGBR,passport,stolen_blank,,B0300,B0200,\nGBR,passport,stolen,X1000001,,,\n`);
    await writeFile(file('columns.csv'), 'issuing_state,document_type,status,number,colour\nGBR,passport,stolen,X1,red\n');
    await writeFile(file('records.txt'), `${HEADER}\n`);
  }, 60_000);
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('explains itself', async () => {
    for (const args of [['import', '--help'], ['import', 'documents', '--help']]) {
      const res = await blueline(args);
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/Usage:\n {2}blueline import documents FILE --country CC/);
    }
    expect((await blueline(['--help'])).stdout).toContain('import documents FILE --country CC');
  });

  it('imports a file, prints a summary and exits 0', async () => {
    const res = await importing(file('good.csv'), '--country', 'GB');
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^Read 3 rows from .*good\.csv in [\d.]+ s \([\d,]+ rows\/s\) for NCB United Kingdom \(GB\):$/m);
    expect(res.stdout).toMatch(/^ {2}imported +3$/m);
    expect(res.stdout).toMatch(/^ {2}already present +0 /m);
    expect(res.stdout).toMatch(/^ {2}invalid +0$/m);
    expect(res.stdout).toContain('A running hub does not find these records until it is restarted');
    expect(res.stderr).toBe(''); // a short import on a pipe: no progress line
  });

  it('imports nothing the second time: every row is already present, and still exits 0', async () => {
    const res = await importing(file('good.csv'), '--country', 'gb');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^ {2}imported +0$/m);
    expect(res.stdout).toMatch(/^ {2}already present +3 /m);
    expect(res.stdout).not.toContain('restarted');
  });

  it('exits 1 when some rows are invalid, listing them by line, and imports the rest', async () => {
    const res = await importing(file('mixed.csv'), '--country', 'GB');
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('line 3: document.unknown_state: issuing_state: QQQ is not an ICAO 9303 state or organisation code\n');
    expect(res.stdout).toContain('line 4: document.invalid: range_to: the range ends (B0200) before it starts (B0300)\n');
    expect(res.stdout).toMatch(/^ {2}imported +1$/m);
    expect(res.stdout).toMatch(/^ {2}already present +1 /m);
    expect(res.stdout).toMatch(/^ {2}invalid +2 \(listed above/m);
  });

  it('reads NDJSON from standard input', async () => {
    const lines = [
      JSON.stringify({ issuingState: 'GBR', documentType: 'visa', status: 'lost', number: 'V2000001' }),
      JSON.stringify({ issuingState: 'GBR', documentType: 'visa', status: 'lost', number: 'V2000002', colour: 'red' }),
    ];
    const res = await blueline(['import', 'documents', '-', '--country', 'GB', '--format', 'ndjson', '--data-dir', dataDir], `${lines.join('\n')}\n`);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('line 2: document.invalid: /colour: is not a field of a record');
    expect(res.stdout).toMatch(/^Read 2 rows from standard input/m);
  });

  it('refuses a file whose header names an unknown column: exit 2, nothing imported', async () => {
    const res = await importing(file('columns.csv'), '--country', 'GB');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('line 1 (the header): unknown column "colour" (column 5)');
    expect(res.stderr).toContain('Nothing was imported.');
  });

  it('answers usage errors with exit 2', async () => {
    const cases: [string[], string][] = [
      [[file('good.csv')], '--country is required'],
      [[file('good.csv'), '--country', 'ZZ'], '--country ZZ is not an INTERPOL member country'],
      [[file('good.csv'), '--country', 'GB', '--format', 'xml'], '--format is csv or ndjson'],
      [[file('records.txt'), '--country', 'GB'], 'cannot tell the format of'],
      [[file('missing.csv'), '--country', 'GB'], 'cannot read'],
      [['-', '--country', 'GB'], 'say --format csv or --format ndjson'],
      [[file('good.csv'), file('mixed.csv'), '--country', 'GB'], 'name one FILE'],
    ];
    cases.push([['import', 'fingerprints', file('good.csv')], 'cannot import "fingerprints"']);
    cases.push([['import', 'documents', file('good.csv'), '--country', 'GB', '--data-dir', join(dir, 'nowhere')], 'run "blueline hub init" first']);
    const results = await Promise.all(cases.map(([args]) => (args[0] === 'import' ? blueline(args) : importing(...args))));
    results.forEach((res, i) => {
      const [args, message] = cases[i] as [string[], string];
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toContain(message);
    });
  }, 60_000);

  it('refuses a country whose NCB is missing as a usage error', async () => {
    const db = new BetterSqlite3(join(dataDir, 'blueline.sqlite'));
    db.prepare("update organisations set kind = 'partner' where kind = 'ncb' and country = 'MT'").run();
    db.close();
    const res = await importing(file('good.csv'), '--country', 'MT');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('MT has no NCB in this hub');
  });

  it('leaves an audit log that still verifies, with one import entry per batch', async () => {
    const res = await blueline(['audit', 'verify', '--data-dir', dataDir]);
    expect(res.code, res.stdout).toBe(0);
    const db = new BetterSqlite3(join(dataDir, 'blueline.sqlite'), { readonly: true });
    const entries = db.prepare("select actor_country, entry from audit_entries where action = 'documents.import' order by seq").all() as { actor_country: string; entry: string }[];
    db.close();
    expect(entries.map((e) => [e.actor_country, (JSON.parse(e.entry) as { details: { count: number } }).details.count])).toEqual([['GB', 3], ['GB', 1], ['GB', 1]]);
  });
});

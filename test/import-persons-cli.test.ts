import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBlueline as blueline } from './support/processes.js';

const person = (reference: string, family: string, extra: Record<string, unknown> = {}) => JSON.stringify({ reference, names: [{ family, given: 'Sam' }], ...extra });

describe('blueline import persons, as a real process', () => {
  let dir: string;
  let dataDir: string;
  const file = (name: string) => join(dir, name);
  const importing = (...args: string[]) => blueline(['import', 'persons', ...args, '--data-dir', dataDir]);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blueline-import-persons-'));
    dataDir = join(dir, 'hub');
    expect((await blueline(['hub', 'init', '--data-dir', dataDir])).code).toBe(0);
    await writeFile(file('good.ndjson'), [person('GB-1', 'Archer'), person('GB-2', 'Baxter', { birthDate: '1975-06' }), person('GB-3', 'Carver', { ownerCountry: 'GB' })].join('\n'));
    await writeFile(file('mixed.jsonl'), [person('GB-4', 'Dalton'), person('GB-5', 'Ellis', { birthDate: '1990-02-30' }), person('FR-1', 'Fabre', { ownerCountry: 'FR' }), person('GB-1', 'Someone Else'), '{oops'].join('\n'));
    await writeFile(file('persons.csv'), 'reference,family\nGB-9,Hale\n');
  }, 60_000);
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('explains itself', async () => {
    const res = await blueline(['import', '--help']);
    expect(res.stdout).toContain('blueline import persons FILE [--country CC]');
    expect(res.stdout).toContain('person.reference_conflict');
  });

  it('imports a file, prints a summary and exits 0; a second run finds every person already present', async () => {
    const res = await importing(file('good.ndjson'), '--country', 'GB');
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^Read 3 rows from .*good\.ndjson in [\d.]+ s \([\d,]+ rows\/s\) for NCB United Kingdom \(GB\):$/m);
    expect(res.stdout).toMatch(/^ {2}imported +3$/m);
    expect(res.stdout).toContain('A running hub does not screen against these persons until it is restarted');
    const again = await importing(file('good.ndjson'), '--country', 'GB');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^ {2}imported +0$/m);
    expect(again.stdout).toMatch(/^ {2}already present +3 /m);
  });

  it('exits 1 when rows are bad, listing them by line with their codes, and imports the rest', async () => {
    const res = await importing(file('mixed.jsonl'), '--country', 'GB');
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('line 2: person.birth_date_invalid: /birthDate: ');
    expect(res.stdout).toContain('line 3: access.forbidden: /ownerCountry: the NCB of GB imports its own country\'s persons, not FR\'s');
    expect(res.stdout).toMatch(/^line 4: person\.reference_conflict: reference "GB-1" already names the person per_\w+ of GB/m);
    expect(res.stdout).toContain('line 5: ndjson.invalid_json: ');
    expect(res.stdout).toMatch(/^ {2}imported +1$/m);
    expect(res.stdout).toMatch(/^ {2}invalid +4 \(listed above/m);
  });

  it('reads standard input, and without --country takes each line\'s owner', async () => {
    const res = await blueline(['import', 'persons', '-', '--format', 'ndjson', '--data-dir', dataDir], `${person('FR-1', 'Fabre', { ownerCountry: 'FR' })}\n${person('X-1', 'Nobody')}\n`);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('line 2: person.owner_missing: /ownerCountry: is required');
    expect(res.stdout).toMatch(/^Read 2 rows from standard input .* for the owner countries the lines name:$/m);
    expect(res.stdout).toMatch(/^ {2}imported +1$/m);
  });

  it('answers usage errors with exit 2', async () => {
    const cases: [string[], string][] = [
      [[file('persons.csv'), '--country', 'GB'], 'persons are imported from NDJSON'],
      [[file('good.ndjson'), '--country', 'ZZ'], '--country ZZ is not an INTERPOL member country'],
      [['-', '--country', 'GB'], 'say --format csv or --format ndjson'],
    ];
    for (const [args, message] of cases) {
      const res = await importing(...args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toContain(message);
    }
  }, 60_000);

  it('leaves an audit log that still verifies, with one import entry per batch and owner', async () => {
    const res = await blueline(['audit', 'verify', '--data-dir', dataDir]);
    expect(res.code, res.stdout).toBe(0);
    const db = new BetterSqlite3(join(dataDir, 'blueline.sqlite'), { readonly: true });
    const entries = db.prepare("select actor_country, entry from audit_entries where action = 'persons.import' order by seq").all() as { actor_country: string; entry: string }[];
    const persons = db.prepare('select owner_country, reference from persons order by seq').all();
    db.close();
    expect(entries.map((e) => [e.actor_country, (JSON.parse(e.entry) as { details: { count: number } }).details.count])).toEqual([['GB', 3], ['GB', 1], ['FR', 1]]);
    expect(persons).toEqual([
      { owner_country: 'GB', reference: 'GB-1' }, { owner_country: 'GB', reference: 'GB-2' }, { owner_country: 'GB', reference: 'GB-3' },
      { owner_country: 'GB', reference: 'GB-4' }, { owner_country: 'FR', reference: 'FR-1' },
    ]);
  });
});

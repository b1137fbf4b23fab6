/**
 * The floor under the documents import at scale: plain better-sqlite3 inserts of
 * travel_documents rows (the same 31 columns and five secondary indexes, WAL,
 * synchronous=FULL, 64 MiB cache, 500 rows a statement, 5,000 a transaction),
 * with no validation, no duplicate checks and no audit. Prints the running
 * rate every million rows, so one sees where the indexes outgrow the caches.
 *
 *   npx tsx bench/documents/sqlite-floor.ts --rows 30000000 --file /var/tmp/floor.db
 *   npx tsx bench/documents/sqlite-floor.ts --rows 1000000 --no-indexes
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    file: { type: 'string', default: '/var/tmp/blueline-sqlite-floor.db' },
    'no-indexes': { type: 'boolean', default: false },
  },
});
const N = Number(values.rows);
const file = values.file;
for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });

const COLUMNS = ['id', 'kind', 'owner_org_id', 'owner_country', 'issuing_state', 'document_type', 'status', 'number', 'ocr_key',
  'range_prefix', 'range_first', 'range_last', 'range_digits', 'event_date', 'event_place', 'circumstances', 'holder_name',
  'holder_birth_date', 'holder_nationality', 'issued_on', 'expires_on', 'review_date', 'visibility', 'visible_to', 'state',
  'version', 'created_at', 'created_by', 'updated_at', 'updated_by', 'cancelled_at'];
const db = new BetterSqlite3(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('cache_size = -65536');
db.exec(`create table travel_documents (${COLUMNS.map((c) => (c === 'id' ? 'id text primary key' : c)).join(', ')})`);
if (!values['no-indexes']) {
  db.exec(`create unique index u_single on travel_documents (owner_country, issuing_state, number) where state = 'active'`);
  db.exec(`create unique index u_range on travel_documents (owner_country, issuing_state, range_prefix, range_digits, range_first, range_last) where state = 'active'`);
  db.exec('create index by_ocr_key on travel_documents (ocr_key)');
  db.exec('create index by_range on travel_documents (range_prefix, range_first)');
  db.exec('create index by_owner on travel_documents (owner_country, id)');
}
const ROWS_PER_STATEMENT = 500;
const insert = db.prepare(`insert into travel_documents (${COLUMNS.join(', ')}) values ${Array.from({ length: ROWS_PER_STATEMENT }, () => `(${COLUMNS.map(() => '?').join(', ')})`).join(', ')}`);

const now = new Date().toISOString();
const started = performance.now();
const cpu0 = process.cpuUsage();
const report = (n: number) => {
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  console.log(`${n.toLocaleString('en-GB')} rows, ${seconds.toFixed(0)} s: ${(n / seconds).toFixed(0)} rows/s on average; CPU ${((cpu.user + cpu.system) / n).toFixed(1)} µs a row (system ${(cpu.system / n).toFixed(1)})`);
};
let n = 0;
while (n < N) {
  db.exec('begin');
  for (let statement = 0; statement < 10; statement++) {
    const parameters: unknown[] = [];
    for (let r = 0; r < ROWS_PER_STATEMENT; r++, n++) {
      const number = String((n * 2_654_435_761) % 4_294_967_291).padStart(10, '0');
      const id = `doc_${Date.now().toString(36)}${n.toString(36).padStart(8, '0')}${randomBytes(4).toString('hex')}`;
      parameters.push(id, 'single', 'org_bench', 'GB', 'GBR', 'passport', 'stolen', number, number, null, null, null, null,
        '2024-05-17', null, null, null, null, null, null, null, '2034-05-17', 'all', '[]', 'active', 1, now, 'imp_bench', now, 'imp_bench', null);
    }
    insert.run(parameters);
  }
  db.exec('commit');
  if (n % 1_000_000 === 0) report(n);
}
report(n);
db.close();

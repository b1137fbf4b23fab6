/**
 * Name-screening evaluation (issue 5): recall and false candidates of the
 * screening engine (src/persons/names) on real person-name transliteration
 * pairs, mixed into a million synthetic persons, and beside it in the same
 * run the baseline a team would otherwise build: PostgreSQL pg_trgm
 * similarity on the same names.
 *
 *   npx tsx bench/names-eval.ts [--persons 1000000] [--queries 300] [--pg-queries 100]
 *                               [--split test|dev] [--threshold 0.8] [--single] [--no-pg]
 *                               [--misses FILE]
 *
 * The screening set. Each file ../shared/data/names/wikidata-en-<script>.train.tsv
 * holds (Latin spelling, the same name in another script) pairs. Pairs are
 * split in two halves by a hash of the Latin spelling: `dev` (what the
 * engine's calibration was tuned on) and `test` (the default, reported).
 * Within a half, each Latin spelling and each written form is used once
 * (across all files). A person's name is two pairs of the same file, given
 * name and surname ("grzimek bekmambetov" / "格日梅克·貝克曼比托夫"), or one pair
 * with --single (a name of one part, the harder and less realistic case: a
 * lone part has many near namesakes). Each person is stored once: by a hash
 * bit either in the other script (queried with its Latin spelling) or in
 * Latin (queried in the other script) — the two directions. Every person of
 * the half is stored (they are each other's confusable neighbours);
 * `--queries` of each direction are asked, chosen by hash.
 * putin-name-variants.txt gives one person stored as "Владимир Владимирович Путин" and its 79 other spellings
 * as queries. The synthetic persons (src/persons/names/synthetic.ts) come
 * from lists of common names of many cultures and scripts.
 *
 * For each query: rank of the right person in the top 10 (recall@1, @10,
 * asked with limit 50 and a floor of 0.3), whether it scores at or above the
 * border threshold, and how many other persons do (false candidates). No
 * lookup table built from the evaluation data is used anywhere.
 *
 * PostgreSQL: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test),
 * a throwaway schema dropped at the end.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sharedDataDir } from '../test/support/shared-data.js';
import { NameIndex, type PersonNames } from '../src/persons/names/name-index.js';
import { syntheticPersons } from '../src/persons/names/synthetic.js';
import { normalizeName } from '../src/persons/names/normalize.js';
import { weakestPart, writeMisses, type MissRecord } from './names-eval/misses.js';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '300' },
    'pg-queries': { type: 'string', default: '100' },
    split: { type: 'string', default: 'test' },
    threshold: { type: 'string', default: '0.8' },
    'no-pg': { type: 'boolean', default: false },
    single: { type: 'boolean', default: false },
    seed: { type: 'string', default: '20261123' },
    misses: { type: 'string' },
  },
});
const PERSONS = Number(values.persons);
const QUERIES = Number(values.queries);
const PG_QUERIES = Number(values['pg-queries']);
const SPLIT = values.split === 'dev' ? 'dev' : 'test';
const BORDER = Number(values.threshold);
const SINGLE = values.single === true;
const FLOOR = 0.3;
const LIMIT = 50;
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCRIPTS = ['arabic', 'chinese', 'hebrew', 'japanese', 'katakana', 'korean', 'russian'] as const;
const log = (line: string): void => { process.stderr.write(`${line}\n`); };
const fmt = (n: number, d = 0): string => n.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d });

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h >>> 0;
}

// ---------------------------------------------------------------------------
// The screening set
// ---------------------------------------------------------------------------

interface EvalQuery { bucket: string; query: string; target: number }

const dir = join(sharedDataDir(), 'names');
const records: { id: number; name: string }[] = [];
const queries: EvalQuery[] = [];
const storedNames = new Set<string>();
const canonical = (name: string): string | null => {
  try { const n = normalizeName(name); return `${n.script}:${n.parts.join(' ')}`; } catch { return null; }
};

const seenLatin = new Set<string>();
/** In other scripts, a foreign given name and surname are written apart like this. */
const JOINER: Readonly<Record<string, string>> = { chinese: '·', japanese: '・', katakana: '・' };
for (const script of SCRIPTS) {
  const lines = readFileSync(join(dir, `wikidata-en-${script}.train.tsv`), 'utf8').split('\n').filter((l) => l !== '');
  const rows = lines.map((l) => { const [latin = '', other = '', count = '0'] = l.split('\t'); return { latin, other: other.replace(/ /gu, ''), count: Number(count) }; });
  rows.sort((a, b) => b.count - a.count || (a.latin < b.latin ? -1 : 1));
  // The pairs of this half, each Latin spelling and each written form once (across all files).
  const items: { latin: string; other: string; h: number }[] = [];
  const seenOther = new Set<string>();
  for (const r of rows) {
    const h = fnv1a(r.latin);
    if (((h & 1) === 1 ? 'test' : 'dev') !== SPLIT) continue;
    const kl = canonical(r.latin);
    const ko = canonical(r.other);
    if (kl === null || ko === null || seenLatin.has(kl) || seenOther.has(ko)) continue;
    seenLatin.add(kl);
    seenOther.add(ko);
    items.push({ latin: r.latin, other: r.other, h: fnv1a(`${r.latin}#order`) });
  }
  items.sort((a, b) => a.h - b.h);
  // A person: one pair (--single) or two pairs of the same file as given name and surname.
  const people: { latin: string; other: string; h: number }[] = [];
  if (SINGLE) people.push(...items);
  else for (let i = 0; i + 1 < items.length; i += 2) {
    const g = items[i]!;
    const f = items[i + 1]!;
    people.push({ latin: `${g.latin} ${f.latin}`, other: `${g.other}${JOINER[script] ?? ' '}${f.other}`, h: g.h });
  }
  const perDir: Record<'latin' | 'script', EvalQuery[]> = { latin: [], script: [] };
  for (const person of people) {
    const storedInScript = ((fnv1a(person.latin) >>> 1) & 1) === 1;
    const stored = storedInScript ? person.other : person.latin;
    const key = canonical(stored);
    if (key === null || storedNames.has(key)) continue;
    storedNames.add(key);
    const id = records.length;
    records.push({ id, name: stored });
    const d = storedInScript ? 'latin' : 'script';
    perDir[d].push({ bucket: `${script} ${storedInScript ? 'Latin→script' : 'script→Latin'}`, query: storedInScript ? person.latin : person.other, target: id });
  }
  for (const d of ['latin', 'script'] as const) {
    const chosen = perDir[d].map((q) => ({ q, h: fnv1a(`${q.query}#q`) })).sort((a, b) => a.h - b.h).slice(0, QUERIES).map((x) => x.q);
    queries.push(...chosen);
  }
}
const putinLines = readFileSync(join(dir, 'putin-name-variants.txt'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '');
const PUTIN_RECORD = 'Владимир Владимирович Путин';
const putinId = records.length;
records.push({ id: putinId, name: PUTIN_RECORD });
for (const l of putinLines) if (l !== PUTIN_RECORD) queries.push({ bucket: 'putin variants', query: l, target: putinId });
log(`screening set (${SPLIT} half): ${fmt(records.length)} persons from the pairs, ${fmt(queries.length)} queries`);

// ---------------------------------------------------------------------------
// Build the index
// ---------------------------------------------------------------------------

const gc = (globalThis as { gc?: () => void }).gc;
const heapNow = (): number => { gc?.(); const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
const synthetic: PersonNames[] = [];
for (const p of syntheticPersons(PERSONS, Number(values.seed))) synthetic.push(p);
const heapBefore = heapNow();
const index = new NameIndex();
let t0 = performance.now();
for (const r of records) index.add(r.id, { names: [r.name] });
let nextId = records.length;
for (const p of synthetic) index.add(nextId++, p);
const buildSeconds = (performance.now() - t0) / 1000;
const heapAfter = heapNow();
const mem = index.memory();
log(`index: ${fmt(index.size)} persons, ${fmt(index.nameCount)} names, ${fmt(index.partCount)} distinct parts, built in ${fmt(buildSeconds, 1)} s`);

// ---------------------------------------------------------------------------
// Screen
// ---------------------------------------------------------------------------

interface Outcome { bucket: string; rank: number; targetScore: number; ms: number; scores: number[]; error?: string; unlike?: boolean }
/** A stored person's name as written (for the misses file). */
function nameOf(personId: number, nameIndex: number): string {
  return personId < records.length ? records[personId]!.name : synthetic[personId - records.length]?.names[nameIndex] ?? '?';
}
const outcomes: Outcome[] = [];
const missed: MissRecord[] = [];
const borderMs: number[] = [];
let borderFalse = 0;
for (const q of queries.slice(0, 50)) index.screen({ names: [q.query] }, { limit: LIMIT, threshold: FLOOR }); // warm-up
t0 = performance.now();
for (const q of queries) {
  // Ranking: the top of the list whatever the scores (recall@1, @10, and the scores for the threshold sweep).
  let cands;
  try { cands = index.screen({ names: [q.query] }, { limit: LIMIT, threshold: FLOOR }); } catch (e) {
    outcomes.push({ bucket: q.bucket, rank: -1, targetScore: 0, ms: 0, scores: [], error: (e as Error).message });
    continue;
  }
  // The border check as it runs: threshold applied (the engine prunes with it); this is the latency reported.
  const t = performance.now();
  const border = index.screen({ names: [q.query] }, { limit: LIMIT, threshold: BORDER });
  const ms = performance.now() - t;
  borderMs.push(ms);
  borderFalse += border.filter((c) => c.personId !== q.target).length;
  const rank = cands.findIndex((c) => c.personId === q.target);
  const falseAtBorder = border.filter((c) => c.personId !== q.target);
  if (values.misses !== undefined && (rank !== 0 || falseAtBorder.length > 0)) {
    missed.push({
      bucket: q.bucket, query: q.query, target: records[q.target]!.name, rank, targetScore: rank >= 0 ? cands[rank]!.score : 0,
      above: cands.slice(0, Math.max(0, rank < 0 ? 3 : Math.min(rank, 3))).map((c) => ({ name: nameOf(c.personId, c.recordName.index), score: c.score })),
      falseAtBorder: falseAtBorder.length,
      falseNames: falseAtBorder.slice(0, 5).map((c) => ({ name: nameOf(c.personId, c.recordName.index), score: c.score })),
    });
  }
  outcomes.push({
    // Supplementary only (never the headline): a part of one side alike to nothing on the other (< 0.5).
    unlike: weakestPart(q.query, records[q.target]!.name) < 0.5,
    bucket: q.bucket, rank, ms,
    targetScore: rank >= 0 ? cands[rank]!.score : 0,
    scores: cands.filter((c) => c.personId !== q.target).map((c) => c.score),
  });
}
const screenSeconds = (performance.now() - t0) / 1000;
if (values.misses !== undefined) writeMisses(values.misses, missed);

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}
interface Row { bucket: string; n: number; r1: number; r10: number; hit: number; fc: number; p50: number; p99: number }
function summarise(bucket: string, os: Outcome[], threshold = BORDER): Row {
  const n = os.length;
  return {
    bucket, n,
    r1: os.filter((o) => o.rank === 0).length / n,
    r10: os.filter((o) => o.rank >= 0 && o.rank < 10).length / n,
    hit: os.filter((o) => o.targetScore >= threshold).length / n,
    fc: os.reduce((s, o) => s + o.scores.filter((x) => x >= threshold).length, 0) / n,
    p50: pct(os.map((o) => o.ms), 0.5),
    p99: pct(os.map((o) => o.ms), 0.99),
  };
}
const buckets = [...new Set(outcomes.map((o) => o.bucket))];
const rows = buckets.map((b) => summarise(b, outcomes.filter((o) => o.bucket === b)));
const perScript = [...SCRIPTS.map((s) => summarise(s, outcomes.filter((o) => o.bucket.startsWith(`${s} `)))), summarise('putin variants', outcomes.filter((o) => o.bucket === 'putin variants'))];
const all = summarise('all', outcomes);

// ---------------------------------------------------------------------------
// The baseline: PostgreSQL pg_trgm on the same names
// ---------------------------------------------------------------------------

interface PgOutcome { bucket: string; rank: number; targetSim: number; others: number[]; ms: number }
const pgOutcomes: PgOutcome[] = [];
let pgNote = 'not run (--no-pg)';
const pgQueries: EvalQuery[] = [];
{
  const seen = new Map<string, number>();
  for (const q of queries) { const n = seen.get(q.bucket) ?? 0; if (n < PG_QUERIES || q.bucket === 'putin variants') { pgQueries.push(q); seen.set(q.bucket, n + 1); } }
}
if (!values['no-pg']) {
  const schema = `names_eval_${process.pid}`;
  const pool = new pg.Pool({ connectionString: PG_URL, max: 4 });
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await pool.query(`CREATE SCHEMA ${schema}`);
    await pool.query(`CREATE TABLE ${schema}.person_names (person_id integer NOT NULL, name text NOT NULL)`);
    t0 = performance.now();
    const rowsToLoad: [number, string][] = records.map((r) => [r.id, r.name]);
    let id = records.length;
    for (const p of synthetic) { for (const n of p.names) rowsToLoad.push([id, n]); id++; }
    for (let i = 0; i < rowsToLoad.length; i += 2000) {
      const batch = rowsToLoad.slice(i, i + 2000);
      await pool.query(`INSERT INTO ${schema}.person_names (person_id, name) SELECT * FROM unnest($1::int[], $2::text[])`, [batch.map((b) => b[0]), batch.map((b) => b[1])]);
    }
    const loadSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    await pool.query(`CREATE INDEX ON ${schema}.person_names USING gin (name gin_trgm_ops)`);
    await pool.query(`ANALYZE ${schema}.person_names`);
    const indexSeconds = (performance.now() - t0) / 1000;
    const size = await pool.query<{ bytes: string }>(`SELECT pg_relation_size(indexrelid)::text AS bytes FROM pg_index WHERE indrelid = '${schema}.person_names'::regclass`);
    const client = await pool.connect();
    try {
      await client.query('SET pg_trgm.similarity_threshold = 0.3');
      for (const q of pgQueries) {
        const t = performance.now();
        const res = await client.query<{ person_id: number; s: number }>(
          `SELECT person_id, max(similarity(name, $1)) AS s FROM ${schema}.person_names WHERE name % $1 GROUP BY person_id ORDER BY s DESC, person_id LIMIT ${LIMIT}`, [q.query]);
        const ms = performance.now() - t;
        const rank = res.rows.findIndex((r) => r.person_id === q.target);
        pgOutcomes.push({ bucket: q.bucket, rank, ms, targetSim: rank >= 0 ? res.rows[rank]!.s : 0, others: res.rows.filter((r) => r.person_id !== q.target).map((r) => r.s) });
      }
    } finally { client.release(); }
    pgNote = `${fmt(rowsToLoad.length)} names loaded in ${fmt(loadSeconds, 1)} s, GIN trigram index built in ${fmt(indexSeconds, 1)} s (${fmt(Number(size.rows[0]?.bytes ?? 0) / rowsToLoad.length, 1)} bytes per name)`;
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await pool.end();
  }
}

/** pg_trgm's best threshold: the one (0.30 … 0.95) with the most right persons above it less false candidates. */
function pgAt(os: PgOutcome[], t: number): { hit: number; fc: number } {
  const n = os.length;
  return { hit: os.filter((o) => o.targetSim >= t).length / n, fc: os.reduce((s, o) => s + o.others.filter((x) => x >= t).length, 0) / n };
}
let pgBest = 0.3;
if (pgOutcomes.length > 0) {
  let bestUtility = -Infinity;
  for (let t = 0.3; t <= 0.951; t += 0.05) {
    const r = pgAt(pgOutcomes, t);
    if (r.hit - r.fc > bestUtility) { bestUtility = r.hit - r.fc; pgBest = Math.round(t * 100) / 100; }
  }
}

// ---------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------

const f2 = (x: number): string => x.toFixed(2);
const f3 = (x: number): string => x.toFixed(3);
const out: string[] = [];
out.push(`Name screening evaluation — ${SINGLE ? 'one name part per person' : 'two name parts per person'}, ${SPLIT} half of the pairs, ${fmt(index.size)} persons in the index (${fmt(PERSONS)} synthetic), border threshold ${BORDER}`);
out.push('');
out.push(`Index: ${fmt(index.nameCount)} names, ${fmt(index.partCount)} distinct parts; built in ${fmt(buildSeconds, 1)} s (${fmt(index.nameCount / buildSeconds)} names/s, one core);`);
out.push(`memory ${fmt(mem.bytes / 2 ** 20, 1)} MiB by the index's own count = ${fmt(mem.perName, 1)} bytes per name; heap + array buffers grew ${fmt((heapAfter - heapBefore) / 2 ** 20, 1)} MiB = ${fmt((heapAfter - heapBefore) / index.nameCount, 1)} bytes per name${gc ? '' : ' (no --expose-gc: approximate)'}`);
out.push(`  by component (bytes per name): ${Object.entries(mem.parts).map(([k, v]) => `${k} ${fmt(v / index.nameCount, 1)}`).join(', ')}`);
out.push(`Screening: ${fmt(outcomes.length)} queries, twice (ranking with floor ${FLOOR}, and the border check with threshold ${BORDER}), in ${fmt(screenSeconds, 1)} s; border-check latency p50 ${f2(all.p50)} ms, p99 ${f2(all.p99)} ms (limit ${LIMIT}); false candidates per query at the border call ${f2(borderFalse / Math.max(1, borderMs.length))}`);
out.push('');
out.push('| queries | n | recall@1 | recall@10 | right person ≥ border | false candidates / query ≥ border | p50 ms | p99 ms |');
out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of [...rows, all]) out.push(`| ${r.bucket} | ${r.n} | ${f3(r.r1)} | ${f3(r.r10)} | ${f3(r.hit)} | ${f2(r.fc)} | ${f2(r.p50)} | ${f2(r.p99)} |`);
out.push('');
out.push('Per script (both directions):');
out.push('');
out.push('| script | n | recall@1 | recall@10 | right person ≥ border | false candidates / query ≥ border |');
out.push('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of perScript) out.push(`| ${r.bucket} | ${r.n} | ${f3(r.r1)} | ${f3(r.r10)} | ${f3(r.hit)} | ${f2(r.fc)} |`);
out.push('');
out.push('Supplementary, not the headline (every figure above is on all pairs): queries where some part of one side is alike to nothing on the other (best part similarity < 0.5: mostly pairs of the data that are not one name, e.g. a Japanese given name paired with another name), and recall@10 on the other queries:');
out.push('');
out.push('| script | n | some part alike to nothing | recall@10 on the others | false candidates / query ≥ border on the others |');
out.push('| --- | ---: | ---: | ---: | ---: |');
for (const s of [...SCRIPTS, 'putin variants', 'all']) {
  const os = outcomes.filter((o) => s === 'all' || o.bucket === s || o.bucket.startsWith(`${s} `));
  const alike = os.filter((o) => o.unlike !== true);
  const r = alike.length === 0 ? undefined : summarise(s, alike);
  out.push(`| ${s} | ${os.length} | ${os.length - alike.length} | ${r === undefined ? '-' : f3(r.r10)} | ${r === undefined ? '-' : f2(r.fc)} |`);
}
out.push('');
out.push('Threshold sweep (all queries): right person at or above / false candidates per query');
out.push('');
out.push(`| threshold | ${[0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95].join(' | ')} |`);
out.push(`| --- | ${[0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95].map(() => '---:').join(' | ')} |`);
out.push(`| Blueline | ${[0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95].map((t) => { const r = summarise('x', outcomes, t); return `${f3(r.hit)} / ${f2(r.fc)}`; }).join(' | ')} |`);
if (pgOutcomes.length > 0) out.push(`| pg_trgm | ${[0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95].map((t) => { const r = pgAt(pgOutcomes, t); return `${f3(r.hit)} / ${f2(r.fc)}`; }).join(' | ')} |`);
if (pgOutcomes.length > 0) {
  out.push('');
  out.push(`Beside the baseline, on the same ${fmt(pgOutcomes.length)} queries (${PG_QUERIES} per direction and script, and the Putin variants). pg_trgm: ${pgNote}; its best threshold ${pgBest} (most right persons above it less false candidates); Blueline at its border threshold ${BORDER}.`);
  out.push('');
  out.push('| script | Blueline recall@1 | pg_trgm recall@1 | Blueline recall@10 | pg_trgm recall@10 | ratio @10 | Blueline false cand./query | pg_trgm false cand./query | Blueline right ≥ threshold | pg_trgm right ≥ threshold | Blueline p50 / p99 ms | pg_trgm p50 / p99 ms |');
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const pgBuckets = [...SCRIPTS.map((s) => s as string), 'putin variants', 'all'];
  const bySet = new Set(pgQueries);
  const blSub = outcomes.filter((_, i) => bySet.has(queries[i]!));
  for (const b of pgBuckets) {
    const match = (bucket: string): boolean => b === 'all' || bucket === b || bucket.startsWith(`${b} `);
    const bl = summarise(b, blSub.filter((o) => match(o.bucket)));
    const po = pgOutcomes.filter((o) => match(o.bucket));
    const n = po.length;
    const p1 = po.filter((o) => o.rank === 0).length / n;
    const p10 = po.filter((o) => o.rank >= 0 && o.rank < 10).length / n;
    const pb = pgAt(po, pgBest);
    out.push(`| ${b} | ${f3(bl.r1)} | ${f3(p1)} | ${f3(bl.r10)} | ${f3(p10)} | ${p10 === 0 ? '∞' : f2(bl.r10 / p10)} | ${f2(bl.fc)} | ${f2(pb.fc)} | ${f3(bl.hit)} | ${f3(pb.hit)} | ${f2(bl.p50)} / ${f2(bl.p99)} | ${f2(pct(po.map((o) => o.ms), 0.5))} / ${f2(pct(po.map((o) => o.ms), 0.99))} |`);
  }
}
const errors = outcomes.filter((o) => o.error !== undefined);
if (errors.length > 0) out.push(`\n${errors.length} queries refused by the engine: ${[...new Set(errors.map((e) => e.error))].slice(0, 5).join('; ')}`);
console.log(out.join('\n'));

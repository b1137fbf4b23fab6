/**
 * The names engine alone on bench/persons.ts's population, built in memory
 * from the generator (no database, no hub, no HTTP): for working on the
 * engine's latency and false hits at 1 and 10 million persons in minutes.
 *
 *   node --expose-gc --import tsx bench/persons/engine.ts [--persons 1000000] [--queries 2000] [--seed 20261124]
 *                                                         [--data DIR] [--out FILE] [--repeat 1]
 *
 * The persons are the ones bench/persons.ts imports (person i is seq i + 1,
 * checked by the API's `validateNewPerson` and given to the engine as the
 * hub gives them: `engineRecord`; with `--data DIR`, read from the hub
 * database bench/persons.ts left there, exactly as a hub starts), the
 * queries its 2,000; the engine is asked
 * as the screening service asks it (limit 60, threshold 0.7). Reports
 * latency (one at a time, first time each query is asked, then again:
 * `--repeat`), the work counters of `NameIndex.lastWork` (independent of the
 * machine's load), how many screenings would hit at the default threshold
 * 0.8 by kind, and whether the person asked for is in the top 10. `--out`
 * writes every query's candidates (id and score) as JSON lines, to compare
 * two versions of the engine answer for answer.
 */
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { NameIndex, type Candidate, type ScreeningQuery } from '../../src/persons/names/index.js';
import type { ScreeningWork } from '../../src/persons/names/name-index.js';
import { PersonIndex } from '../../src/persons/person-index.js';
import { PERSON_LIMITS } from '../../src/persons/schema.js';
import { openDatabase } from '../../src/storage/open.js';
import { engineRecord, validateNewPerson, validateScreening } from '../../src/persons/validate.js';
import { generate, recordBody, STREAM_RECORDS } from './generation.js';
import { memory, p50, p99, percentile } from './measure.js';
import { N, QUERIES, elapsed, fmt, log, values } from './options.js';
import { buildQueries, type Category } from './queries.js';

const HIT = 0.8;
const today = new Date().toISOString().slice(0, 10);
const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');

log(`engine bench: ${fmt(N)} persons, ${fmt(QUERIES)} queries; load average ${load()}`);
const before = memory();
const buildStarted = performance.now();
let index: NameIndex;
if (values.data !== undefined) {
  // The hub's own start: the persons bench/persons.ts imported into DIR, read as PersonIndex.build reads them.
  const database = await openDatabase({ dataDir: resolve(values.data, 'hub') });
  try {
    index = (await PersonIndex.build(database.db) as unknown as { names: NameIndex }).names;
  } finally {
    await database.close();
  }
  if (index.size !== N) throw new Error(`${values.data} holds ${fmt(index.size)} active persons, not ${fmt(N)}`);
} else {
  index = new NameIndex();
  for (let i = 0; i < N; i++) {
    const input = validateNewPerson(recordBody(generate(STREAM_RECORDS, i)), today);
    index.add(i + 1, engineRecord({ names: input.names, birthDate: input.birth?.text ?? null, sex: input.sex, nationalities: input.nationalities }));
    if ((i + 1) % 1_000_000 === 0) log(`  ${fmt(i + 1)} persons (${elapsed()}, load ${load()})`);
  }
  index.warm(); // as PersonIndex.build does
}
const buildSeconds = (performance.now() - buildStarted) / 1000;
const after = memory();
const mem = index.memory();
log(`built in ${fmt(buildSeconds, 1)} s: ${fmt(index.nameCount)} names, ${fmt(index.partCount)} parts; own count ${fmt(mem.perName, 1)} B/name, heap+buffers ${fmt((after.heap - before.heap) / index.nameCount, 1)} B/name`);
log(`  by component, B/name: ${Object.entries(mem.parts).map(([k, v]) => `${k} ${fmt(v / index.nameCount, 1)}`).join(', ')}`);

const queries = buildQueries(QUERIES);
const asked: ScreeningQuery[] = queries.map((q) => validateScreening(q.body, today).query);
const options = { limit: Math.min(1000, PERSON_LIMITS.screenDefaultLimit * 4 + 20), threshold: Math.min(PERSON_LIMITS.defaultMinScore, PERSON_LIMITS.hitThresholdFloor) };
const repeat = Number(values.repeat ?? '1');

/** Wall-clock ms, and the process's CPU ms (what the screening cost, less waiting for a core on a busy machine). */
interface Row { ms: number; cpu: number; work: ScreeningWork; found: Candidate[] }
function run(): Row[] {
  const rows: Row[] = [];
  for (const q of asked) {
    const c = process.cpuUsage();
    const t = performance.now();
    const found = index.screen(q, options);
    const ms = performance.now() - t;
    const used = process.cpuUsage(c);
    rows.push({ ms, cpu: (used.user + used.system) / 1000, work: { ...index.lastWork }, found });
  }
  return rows;
}

const line = (label: string, xs: readonly number[], digits = 2): string =>
  `${label} p50 ${fmt(p50(xs), digits)} p90 ${fmt(percentile(xs, 0.9), digits)} p99 ${fmt(p99(xs), digits)} max ${fmt(Math.max(...xs), digits)} mean ${fmt(xs.reduce((a, b) => a + b, 0) / xs.length, digits)}`;

let rows: Row[] = [];
for (let r = 0; r < Math.max(1, repeat); r++) {
  const l0 = load();
  const started = performance.now();
  rows = run();
  const seconds = (performance.now() - started) / 1000;
  log(`run ${r + 1} (${r === 0 ? 'cold' : 'warm'}), load ${l0} → ${load()}: ${fmt(rows.length / seconds)}/s; ${line('ms', rows.map((x) => x.ms))}`);
  log(`  CPU ${line('ms', rows.map((x) => x.cpu))}`);
}
const keys: (keyof ScreeningWork)[] = ['partsCompared', 'postings', 'touched', 'skipped', 'credited', 'scored'];
for (const k of keys) log(`  ${k.padEnd(13)} ${line('', rows.map((x) => x.work[k]), 0)}`);
const cats: Category[] = ['traveller', 'exact', 'spelling', 'script'];
for (const c of cats) {
  const ks = queries.map((q, k) => (q.category === c ? k : -1)).filter((k) => k >= 0);
  const hits = ks.filter((k) => rows[k]!.found.some((x) => x.score >= HIT)).length;
  const top10 = ks.filter((k) => rows[k]!.found.slice(0, 10).some((x) => x.personId === queries[k]!.target + 1)).length;
  const hitOwn = ks.filter((k) => rows[k]!.found.some((x) => x.score >= HIT && x.personId === queries[k]!.target + 1)).length;
  const shown = ks.reduce((s, k) => s + rows[k]!.found.filter((x) => x.score >= PERSON_LIMITS.defaultMinScore).slice(0, PERSON_LIMITS.screenDefaultLimit).length, 0);
  log(`  ${c.padEnd(9)} n ${ks.length}; ${line('CPU ms', ks.map((k) => rows[k]!.cpu))}; hit ≥ ${HIT} ${fmt((100 * hits) / ks.length, 1)}%`
    + (c === 'traveller' ? '' : `, the person asked for: top 10 ${fmt((100 * top10) / ks.length, 1)}%, hit ${fmt((100 * hitOwn) / ks.length, 1)}%`)
    + `; ${fmt(shown / ks.length, 2)} shown`);
}
// What the travellers (none of them in the index) hit: their false hits by birth-date agreement and name.
const falseHits = new Map<string, number>();
let travellers = 0;
queries.forEach((q, k) => {
  if (q.category !== 'traveller') return;
  travellers++;
  for (const c of rows[k]!.found) {
    if (c.score < HIT) continue;
    const key = `${c.birthDate.agreement}${c.nameScore >= 0.97 ? ', same name' : ', name < 0.97'}${c.commonName ? `, common (${c.commonName.namesakes < 10 ? '<10' : c.commonName.namesakes < 50 ? '10–49' : '≥50'})` : ''}`;
    falseHits.set(key, (falseHits.get(key) ?? 0) + 1);
  }
});
log(`  travellers' hits ≥ ${HIT}, per traveller: ${[...falseHits].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${fmt(v / travellers, 3)}`).join('; ')}`);
const all = rows.filter((x) => x.found.some((c) => c.score >= HIT)).length;
log(`  screenings with a hit ≥ ${HIT}: ${fmt((100 * all) / rows.length, 1)}%`);
const slow = rows.map((x, k) => ({ x, k })).sort((a, b) => b.x.ms - a.x.ms).slice(0, 8);
for (const { x, k } of slow) log(`  slow ${fmt(x.ms, 1)} ms (CPU ${fmt(x.cpu, 1)}) ${queries[k]!.category} ${JSON.stringify(x.work)} ${JSON.stringify(asked[k])}`);
if (values.out) {
  await writeFile(values.out, rows.map((x, k) => JSON.stringify({ k, c: x.found.map((c) => [c.personId, c.score]) })).join('\n') + '\n');
  log(`answers written to ${values.out}`);
}

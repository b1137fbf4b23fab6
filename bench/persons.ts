/**
 * Persons benchmark (issue 5): import rate, build time and memory of the
 * hub's name index, screening latency in process and over HTTP, screenings
 * per second — and beside it, in the same run, the peer a team would
 * otherwise build: PostgreSQL `pg_trgm` similarity over the same names with a
 * GIN trigram index.
 *
 *   npx tsx bench/persons.ts [--persons 1000000] [--queries 2000] [--http-seconds 8]
 *                            [--pg-queries 500] [--connections 32] [--seed 20261124] [--no-peer] [--data DIR]
 *                            [--batch-size 5000] [--import-only]
 *
 * The import goes through `blueline import persons`'s bulk path. With
 * --data DIR the hub's data is kept in DIR and a later run with the same
 * --persons and --seed starts from it instead of importing again (screening
 * leaves its hits and audit entries there). Without it, everything is in a
 * temporary folder, removed at the end; the PostgreSQL schema is always dropped.
 *
 * Persons are generated deterministically (person i is a pure function of the
 * seed and i): names of 19 cultures in Latin, Cyrillic, Greek, Arabic,
 * Hebrew, Han, kanji/kana and Hangul, the native-script lists aligned with
 * their usual Latin spellings (so a query can ask for the same person in the
 * other script or another spelling), Zipf-like frequencies with a long tail
 * of rarer surnames built from syllables, patronymics, Arabic name chains,
 * double Hispanic surnames, aliases, birth dates of every precision, sex,
 * nationality, and an owner country. They enter a real hub's SQLite database
 * (WAL, synchronous=FULL) through the bulk import (bench/persons/import.ts:
 * NDJSON lines, the API's checks, multi-row inserts, an audit entry per batch
 * and owner). Then a share of them is circulated (published notices and
 * diffusions, inserted in their final state: set-up, not timed as import).
 *
 * Modules: bench/persons/ options, cultures and generation (the persons),
 * queries, import, measure (percentiles, memory, wrk), peer (pg_trgm), report.
 *
 * The hub is then started on that data (startHub: the name index is built
 * from the database, as at any start), and screened by the French NCB with an
 * API key, with a mix of queries: travellers not in the database (names from
 * the same distributions, so many have namesakes), a record's name exactly,
 * spelled differently, and written in the other script. Three measures: the
 * names engine alone (as the screening service calls it), the screening
 * service one at a time (index, database, access rules, hits, audit commit),
 * and HTTP on loopback with wrk (one connection for latency, then many for
 * throughput). The peer gets the same names and the same query names.
 *
 * PostgreSQL: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test);
 * a throwaway schema is dropped at the end. wrk: Debian package `wrk`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { initHub } from '../src/hub/init.js';
import { startHub, type RunningHub } from '../src/hub/server.js';
import type { NameIndex, ScreeningQuery } from '../src/persons/names/index.js';
import { PERSON_LIMITS } from '../src/persons/schema.js';
import { validateScreening } from '../src/persons/validate.js';
import { apiKeyStore } from '../src/registry/api-keys/store.js';
import { organisationStore } from '../src/registry/organisations/store.js';
import { importBench, type Imported } from './persons/import.js';
import { folderBytes, luaScreening, memory, p50, p99, wrk, type Outcome } from './persons/measure.js';
import { CONNECTIONS, HTTP_SECONDS, MiB, N, PG_QUERIES, QUERIES, SEED, elapsed, fmt, log, values } from './persons/options.js';
import { runPeer } from './persons/peer.js';
import { buildQueries, type Query } from './persons/queries.js';
import { report } from './persons/report.js';

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'blueline-bench-persons-'));
  const load0 = loadavg();
  const keep = values.data !== undefined;
  const dataDir = values.data === undefined ? join(dir, 'hub') : resolve(values.data, 'hub');
  log(`persons: ${fmt(N)}; queries: ${fmt(QUERIES)}; hub data in ${dataDir}${keep ? ' (kept)' : ''}; load average ${load0.map((l) => l.toFixed(1)).join(' ')}; ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30, 1)} GiB`);
  // A rough need: the index (~200 B a name, ~1.2 names a person) twice over while it grows, and the bench's own arrays.
  const need = N * 1.2 * 200 * 2 + N * 4;
  if (need > freemem() * 0.7) log(`warning: ${fmt(N)} persons may need about ${fmt(need / 2 ** 30, 1)} GiB; ${fmt(freemem() / 2 ** 30, 1)} GiB free`);
  const config = loadConfig({
    env: {},
    overrides: { dataDir, scryptCost: 10, checkpointInterval: 0, logLevel: 'error', sqliteSynchronous: 'full', host: '127.0.0.1', port: 0, nodePort: 0 },
  });
  let hub: RunningHub | undefined;
  try {
    const today = new Date().toISOString().slice(0, 10);
    // Person i is the i-th inserted into a new hub: its index key (seq) is i + 1.
    const seqOf = Int32Array.from({ length: N }, (_, i) => i + 1);

    // 1. Import (or, with --data, the import an earlier run left there for the same persons).
    const marker = values.data === undefined ? undefined : resolve(values.data, 'bench-persons.json');
    let imported: Imported | undefined;
    if (marker && existsSync(marker)) {
      const found = JSON.parse(await readFile(marker, 'utf8')) as Imported;
      if (found.persons !== N || found.seed !== SEED) throw new Error(`${values.data} holds ${fmt(found.persons)} persons of seed ${found.seed}, not ${fmt(N)} of seed ${SEED}; give another --data folder`);
      imported = found;
      log(`import: reusing ${fmt(N)} persons imported on ${found.at} at ${fmt(N / found.seconds)}/s (${elapsed()})`);
    } else {
      if (existsSync(dataDir)) throw new Error(`${dataDir} exists but holds no finished import; remove it or give another --data folder`);
      imported = await importBench(config, today);
      if (marker) await writeFile(marker, JSON.stringify(imported));
    }
    if (values['import-only']) return;

    const queries = buildQueries(QUERIES);
    const bodies = queries.map((q) => JSON.stringify(q.body));
    const targetSeq = (q: Query): number => (q.target < 0 ? -1 : seqOf[q.target]!);

    const dbBytes = await folderBytes(dataDir);
    log(`database folder: ${fmt(dbBytes / MiB)} MiB (${fmt(dbBytes / N)} bytes a person, audit and notices included)`);

    // 3. A hub starting on that data: the name index is built from the database. What a hub with no
    // persons takes on starting (HTTP apps, schemas, other indexes) is measured first, to tell it apart.
    const emptyConfig = loadConfig({ env: {}, overrides: { dataDir: join(dir, 'empty'), scryptCost: 10, checkpointInterval: 0, logLevel: 'error', host: '127.0.0.1', port: 0, nodePort: 0 } });
    await initHub(emptyConfig);
    const emptyBefore = memory();
    const emptyHub = await startHub(emptyConfig);
    const emptyAfter = memory();
    await emptyHub.close();
    const fixedHeap = emptyAfter.heap - emptyBefore.heap;
    log(`a hub with no persons grows the heap by ${fmt(fixedHeap / MiB, 1)} MiB on starting`);
    const before = memory();
    const startStarted = performance.now();
    hub = await startHub(config);
    const startSeconds = (performance.now() - startStarted) / 1000;
    const after = memory();
    const stats = hub.ctx.personIndex.stats;
    const engine = (hub.ctx.personIndex as unknown as { names?: NameIndex }).names;
    const parts = engine?.memory().parts ?? {};
    const indexHeap = after.heap - before.heap - fixedHeap;
    log(`hub started in ${fmt(startSeconds, 1)} s: index of ${fmt(stats.persons)} persons, ${fmt(stats.names)} names (${fmt(stats.skipped)} left out), ${fmt(engine?.partCount ?? 0)} distinct parts; own count ${fmt(stats.bytes / MiB, 1)} MiB = ${fmt(stats.bytesPerName, 1)} B/name; heap+buffers +${fmt((after.heap - before.heap) / MiB, 1)} MiB (${fmt(indexHeap / stats.names, 1)} B/name beyond an empty hub's), RSS +${fmt((after.rss - before.rss) / MiB, 1)} MiB (${elapsed()})`);
    log(`  own count by component, bytes per name: ${Object.entries(parts).map(([k, v]) => `${k} ${fmt(v / Math.max(1, stats.names), 1)}`).join(', ')}`);

    // 4a. The names engine alone, as the screening service calls it.
    const engineQueries: ScreeningQuery[] = queries.map((q) => validateScreening(q.body, today).query);
    const engineOptions = { limit: Math.min(1000, PERSON_LIMITS.screenDefaultLimit * 4 + 20), threshold: Math.min(PERSON_LIMITS.defaultMinScore, PERSON_LIMITS.hitThresholdFloor) };
    for (const q of engineQueries.slice(0, 200)) hub.ctx.personIndex.screen(q, engineOptions);
    const engineOutcomes: Outcome[] = [];
    const engineCandidates: number[] = [];
    const engineStarted = performance.now();
    for (let k = 0; k < queries.length; k++) {
      const t = performance.now();
      const found = hub.ctx.personIndex.screen(engineQueries[k]!, engineOptions);
      const ms = performance.now() - t;
      const target = targetSeq(queries[k]!);
      engineOutcomes.push({ category: queries[k]!.category, ms, found: target < 0 ? null : found.slice(0, 10).some((c) => c.personId === target) });
      engineCandidates.push(found.length);
    }
    const engineRate = (queries.length / (performance.now() - engineStarted)) * 1000;
    const engineMs = engineOutcomes.map((o) => o.ms);
    log(`engine: p50 ${fmt(p50(engineMs), 2)} ms, p99 ${fmt(p99(engineMs), 2)} ms, max ${fmt(Math.max(...engineMs), 1)} ms, ${fmt(engineRate)}/s one at a time (${elapsed()})`);
    const slowest = engineOutcomes.map((o, k) => ({ o, k })).sort((a, b) => b.o.ms - a.o.ms).slice(0, 6);
    for (const { o, k } of slowest) log(`  slow: ${fmt(o.ms, 1)} ms, ${o.category}, ${engineCandidates[k]} candidates ≥ ${engineOptions.threshold}: ${bodies[k]}`);

    // 4b. The screening service, one at a time: index, database, access rules, hits, audit committed.
    const fr = (await organisationStore.ncbOf(hub.ctx.database.db, 'FR'))!;
    const { secret } = await apiKeyStore.create(hub.ctx.database.db, { orgId: fr.id, name: 'bench border', permissions: ['persons:search'], createdBy: 'bench', expiresAt: null }, new Date().toISOString());
    const searcher = await hub.ctx.authenticator.authenticate(secret);
    for (const q of queries.slice(0, 100)) await hub.ctx.persons.screen(searcher, q.body);
    const serviceMs: number[] = [];
    const outcomes = { hit: 0, possible_match: 0, no_hit: 0 };
    let shown = 0;
    const serviceStarted = performance.now();
    for (const q of queries) {
      const t = performance.now();
      const result = await hub.ctx.persons.screen(searcher, q.body);
      serviceMs.push(performance.now() - t);
      outcomes[result.outcome]++;
      shown += result.candidates.length;
    }
    const serviceRate = (queries.length / (performance.now() - serviceStarted)) * 1000;
    log(`service, one at a time: p50 ${fmt(p50(serviceMs), 2)} ms, p99 ${fmt(p99(serviceMs), 2)} ms, ${fmt(serviceRate)}/s; outcomes ${JSON.stringify(outcomes)}, ${fmt(shown / queries.length, 2)} candidates shown per screening (${elapsed()})`);

    // 4c. The service with many screenings in flight for a fixed time (no HTTP): what one process can do.
    let next = 0;
    let concurrentDone = 0;
    const concurrentStarted = performance.now();
    const concurrentUntil = concurrentStarted + HTTP_SECONDS * 1000;
    await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < concurrentUntil) {
        await hub!.ctx.persons.screen(searcher, queries[next++ % queries.length]!.body);
        concurrentDone++;
      }
    }));
    const concurrentRate = (concurrentDone / (performance.now() - concurrentStarted)) * 1000;
    log(`service, ${CONNECTIONS} in flight: ${fmt(concurrentRate)}/s (${elapsed()})`);

    // 5. Over HTTP on loopback with the API key: one connection (latency), then many (throughput).
    const url = `${hub.url}/api/v1/persons/screen`;
    const probe = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: bodies[0]! });
    if (probe.status !== 200) throw new Error(`screening over HTTP answered ${probe.status}: ${await probe.text()}`);
    const script = luaScreening(secret, bodies);
    await wrk(url, script, 2, CONNECTIONS);
    const httpOne = await wrk(url, script, HTTP_SECONDS, 1);
    log(`HTTP, 1 connection: ${fmt(httpOne.rps)}/s, p50 ${fmt(httpOne.p50, 2)} ms, p99 ${fmt(httpOne.p99, 2)} ms, ${httpOne.errors} errors (${elapsed()})`);
    const httpMany = await wrk(url, script, HTTP_SECONDS, CONNECTIONS);
    log(`HTTP, ${CONNECTIONS} connections: ${fmt(httpMany.rps)}/s, p50 ${fmt(httpMany.p50, 2)} ms, p99 ${fmt(httpMany.p99, 2)} ms, ${httpMany.errors} errors (${elapsed()})`);
    const underLoad = memory();
    await hub.close();
    hub = undefined;

    // 6. The peer: the same names in PostgreSQL, a GIN trigram index, top 10 by similarity for the same query names.
    const peer = values['no-peer'] ? undefined : await runPeer(seqOf, queries.slice(0, PG_QUERIES), queries);

    console.log(report({
      load0, imported, startSeconds, stats, indexHeap, before, after, underLoad, engineMs, engineOutcomes, serviceMs, serviceRate, concurrentRate,
      httpOne, httpMany, outcomes, shown, queries, peer,
    }));
  } finally {
    await hub?.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    log(`cleaned up ${dir} (${elapsed()})`);
  }
}

try {
  await main();
  process.exit(0);
} catch (error) {
  console.error(error);
  process.exit(1);
}

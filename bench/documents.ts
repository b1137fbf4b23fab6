/**
 * Travel documents benchmark: import rate, memory of the no-hit index,
 * search latency in process and over HTTP, searches per second over HTTP
 * (single and batched), and beside it, in the same run, the same lookups on a
 * plain indexed PostgreSQL table through `pg` — the peer a team would
 * otherwise build.
 *
 *   npx tsx bench/documents.ts [--records 10000000] [--lookups 200000] [--http-seconds 10] [--no-peer]
 *   npx tsx bench/documents.ts --records 128000000 --index-only   # the no-hit structure alone, no database
 *
 * The data (bench/documents/data.ts): 17 issuing states with their own
 * number formats, one batch of 500 stolen blanks per 10,000 records. The
 * script re-runs itself with the hub's Node flags (a 32 MiB young generation).
 * HTTP load comes from wrk (Debian package `wrk`) in a second process, one
 * thread, on loopback. PostgreSQL: BENCH_PG_URL (default
 * postgres://postgres@127.0.0.1:5432/test); a throwaway schema is dropped after.
 */
import { execFile, spawnSync } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import pg from 'pg';
import { importDocuments } from '../src/documents/import/importer.js';
import { measureIndexOnly } from './documents/index-only.js';
import { ISSUERS, TOTAL_WEIGHT, lookupMix, numberOf, rangesOf, rangesPerIssuer, recordsOf } from './documents/data.js';
import { parseQuery } from '../src/documents/search.js';
import { loadConfig } from '../src/config/load.js';
import { buildHubApp } from '../src/hub/app.js';
import { createHubContext } from '../src/hub/context.js';
import { initHub } from '../src/hub/init.js';
import { apiKeyStore } from '../src/registry/api-keys/store.js';
import { organisationStore } from '../src/registry/organisations/store.js';
import { DocumentSearch } from '../src/documents/search.js';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '10000000' },
    lookups: { type: 'string', default: '200000' },
    'http-seconds': { type: 'string', default: '10' },
    'no-peer': { type: 'boolean', default: false },
    /** Keep the hub's data here and reuse it on the next run with the same --records (skips the import). */
    data: { type: 'string' },
    /** Skip the in-process lookups (iterating on the HTTP paths). */
    'http-only': { type: 'boolean', default: false },
    /** Which HTTP tests to run. */
    http: { type: 'string', default: 'single,single-256,batch,stream,bare' },
    /** Only the no-hit structure: fill the hub's index with --records generated keys, no database (fast at 128 million). */
    'index-only': { type: 'boolean', default: false },
    /** Write a CPU profile of the hub during each HTTP test into this folder (open in Chrome DevTools). */
    profile: { type: 'string' },
  },
});
const N = Number(values.records);
const LOOKUPS = Number(values.lookups);
const HTTP_SECONDS = Number(values['http-seconds']);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const log = (line: string) => process.stderr.write(`${line}\n`);
/** Marks a finished import under --data; named after the data's shape, so data made before blank ranges is imported again. */
const IMPORTED = 'imported-with-ranges';

function percentiles(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length * 0.5)] ?? NaN, p99: sorted[Math.floor(sorted.length * 0.99)] ?? NaN };
}


// ---------------------------------------------------------------------------

/** Requests/s, latency, and the CPU time this process spent per request (steadier than rates on a busy machine). */
async function wrk(url: string, script: string, seconds: number, profileAs?: string, connections = 32): Promise<{ rps: number; p50: number; p99: number; cpuMicros: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'blueline-wrk-'));
  const file = join(dir, 'script.lua');
  await writeFile(file, script);
  const profiler = profileAs !== undefined && values.profile !== undefined ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const cpuBefore = process.cpuUsage();
  const { stdout } = await run('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', file, url], { maxBuffer: 1 << 20 });
  const cpu = process.cpuUsage(cpuBefore);
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    await mkdir(values.profile as string, { recursive: true });
    await writeFile(join(values.profile as string, `${profileAs}.cpuprofile`), JSON.stringify(profile));
    profiler.disconnect();
  }
  await rm(dir, { recursive: true, force: true });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1]);
  const toMs = (v: string, unit: string) => Number(v) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);
  const p = (q: string) => {
    const m = new RegExp(`${q}%\\s+([\\d.]+)(us|ms|s)`).exec(stdout);
    return m ? toMs(m[1]!, m[2]!) : NaN;
  };
  return { rps, p50: p('50'), p99: p('99'), cpuMicros: (cpu.user + cpu.system) / requests };
}

const luaRandomSearch = (key: string, batch: number) => `
math.randomseed(${Date.now() % 100000})
local states = { "GBR", "USA", "FRA", "D", "ITA", "ESP", "TUR", "IND", "CHN", "BRA" }
local function item()
  return string.format('{"number":"%09d","issuingState":"%s"}', math.random(0, 999999999), states[math.random(1, #states)])
end
request = function()
  local body
  if ${batch} == 0 then
    body = item()
  else
    local parts = {}
    for i = 1, ${batch} do parts[i] = item() end
    body = '{"items":[' .. table.concat(parts, ",") .. ']}'
  end
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer ${key}" }, body)
end
`;

/**
 * The hub runs in this process, so it gets the flags a hub is started with
 * (bin/blueline.js): a 32 MiB young generation. V8 reads them only at start, hence the re-run.
 */
const HUB_NODE_FLAGS = ['--max-semi-space-size=32'];
function rerunWithHubFlags(): boolean {
  if (process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) return false;
  const child = spawnSync(process.execPath, [...HUB_NODE_FLAGS, '--expose-gc', ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exitCode = child.status ?? 1;
  return true;
}

const STREAM_LINES = 500_000;

/**
 * One NDJSON request of STREAM_LINES checks, its answer read to the end;
 * lookups/s and this process's CPU per lookup. The lines are the lookup mix's
 * numbers nobody reported (as wrk's random ones): real traffic hits about
 * once in 15,000 checks, the mix once in 100, and each hit opens a case.
 */
async function streamLookups(url: string, secret: string, mix: { number: string; state: string }[]): Promise<{ rate: number; cpuMicros: number }> {
  const unreported = mix.filter((_, k) => k % 100 !== 0);
  const lines: string[] = [];
  for (let k = 0; k < STREAM_LINES; k++) {
    const m = unreported[k % unreported.length]!;
    lines.push(`{"number":"${m.number}","issuingState":"${m.state}"}`);
  }
  const body = `${lines.join('\n')}\n`;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/x-ndjson' }, body });
  const text = await response.text();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const answered = text.split('\n').filter((l) => l.length > 0).length;
  if (response.status !== 200 || answered !== STREAM_LINES) throw new Error(`stream: HTTP ${response.status}, ${answered} answers of ${STREAM_LINES}`);
  // The client (fetch, in this process) is counted too: the hub's own share is lower.
  return { rate: STREAM_LINES / seconds, cpuMicros: (cpu.user + cpu.system) / STREAM_LINES };
}

function reportIndexOnly(): void {
  const f = measureIndexOnly(N, log);
  const mib = (b: number) => fmt(b / 2 ** 20, 1);
  console.log(`\nno-hit structure alone: ${fmt(f.records)} records and ${fmt(f.ranges)} blank ranges, node ${process.version}`);
  console.log('| measure | value |');
  console.log('| --- | ---: |');
  console.log(`| filter bytes per record | ${fmt(f.bytes / f.records, 2)} (${mib(f.bytes)} MiB) |`);
  console.log(`| heap and buffers taken by the index, MiB (aim: under 2,048) | ${mib(f.heapBytes)} |`);
  console.log(`| filled in, s | ${fmt(f.fillSeconds, 1)} (${fmt(f.records / f.fillSeconds)} keys/s, key generation included) |`);
  console.log(`| false-positive rate on 1,000,000 keys no record has (expected) | ${fmt(f.falsePositiveRate * 100, 3)}% (${fmt(f.estimatedFalsePositiveRate * 100, 3)}%) |`);
  console.log(`| lookup p50 / p99, µs (filter and ranges, no database) | ${fmt(f.lookupP50Micros, 2)} / ${fmt(f.lookupP99Micros, 2)} |`);
}

async function main(): Promise<void> {
  if (rerunWithHubFlags()) return;
  if (values['index-only']) return reportIndexOnly();
  const kept = values.data !== undefined ? join(values.data, `records-${N}`) : undefined;
  const dir = kept ?? (await mkdtemp(join(tmpdir(), 'blueline-bench-docs-')));
  const config = loadConfig({ env: {}, overrides: { dataDir: join(dir, 'hub'), scryptCost: 10, checkpointInterval: 0, logLevel: 'error', sqliteSynchronous: 'full', port: 0 } });
  const reuse = kept !== undefined && existsSync(join(dir, IMPORTED));
  log(`records: ${fmt(N)}; data in ${dir}${reuse ? ' (reused: no import)' : ''}`);
  if (!reuse) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await initHub(config);
  }

  // 1. Import, one owner country at a time, through the real importer (validation, duplicates, audit).
  let ctx = await createHubContext(config);
  const perIssuer = ISSUERS.map((i) => Math.floor((N * i.weight) / TOTAL_WEIGHT));
  perIssuer[0]! += N - perIssuer.reduce((a, b) => a + b, 0);
  const ranges = rangesPerIssuer(perIssuer);
  const importStarted = performance.now();
  let imported = 0;
  for (let j = 0; j < ISSUERS.length && !reuse; j++) {
    const issuer = ISSUERS[j]!;
    const ncb = await organisationStore.ncbOf(ctx.database.db, issuer.country);
    if (!ncb) throw new Error(`no NCB for ${issuer.country}`);
    for (const source of [recordsOf(j, perIssuer[j]!, 0), rangesOf(j, ranges[j]!)]) {
      const summary = await importDocuments({
        database: ctx.database, audit: ctx.audit, clock: ctx.clock,
        owner: { ncbId: ncb.id, country: issuer.country },
        source,
        onProgress: (p) => {
          if (p.read % 200_000 < 2000) log(`  import ${issuer.state}: ${fmt(imported + p.imported)} records, ${fmt(((imported + p.imported) / (performance.now() - importStarted)) * 1000)}/s`);
        },
      });
      if (summary.invalid > 0) throw new Error(`${summary.invalid} invalid generated rows, first: ${JSON.stringify(summary.errors[0])}`);
      imported += summary.imported;
    }
  }
  const importSeconds = (performance.now() - importStarted) / 1000;
  await ctx.close();
  if (kept !== undefined) await writeFile(join(dir, IMPORTED), '');

  // 2. A hub starting on that data: the index is rebuilt from the database.
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const startBuild = performance.now();
  ctx = await createHubContext(config);
  const indexSeconds = (performance.now() - startBuild) / 1000;
  global.gc?.();
  const rss = process.memoryUsage().rss;
  const index = ctx.documentIndex.stats;
  log(`index: ${fmt(index.keys)} keys, ${fmt(index.bytes / 2 ** 20, 1)} MiB, built in ${fmt(indexSeconds, 1)} s`);

  // 3. In process: the search engine (index + database), no HTTP, no audit.
  const engine = new DocumentSearch(ctx.database.db, ctx.documentIndex, ctx.database.readSync);
  const mix = lookupMix(LOOKUPS, perIssuer);
  const queries = mix.map((m) => parseQuery({ number: m.number, issuingState: m.state }));
  for (const q of queries.slice(0, 5000)) await engine.find(q); // warm up
  const engineMicros: number[] = [];
  let engineHits = 0;
  const engineStarted = performance.now();
  for (const q of values['http-only'] ? [] : queries) {
    const t = performance.now();
    const found = await engine.find(q);
    engineMicros.push((performance.now() - t) * 1000);
    if (found.length > 0) engineHits++;
  }
  const engineRate = (queries.length / (performance.now() - engineStarted)) * 1000;
  const engineLatency = percentiles(engineMicros);
  const noHitMicros = percentiles(engineMicros.filter((_, k) => k % 100 !== 0));
  const reportedMicros = percentiles(engineMicros.filter((_, k) => k % 100 === 0));
  log(`engine: ${fmt(engineRate)}/s, p50 ${fmt(engineLatency.p50, 1)} µs, p99 ${fmt(engineLatency.p99, 1)} µs, ${fmt(engineHits)} hits`);
  // The same lookups 1,000 at a time (findMany: one pass over the index, the possible hits read together), like the peer's batches.
  const batchStarted = performance.now();
  for (let k = 0; k < queries.length && !values['http-only']; k += 1000) await engine.findMany(queries.slice(k, k + 1000));
  const engineBatchRate = (queries.length / (performance.now() - batchStarted)) * 1000;
  log(`engine, batches of 1,000: ${fmt(engineBatchRate)}/s`);

  // 4. Over HTTP, as a border system with an API key: single checks and batches of 1,000.
  const fr = await organisationStore.ncbOf(ctx.database.db, 'FR');
  const { secret } = await apiKeyStore.create(ctx.database.db, { orgId: fr!.id, name: 'bench', permissions: ['documents:search'], createdBy: 'bench', expiresAt: null }, new Date().toISOString());
  const app = await buildHubApp(ctx, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const httpTests = new Set(values.http.split(','));
  const skipped = { rps: NaN, p50: NaN, p99: NaN, cpuMicros: NaN };
  await wrk(`${base}/api/v1/documents/search`, luaRandomSearch(secret, 0), 2);
  const single = !httpTests.has('single') ? skipped : await wrk(`${base}/api/v1/documents/search`, luaRandomSearch(secret, 0), HTTP_SECONDS, 'single');
  log(`HTTP single: ${fmt(single.rps)}/s, p50 ${fmt(single.p50, 2)} ms, p99 ${fmt(single.p99, 2)} ms, hub CPU ${fmt(single.cpuMicros, 1)} µs a search`);
  const singleMany = !httpTests.has('single-256') ? skipped : await wrk(`${base}/api/v1/documents/search`, luaRandomSearch(secret, 0), HTTP_SECONDS, 'single-256', 256);
  log(`HTTP single, 256 connections: ${fmt(singleMany.rps)}/s, p50 ${fmt(singleMany.p50, 2)} ms, p99 ${fmt(singleMany.p99, 2)} ms`);
  const fsync = await fsyncLatency(dir);
  log(`fsync of 16 KiB on the data's disk: p50 ${fmt(fsync.p50, 2)} ms, p99 ${fmt(fsync.p99, 2)} ms`);
  const batch = !httpTests.has('batch') ? skipped : await wrk(`${base}/api/v1/documents/search/batch`, luaRandomSearch(secret, 1000), HTTP_SECONDS, 'batch');
  log(`HTTP batch: ${fmt(batch.rps * 1000)} lookups/s, hub CPU ${fmt(batch.cpuMicros / 1000, 2)} µs a lookup`);
  const stream = !httpTests.has('stream') ? { rate: NaN, cpuMicros: NaN } : await streamLookups(`${base}/api/v1/documents/search/stream`, secret, mix);
  log(`HTTP stream: ${fmt(stream.rate)} lookups/s, hub CPU ${fmt(stream.cpuMicros, 2)} µs a lookup`);
  const hubRss = process.memoryUsage().rss;
  await app.close();
  await ctx.close();

  // The machine's ceiling for one Node process answering HTTP: a bare Fastify route returning a constant.
  const bare = Fastify();
  bare.post('/', async () => ({ outcome: 'no_hit' }));
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const ceiling = !httpTests.has('bare') ? skipped : await wrk(`http://127.0.0.1:${(bare.server.address() as { port: number }).port}/`, luaRandomSearch(secret, 0), HTTP_SECONDS);
  await bare.close();
  log(`bare Fastify ceiling: ${fmt(ceiling.rps)}/s, CPU ${fmt(ceiling.cpuMicros, 1)} µs a request`);

  // 5. The peer: a plain indexed table in PostgreSQL, the same records, the same lookups through pg.
  let peer: Awaited<ReturnType<typeof runPeer>> | undefined;
  if (!values['no-peer']) peer = await runPeer(perIssuer, mix);

  console.log(`\ntravel documents benchmark: ${fmt(N)} records, ${fmt(LOOKUPS)} in-process lookups (1% hits), HTTP ${HTTP_SECONDS} s per test, node ${process.version}`);
  console.log('| measure | Blueline | PostgreSQL peer | ratio |');
  console.log('| --- | ---: | ---: | ---: |');
  if (!reuse) console.log(`| import, records/s (validated, de-duplicated, audited) | ${fmt(imported / importSeconds)} | ${peer ? fmt(peer.loadRate) : '—'} (plain multi-row INSERT) | ${peer ? fmt(imported / importSeconds / peer.loadRate, 2) : '—'} |`);
  console.log(`| no-hit index: bytes per record | ${fmt(index.bytes / Math.max(1, index.keys), 2)} (${fmt(index.bytes / 2 ** 20, 1)} MiB, built in ${fmt(indexSeconds, 1)} s) | — | — |`);
  console.log(`| resident memory of the hub after start / under load, MiB | ${fmt(rss / 2 ** 20)} / ${fmt(hubRss / 2 ** 20)} (index start: ${fmt((rss - rssBefore) / 2 ** 20)} more) | — | — |`);
  console.log(`| in-process lookup p50 / p99, µs (all; no-hits only; reported numbers only) | ${fmt(engineLatency.p50, 1)} / ${fmt(engineLatency.p99, 1)}; ${fmt(noHitMicros.p50, 1)} / ${fmt(noHitMicros.p99, 1)}; ${fmt(reportedMicros.p50, 1)} / ${fmt(reportedMicros.p99, 1)} | ${peer ? `${fmt(peer.singleP50 * 1000, 0)} / ${fmt(peer.singleP99 * 1000, 0)}` : '—'} (one query, pool of 16, 32 in flight) | — |`);
  console.log(`| in-process lookups/s, one at a time | ${fmt(engineRate)} | ${peer ? fmt(peer.single) : '—'} (one query each, 32 in flight) | ${peer ? fmt(engineRate / peer.single, 1) : '—'} |`);
  console.log(`| in-process lookups/s, batches of 1,000 | ${fmt(engineBatchRate)} | ${peer ? fmt(peer.batched) : '—'} (= ANY($1), 1,000 a query) | ${peer ? fmt(engineBatchRate / peer.batched, 1) : '—'} |`);
  console.log(`| HTTP single checks/s (wrk, 32 connections; audited) | ${fmt(single.rps)} (p50 ${fmt(single.p50, 2)} ms, p99 ${fmt(single.p99, 2)} ms; hub CPU ${fmt(single.cpuMicros, 1)} µs each) | ${peer ? fmt(peer.single) : '—'} (pg, no HTTP) | ${peer ? fmt(single.rps / peer.single, 2) : '—'} |`);
  if (peer) console.log(`| HTTP single checks/s, peer as a service (Fastify + pg, same wrk; validated, no auth, no audit) | ${fmt(single.rps)} | ${fmt(peer.overHttp.single.rps)} (p50 ${fmt(peer.overHttp.single.p50, 2)} ms, p99 ${fmt(peer.overHttp.single.p99, 2)} ms) | ${fmt(single.rps / peer.overHttp.single.rps, 2)} |`);
  console.log(`| HTTP single checks/s, 256 connections (more callers share each fsync) | ${fmt(singleMany.rps)} (p50 ${fmt(singleMany.p50, 2)} ms, p99 ${fmt(singleMany.p99, 2)} ms) | ${peer ? `${fmt(peer.overHttp.singleMany.rps)} (as a service)` : '—'} | ${peer ? fmt(singleMany.rps / peer.overHttp.singleMany.rps, 2) : '—'} |`);
  console.log(`| reference: fsync of 16 KiB on the data's disk, p50 / p99 ms (every answer waits for one) | ${fmt(fsync.p50, 2)} / ${fmt(fsync.p99, 2)} | — | — |`);
  console.log(`| reference: bare Fastify route answering a constant, req/s (same wrk) | ${fmt(ceiling.rps)} (CPU ${fmt(ceiling.cpuMicros, 1)} µs each) | — | ${fmt(single.rps / ceiling.rps, 2)} of it |`);
  console.log(`| HTTP batched lookups/s (batches of 1,000) | ${fmt(batch.rps * 1000)} (hub CPU ${fmt(batch.cpuMicros / 1000, 2)} µs each) | ${peer ? fmt(peer.batched) : '—'} (= ANY($1), 1,000 a query) | ${peer ? fmt((batch.rps * 1000) / peer.batched, 2) : '—'} |`);
  console.log(`| HTTP streamed lookups/s (NDJSON, ${fmt(STREAM_LINES)} lines in one request) | ${fmt(stream.rate)} (hub CPU ${fmt(stream.cpuMicros, 2)} µs each) | — | — |`);
  if (peer) console.log(`| HTTP batched lookups/s, peer as a service (Fastify + pg, same wrk) | ${fmt(batch.rps * 1000)} | ${fmt(peer.overHttp.batch.rps * 1000)} (unnest join, 1,000 a request) | ${fmt(batch.rps / peer.overHttp.batch.rps, 2)} |`);
  if (kept === undefined) await rm(dir, { recursive: true, force: true });
}

/** How long the disk under the data takes to make a small write durable: what bounds audited answers. */
async function fsyncLatency(dir: string): Promise<{ p50: number; p99: number }> {
  const file = join(dir, 'fsync-probe');
  const handle = await open(file, 'w');
  const block = Buffer.alloc(16384, 1);
  const ms: number[] = [];
  try {
    for (let i = 0; i < 200; i++) {
      await handle.write(block, 0, block.length, (i % 64) * block.length);
      const t = performance.now();
      await handle.sync();
      ms.push(performance.now() - t);
    }
  } finally {
    await handle.close();
    await rm(file, { force: true });
  }
  return percentiles(ms);
}

/**
 * The peer as a service: the same table behind a Fastify route with a
 * validated body (no authentication, no audit), driven by the same wrk
 * scripts as the hub.
 */
async function runHttpPeer(pool: pg.Pool) {
  const Item = { type: 'object', properties: { number: { type: 'string', minLength: 1, maxLength: 60 }, issuingState: { type: 'string', minLength: 1, maxLength: 3 } }, required: ['number'], additionalProperties: false } as const;
  type Item = { number: string; issuingState?: string };
  const app = Fastify({ bodyLimit: 8 * 1_048_576 });
  const answer = (item: Item, rows: { id: string; document_type: string; status: string }[]) =>
    rows.length === 0 ? { outcome: 'no_hit', query: item } : { outcome: 'hit', query: item, hits: rows };
  app.post('/search', { schema: { body: Item } }, async (request) => {
    const item = request.body as Item;
    const { rows } = await pool.query<{ id: string; document_type: string; status: string }>('select id, document_type, status from documents where number = $1 and issuing_state = $2', [item.number, item.issuingState ?? '']);
    return answer(item, rows);
  });
  app.post('/search/batch', { schema: { body: { type: 'object', properties: { items: { type: 'array', items: Item, minItems: 1, maxItems: 10_000 } }, required: ['items'], additionalProperties: false } } }, async (request) => {
    const { items } = request.body as { items: Item[] };
    const { rows } = await pool.query<{ k: number; id: string; document_type: string; status: string }>(
      'select q.k, d.id, d.document_type, d.status from unnest($1::text[], $2::text[]) with ordinality as q(number, state, k) join documents d on d.number = q.number and d.issuing_state = q.state',
      [items.map((i) => i.number), items.map((i) => i.issuingState ?? '')],
    );
    const byItem = new Map<number, typeof rows>();
    for (const row of rows) byItem.set(Number(row.k) - 1, [...(byItem.get(Number(row.k) - 1) ?? []), row]);
    return { results: items.map((item, k) => answer(item, byItem.get(k) ?? [])) };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    await wrk(`${base}/search`, luaRandomSearch('peer', 0), 2);
    const single = await wrk(`${base}/search`, luaRandomSearch('peer', 0), HTTP_SECONDS);
    const singleMany = await wrk(`${base}/search`, luaRandomSearch('peer', 0), HTTP_SECONDS, undefined, 256);
    const batch = await wrk(`${base}/search/batch`, luaRandomSearch('peer', 1000), HTTP_SECONDS);
    return { single, singleMany, batch };
  } finally {
    await app.close();
  }
}

async function runPeer(perIssuer: number[], mix: { number: string; state: string }[]) {
  const schema = `bench_docs_${Date.now()}`;
  const pool = new pg.Pool({ connectionString: PG_URL, max: 16, options: `-c search_path=${schema}` });
  await pool.query(`create schema ${schema}`);
  try {
    await pool.query('create table documents (id bigserial primary key, issuing_state text not null, number text not null, document_type text not null, status text not null, reported_on date not null)');
    await pool.query('create index documents_number on documents (number, issuing_state)');
    const started = performance.now();
    let loaded = 0;
    for (let j = 0; j < ISSUERS.length; j++) {
      const state = ISSUERS[j]!.state;
      for (let from = 0; from < perIssuer[j]!; from += 5000) {
        const count = Math.min(5000, perIssuer[j]! - from);
        const numbers = Array.from({ length: count }, (_, k) => numberOf(j, from + k));
        await pool.query(`insert into documents (issuing_state, number, document_type, status, reported_on) select $1, unnest($2::text[]), 'passport', 'stolen', current_date`, [state, numbers]);
        loaded += count;
        if (loaded % 500_000 < 5000) log(`  peer load: ${fmt(loaded)}`);
      }
    }
    const loadRate = (loaded / (performance.now() - started)) * 1000;
    await pool.query('analyze documents');
    const lookup = (m: { number: string; state: string }) => pool.query('select id, document_type, status, reported_on from documents where number = $1 and issuing_state = $2', [m.number, m.state]);
    for (const m of mix.slice(0, 2000)) await lookup(m);
    const ms: number[] = [];
    const t0 = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 32 }, async () => {
      while (next < mix.length) {
        const m = mix[next++]!;
        const t = performance.now();
        await lookup(m);
        ms.push(performance.now() - t);
      }
    }));
    const single = (mix.length / (performance.now() - t0)) * 1000;
    const { p50, p99 } = percentiles(ms);
    const t1 = performance.now();
    let batchedDone = 0;
    for (let i = 0; i < mix.length; i += 1000) {
      const part = mix.slice(i, i + 1000);
      await pool.query('select d.id, d.number from documents d join unnest($1::text[], $2::text[]) as q(number, state) on d.number = q.number and d.issuing_state = q.state', [part.map((m) => m.number), part.map((m) => m.state)]);
      batchedDone += part.length;
    }
    const batched = (batchedDone / (performance.now() - t1)) * 1000;
    log(`peer: load ${fmt(loadRate)}/s, single ${fmt(single)}/s, batched ${fmt(batched)}/s`);
    const overHttp = await runHttpPeer(pool);
    log(`peer over HTTP: single ${fmt(overHttp.single.rps)}/s, batched ${fmt(overHttp.batch.rps * 1000)}/s`);
    return { loadRate, single, singleP50: p50, singleP99: p99, batched, overHttp };
  } finally {
    await pool.query(`drop schema ${schema} cascade`);
    await pool.end();
  }
}

await main();

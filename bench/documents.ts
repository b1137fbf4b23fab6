/**
 * Travel documents benchmark: import rate, memory of the no-hit index,
 * search latency in process and over HTTP, searches per second over HTTP
 * (single and batched), and beside it, in the same run, the same lookups on a
 * plain indexed PostgreSQL table through `pg` — the peer a team would
 * otherwise build.
 *
 *   npx tsx bench/documents.ts [--records 10000000] [--lookups 200000] [--http-seconds 10] [--no-peer]
 *
 * HTTP load comes from wrk (Debian package `wrk`) in a second process, one
 * thread, on loopback. PostgreSQL: BENCH_PG_URL (default
 * postgres://postgres@127.0.0.1:5432/test); a throwaway schema is dropped after.
 */
import { execFile } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import pg from 'pg';
import { importDocuments, type ParsedLine } from '../src/documents/import/importer.js';
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
    http: { type: 'string', default: 'single,single-256,batch,bare' },
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

// ---------------------------------------------------------------------------
// Realistic data: owners and their number formats
// ---------------------------------------------------------------------------

/** Issuing states (ICAO), their owner country (ISO alpha-2), and how their passport numbers look. */
const ISSUERS: { state: string; country: string; weight: number; number: (i: number) => string }[] = [
  { state: 'GBR', country: 'GB', weight: 8, number: (i) => digits(i, 9) },
  { state: 'USA', country: 'US', weight: 12, number: (i) => digits(i, 9) },
  { state: 'FRA', country: 'FR', weight: 7, number: (i) => `${digits(i % 100, 2)}${letters(i, 2)}${digits(i, 5)}` },
  { state: 'D', country: 'DE', weight: 7, number: (i) => `C${alnum(i, 8)}` },
  { state: 'ITA', country: 'IT', weight: 6, number: (i) => `${letters(i, 2)}${digits(i, 7)}` },
  { state: 'ESP', country: 'ES', weight: 5, number: (i) => `${letters(i, 3)}${digits(i, 6)}` },
  { state: 'NLD', country: 'NL', weight: 3, number: (i) => `${letters(i, 2)}${alnum(i * 3, 6)}${digits(i, 1)}` },
  { state: 'TUR', country: 'TR', weight: 5, number: (i) => `U${digits(i, 8)}` },
  { state: 'IND', country: 'IN', weight: 9, number: (i) => `${letters(i, 1)}${digits(i, 7)}` },
  { state: 'BRA', country: 'BR', weight: 6, number: (i) => `${letters(i, 2)}${digits(i, 6)}` },
  { state: 'RUS', country: 'RU', weight: 6, number: (i) => digits(i, 9) },
  { state: 'CHN', country: 'CN', weight: 8, number: (i) => `E${digits(i, 8)}` },
  { state: 'NGA', country: 'NG', weight: 4, number: (i) => `A${digits(i, 8)}` },
  { state: 'ZAF', country: 'ZA', weight: 3, number: (i) => `A${digits(i, 8)}` },
  { state: 'AUS', country: 'AU', weight: 4, number: (i) => `${letters(i, 1)}${digits(i, 7)}` },
  { state: 'CAN', country: 'CA', weight: 4, number: (i) => `${letters(i, 2)}${digits(i, 6)}` },
  { state: 'MEX', country: 'MX', weight: 3, number: (i) => `G${digits(i, 8)}` },
];
const TOTAL_WEIGHT = ISSUERS.reduce((a, b) => a + b.weight, 0);

// A fixed permutation-like spread, so numbers are unique per issuer and look random.
const spread = (i: number) => (i * 2_654_435_761) % 4_294_967_291;
function digits(i: number, n: number): string {
  return String(spread(i) % 10 ** Math.min(n, 9)).padStart(n, '0').slice(-n);
}
function letters(i: number, n: number): string {
  let s = '';
  for (let k = 0, v = spread(i + 17); k < n; k++, v = Math.floor(v / 23)) s += 'ABCDEFGHJKLMNPRSTUVWXYZ'[v % 23];
  return s;
}
function alnum(i: number, n: number): string {
  let s = '';
  for (let k = 0, v = spread(i + 31) * 7 + k; k < n; k++, v = Math.floor(v / 33) + k * 1_000_003) s += 'CFGHJKLMNPRTVWXYZ0123456789ABCDEF'[v % 33];
  return s;
}

/** Record k of issuer j: numbers are built from the issuer's own counter, so they do not repeat. */
function recordsOf(issuerIndex: number, count: number, offset: number): AsyncIterable<ParsedLine> {
  const issuer = ISSUERS[issuerIndex]!;
  return (async function* () {
    for (let k = 0; k < count; k++) {
      const i = offset + k;
      yield {
        line: k + 1,
        body: {
          issuingState: issuer.state,
          documentType: i % 11 === 0 ? 'identity_card' : 'passport',
          status: i % 3 === 0 ? 'lost' : 'stolen',
          number: issuer.number(i * 7 + issuerIndex),
          event: { date: '2024-05-17' },
        },
      };
    }
  })();
}

function numberOf(issuerIndex: number, i: number): string {
  return ISSUERS[issuerIndex]!.number(i * 7 + issuerIndex);
}

function percentiles(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length * 0.5)] ?? NaN, p99: sorted[Math.floor(sorted.length * 0.99)] ?? NaN };
}

/** 99% of lookups are numbers nobody reported (as in real traffic); 1% are reported ones. */
function lookupMix(count: number, perIssuer: number[]): { number: string; state: string }[] {
  return Array.from({ length: count }, (_, k) => {
    const j = randomInt(ISSUERS.length);
    const issuer = ISSUERS[j]!;
    if (k % 100 === 0) return { number: numberOf(j, randomInt(perIssuer[j]!)), state: issuer.state };
    return { number: issuer.number(randomInt(1e9) + 50_000_000_000), state: issuer.state };
  });
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

async function main(): Promise<void> {
  const kept = values.data !== undefined ? join(values.data, `records-${N}`) : undefined;
  const dir = kept ?? (await mkdtemp(join(tmpdir(), 'blueline-bench-docs-')));
  const config = loadConfig({ env: {}, overrides: { dataDir: join(dir, 'hub'), scryptCost: 10, checkpointInterval: 0, logLevel: 'error', sqliteSynchronous: 'full', port: 0 } });
  const reuse = kept !== undefined && existsSync(join(dir, 'imported'));
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
  const importStarted = performance.now();
  let imported = 0;
  for (let j = 0; j < ISSUERS.length && !reuse; j++) {
    const issuer = ISSUERS[j]!;
    const ncb = await organisationStore.ncbOf(ctx.database.db, issuer.country);
    if (!ncb) throw new Error(`no NCB for ${issuer.country}`);
    const summary = await importDocuments({
      database: ctx.database, audit: ctx.audit, clock: ctx.clock,
      owner: { ncbId: ncb.id, country: issuer.country },
      source: recordsOf(j, perIssuer[j]!, 0),
      onProgress: (p) => {
        if (p.read % 200_000 < 2000) log(`  import ${issuer.state}: ${fmt(imported + p.imported)} records, ${fmt(((imported + p.imported) / (performance.now() - importStarted)) * 1000)}/s`);
      },
    });
    if (summary.invalid > 0) throw new Error(`${summary.invalid} invalid generated rows, first: ${JSON.stringify(summary.errors[0])}`);
    imported += summary.imported;
  }
  const importSeconds = (performance.now() - importStarted) / 1000;
  await ctx.close();
  if (kept !== undefined) await writeFile(join(dir, 'imported'), '');

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
  const engine = new DocumentSearch(ctx.database.db, ctx.documentIndex);
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
  log(`engine: ${fmt(engineRate)}/s, p50 ${fmt(engineLatency.p50, 1)} µs, p99 ${fmt(engineLatency.p99, 1)} µs, ${fmt(engineHits)} hits`);

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
  console.log(`| in-process lookup p50 / p99, µs (all; no-hits only) | ${fmt(engineLatency.p50, 1)} / ${fmt(engineLatency.p99, 1)}; ${fmt(noHitMicros.p50, 1)} / ${fmt(noHitMicros.p99, 1)} | ${peer ? `${fmt(peer.singleP50 * 1000, 0)} / ${fmt(peer.singleP99 * 1000, 0)}` : '—'} (one query, pool of 16, 32 in flight) | — |`);
  console.log(`| in-process lookups/s, one at a time | ${fmt(engineRate)} | — | — |`);
  console.log(`| HTTP single checks/s (wrk, 32 connections; audited) | ${fmt(single.rps)} (p50 ${fmt(single.p50, 2)} ms, p99 ${fmt(single.p99, 2)} ms; hub CPU ${fmt(single.cpuMicros, 1)} µs each) | ${peer ? fmt(peer.single) : '—'} (pg, no HTTP) | ${peer ? fmt(single.rps / peer.single, 2) : '—'} |`);
  if (peer) console.log(`| HTTP single checks/s, peer as a service (Fastify + pg, same wrk; validated, no auth, no audit) | ${fmt(single.rps)} | ${fmt(peer.overHttp.single.rps)} (p50 ${fmt(peer.overHttp.single.p50, 2)} ms, p99 ${fmt(peer.overHttp.single.p99, 2)} ms) | ${fmt(single.rps / peer.overHttp.single.rps, 2)} |`);
  console.log(`| HTTP single checks/s, 256 connections (more callers share each fsync) | ${fmt(singleMany.rps)} (p50 ${fmt(singleMany.p50, 2)} ms, p99 ${fmt(singleMany.p99, 2)} ms) | ${peer ? `${fmt(peer.overHttp.singleMany.rps)} (as a service)` : '—'} | ${peer ? fmt(singleMany.rps / peer.overHttp.singleMany.rps, 2) : '—'} |`);
  console.log(`| reference: fsync of 16 KiB on the data's disk, p50 / p99 ms (every answer waits for one) | ${fmt(fsync.p50, 2)} / ${fmt(fsync.p99, 2)} | — | — |`);
  console.log(`| reference: bare Fastify route answering a constant, req/s (same wrk) | ${fmt(ceiling.rps)} (CPU ${fmt(ceiling.cpuMicros, 1)} µs each) | — | ${fmt(single.rps / ceiling.rps, 2)} of it |`);
  console.log(`| HTTP batched lookups/s (batches of 1,000) | ${fmt(batch.rps * 1000)} (hub CPU ${fmt(batch.cpuMicros / 1000, 2)} µs each) | ${peer ? fmt(peer.batched) : '—'} (= ANY($1), 1,000 a query) | ${peer ? fmt((batch.rps * 1000) / peer.batched, 2) : '—'} |`);
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

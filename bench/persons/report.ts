/** The report: one table beside the peer, then latency by kind of query (stdout, for bench/README.md). */
import { cpus, loadavg } from 'node:os';
import type { Imported } from './import.js';
import { MiB, CONNECTIONS, HTTP_SECONDS, N, QUERIES, fmt } from './options.js';
import { p50, p99, type Outcome, type WrkResult } from './measure.js';
import type { PeerResult } from './peer.js';
import { CATEGORY_LABEL, MIX, type Category } from './queries.js';

export interface Results {
  load0: number[];
  imported: Imported;
  startSeconds: number;
  stats: { persons: number; names: number; skipped: number; bytes: number; bytesPerName: number };
  indexHeap: number;
  before: { heap: number; rss: number };
  after: { heap: number; rss: number };
  underLoad: { heap: number; rss: number };
  engineMs: number[];
  engineOutcomes: Outcome[];
  serviceMs: number[];
  serviceRate: number;
  concurrentRate: number;
  httpOne: WrkResult;
  httpMany: WrkResult;
  outcomes: { hit: number; possible_match: number; no_hit: number };
  shown: number;
  queries: readonly unknown[];
  peer: PeerResult | undefined;
}

export function report(r: Results): string {
  const { load0, imported, startSeconds, stats, indexHeap, before, after, underLoad, engineMs, engineOutcomes, serviceMs, serviceRate, concurrentRate, httpOne, httpMany, outcomes, shown, queries, peer } = r;
  const { names, seconds: importSeconds } = imported;
  const load1 = loadavg();
  const byCategory = (cat: Category, xs: readonly Outcome[]): Outcome[] => xs.filter((o) => o.category === cat);
  const foundRate = (xs: readonly Outcome[]): string => {
    const judged = xs.filter((o) => o.found !== null);
    return judged.length === 0 ? '—' : `${fmt((100 * judged.filter((o) => o.found).length) / judged.length)}%`;
  };
  const ratio = (a: number, b: number | undefined, d = 2): string => (b === undefined || !Number.isFinite(b) || b === 0 ? '—' : fmt(a / b, d));
  const mixText = MIX.map(([c, s]) => `${fmt(s * 100)}% ${CATEGORY_LABEL[c]}`).join(', ');
  const out: string[] = [];
  out.push('');
  out.push(`persons benchmark: ${fmt(N)} persons (${fmt(names)} names), ${fmt(QUERIES)} queries (${mixText}), HTTP ${HTTP_SECONDS} s per test, node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z; load average ${load0.map((l) => l.toFixed(1)).join(' ')} at start, ${load1.map((l) => l.toFixed(1)).join(' ')} at end; ${cpus().length} cores`);
  out.push('');
  out.push('| measure | Blueline | PostgreSQL pg_trgm peer | ratio |');
  out.push('| --- | ---: | ---: | ---: |');
  const generated = imported.cpuSeconds === undefined || imported.generateSeconds === undefined ? ''
    : `; CPU ${fmt((imported.cpuSeconds * 1e6) / N)} µs a person, ${fmt(((imported.cpuSeconds - imported.generateSeconds) * 1e6) / N)} µs less generating the lines`;
  out.push(`| import, persons/s (\`blueline import persons\`'s path: NDJSON lines parsed, checked as the API checks them, multi-row inserts, an audit entry per batch of ${fmt(imported.batchSize ?? 1000)} and owner${imported.batchSize === undefined ? '; an earlier run\'s import' : ''}) | ${fmt(N / importSeconds)} (${fmt(importSeconds, 0)} s${generated}) | ${peer ? `${fmt(peer.loadPersonsRate)} (names as rows, multi-row INSERT, ${fmt(peer.loadSeconds, 0)} s)` : '—'} | ${ratio(N / importSeconds, peer?.loadPersonsRate)} |`);
  out.push(`| index build | ${fmt(startSeconds, 1)} s (hub start; ${fmt(stats.names / startSeconds)} names/s) | ${peer ? `${fmt(peer.indexSeconds, 1)} s (CREATE INDEX … gin_trgm_ops)` : '—'} | — |`);
  out.push(`| index memory, bytes per name: the index's own count; heap + buffers growth at start beyond an empty hub's; RSS growth | ${fmt(stats.bytesPerName, 1)}; ${fmt(indexHeap / stats.names, 1)}; ${fmt((after.rss - before.rss) / stats.names, 1)} (${fmt(stats.bytes / MiB)} MiB own count) | ${peer ? `${fmt(peer.indexBytes / peer.names, 1)} (GIN index on disk, ${fmt(peer.indexBytes / MiB)} MiB)` : '—'} | — |`);
  out.push(`| resident memory of the hub after start / after the HTTP tests, MiB | ${fmt(after.rss / MiB)} / ${fmt(underLoad.rss / MiB)} | — | — |`);
  out.push(`| names engine p50 / p99 ms, one at a time (index only) | ${fmt(p50(engineMs), 2)} / ${fmt(p99(engineMs), 2)} (max ${fmt(Math.max(...engineMs), 1)}) | ${peer ? `${fmt(p50(peer.ms), 2)} / ${fmt(p99(peer.ms), 2)} (max ${fmt(Math.max(...peer.ms), 1)}; one query at a time, ${fmt(peer.ms.length)} queries)` : '—'} | ${peer ? `p99 ${ratio(p99(engineMs), p99(peer.ms))}` : '—'} |`);
  out.push(`| screening service p50 / p99 ms, one at a time (index, database, access, hits, audit commit) | ${fmt(p50(serviceMs), 2)} / ${fmt(p99(serviceMs), 2)} | — | ${peer ? `p99 ${ratio(p99(serviceMs), p99(peer.ms))}` : '—'} |`);
  out.push(`| screenings/s in process: one at a time; ${CONNECTIONS} in flight | ${fmt(serviceRate)}; ${fmt(concurrentRate)} | ${peer ? `${fmt(1000 / (peer.ms.reduce((s, x) => s + x, 0) / peer.ms.length))}; ${fmt(peer.rate)} (pool of ${peer.pool}, ${peer.inFlight} in flight)` : '—'} | ${peer ? ratio(concurrentRate, peer.rate) : '—'} |`);
  out.push(`| HTTP, 1 connection: screenings/s, p50 / p99 ms (wrk) | ${fmt(httpOne.rps)}, ${fmt(httpOne.p50, 2)} / ${fmt(httpOne.p99, 2)} | — | — |`);
  out.push(`| HTTP, ${CONNECTIONS} connections: screenings/s, p50 / p99 ms (wrk; authenticated, audited) | ${fmt(httpMany.rps)}, ${fmt(httpMany.p50, 2)} / ${fmt(httpMany.p99, 2)} | ${peer ? `${fmt(peer.rate)} (pg, no HTTP)` : '—'} | ${peer ? ratio(httpMany.rps, peer.rate) : '—'} |`);
  out.push(`| outcomes as the French NCB saw them (service run) | hit ${fmt((100 * outcomes.hit) / queries.length, 1)}%, possible match ${fmt((100 * outcomes.possible_match) / queries.length, 1)}%, no hit ${fmt((100 * outcomes.no_hit) / queries.length, 1)}%; ${fmt(shown / queries.length, 2)} candidates shown a screening | ${peer ? `${fmt(peer.rowsPerQuery, 2)} rows a query (top 10, similarity ≥ 0.3)` : '—'} | — |`);
  out.push(`| sanity, not recall: the person asked for in the top 10 (engine; exact / spelled differently / other script) | ${foundRate(byCategory('exact', engineOutcomes))} / ${foundRate(byCategory('spelling', engineOutcomes))} / ${foundRate(byCategory('script', engineOutcomes))} | ${peer ? `${foundRate(byCategory('exact', peer.outcomes))} / ${foundRate(byCategory('spelling', peer.outcomes))} / ${foundRate(byCategory('script', peer.outcomes))}` : '—'} | — |`);
  out.push('');
  out.push('Latency by kind of query, p50 / p99 ms:');
  out.push('');
  out.push('| query | share | names engine | pg_trgm |');
  out.push('| --- | ---: | ---: | ---: |');
  for (const [c] of MIX) {
    const e = byCategory(c, engineOutcomes).map((o) => o.ms);
    const pgm = peer ? byCategory(c, peer.outcomes).map((o) => o.ms) : [];
    out.push(`| ${CATEGORY_LABEL[c]} | ${fmt((100 * e.length) / queries.length, 1)}% | ${fmt(p50(e), 2)} / ${fmt(p99(e), 2)} | ${pgm.length > 0 ? `${fmt(p50(pgm), 2)} / ${fmt(p99(pgm), 2)}` : '—'} |`);
  }
  return out.join('\n');
}

/**
 * Audit log benchmark: batched appends per second and proof generation time
 * at N entries (default 1,000,000), on SQLite and PostgreSQL, beside the peer
 * a team would otherwise build: a plain append-only table of the same
 * entries, without the Merkle tree.
 *
 *   npx tsx bench/audit.ts [--entries 1000000] [--batch 1000] [--backend sqlite|postgres|both]
 *
 * PostgreSQL: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test).
 */
import { randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import type { Principal } from '../src/access/principal.js';
import type { AuditEvent } from '../src/audit/entry.js';
import { AuditLog } from '../src/audit/log.js';
import { verifyConsistency, verifyInclusion } from '../src/audit/merkle.js';
import { systemClock } from '../src/core/clock.js';
import { generateSigningKey } from '../src/crypto/signing-key.js';
import type { Database } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrator.js';
import { openPostgres } from '../src/storage/postgres.js';
import { openSqlite } from '../src/storage/sqlite.js';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '1000' },
    backend: { type: 'string', default: 'both' },
    proofs: { type: 'string', default: '2000' },
  },
});
const N = Number(values.entries);
const BATCH = Number(values.batch);
const PROOFS = Number(values.proofs);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const officer: Principal = {
  kind: 'api_key', id: 'key_bordercontrolheathrowt5aa', name: 'border-lhr-t5', orgId: 'org_gbborderforceheathrowaaaa',
  orgKind: 'agency', country: 'GB', ncbId: 'org_gbncbaaaaaaaaaaaaaaaaaaaa', roles: [], permissions: new Set(), databases: new Map(),
};
function event(i: number): AuditEvent {
  return {
    action: 'documents.search', resourceType: 'document_search', resourceId: null,
    details: { query: { number: `P${(100000000 + i).toString(36).toUpperCase()}`, state: 'FRA' }, outcome: 'no-hit', borderPoint: 'LHR-T5-07' },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}
const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

interface Result {
  backend: string;
  appendsPerSecond: number;
  peerInsertsPerSecond: number;
  singleAppendsPerSecond: number;
  inclusion: { p50: number; p99: number; mean: number };
  consistency: { p50: number; p99: number; mean: number };
  rssMiB: number;
}

async function appendAll(database: Database, log: AuditLog): Promise<number> {
  const started = performance.now();
  let lastReport = started;
  for (let done = 0; done < N; done += BATCH) {
    const size = Math.min(BATCH, N - done);
    await database.transaction((trx) => log.recordMany(trx, Array.from({ length: size }, (_, i) => ({ actor: officer, event: event(done + i) }))));
    if (performance.now() - lastReport > 5000) {
      lastReport = performance.now();
      process.stderr.write(`  ${database.dialect}: ${fmt(done + size)} entries, ${fmt(((done + size) / (lastReport - started)) * 1000)}/s\n`);
    }
  }
  return (N / (performance.now() - started)) * 1000;
}

/** The peer: the same serialised entries into a plain table with a primary key, same batches. */
async function peerInsertAll(database: Database): Promise<number> {
  await sql`create table peer_audit (seq bigint primary key, created_at text not null, entry text not null)`.execute(database.db);
  const started = performance.now();
  for (let done = 0; done < N; done += BATCH) {
    const size = Math.min(BATCH, N - done);
    const rows = Array.from({ length: size }, (_, i) => ({
      seq: done + i,
      created_at: new Date().toISOString(),
      entry: JSON.stringify({ seq: done + i, actor: { id: officer.id, type: officer.kind, org: officer.orgId, country: officer.country }, ...event(done + i) }),
    }));
    await database.transaction(async (trx) => {
      for (let i = 0; i < rows.length; i += 500) {
        await sql`insert into peer_audit (seq, created_at, entry) values ${sql.join(rows.slice(i, i + 500).map((r) => sql`(${r.seq}, ${r.created_at}, ${r.entry})`))}`.execute(trx);
      }
    });
  }
  return (N / (performance.now() - started)) * 1000;
}

async function singleAppends(database: Database, log: AuditLog, count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await database.transaction((trx) => log.record(trx, officer, event(N + i)));
  return (count / (performance.now() - started)) * 1000;
}

async function timeProofs(log: AuditLog, size: number): Promise<Pick<Result, 'inclusion' | 'consistency'>> {
  const root = await log.rootAt(size);
  const stats = (ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), mean: ms.reduce((a, b) => a + b, 0) / ms.length };
  };
  const inclusion: number[] = [];
  for (let i = 0; i < PROOFS; i++) {
    const seq = randomInt(size);
    const t = performance.now();
    const { leafHash, proof } = await log.inclusionProof(seq, size);
    inclusion.push(performance.now() - t);
    if (!verifyInclusion(seq, size, leafHash, proof, root)) throw new Error(`inclusion proof for ${seq} does not verify`);
  }
  const consistency: number[] = [];
  for (let i = 0; i < PROOFS; i++) {
    const from = 1 + randomInt(size - 1);
    const t = performance.now();
    const proof = await log.consistencyProof(from, size);
    consistency.push(performance.now() - t);
    if (i < 50 && !verifyConsistency(from, size, proof, await log.rootAt(from), root)) throw new Error(`consistency proof from ${from} does not verify`);
  }
  return { inclusion: stats(inclusion), consistency: stats(consistency) };
}

async function runOn(backend: 'sqlite' | 'postgres'): Promise<Result> {
  const dir = await mkdtemp(join(tmpdir(), 'blueline-bench-'));
  const schema = `bench_${Date.now()}`;
  let database: Database;
  if (backend === 'sqlite') {
    database = openSqlite(join(dir, 'bench.sqlite'), { synchronous: 'full' });
  } else {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    database = openPostgres(PG_URL, { schema, maxConnections: 4 });
  }
  try {
    await migrateToLatest(database);
    const log = new AuditLog(database, systemClock, { origin: 'bench/audit', privateKey: generateSigningKey().privateKey });
    process.stderr.write(`${backend}: appending ${fmt(N)} entries in batches of ${fmt(BATCH)}\n`);
    const appendsPerSecond = await appendAll(database, log);
    process.stderr.write(`${backend}: timing ${fmt(PROOFS)} inclusion and consistency proofs at ${fmt(N)}\n`);
    const proofs = await timeProofs(log, N);
    const singleAppendsPerSecond = await singleAppends(database, log, 500);
    process.stderr.write(`${backend}: peer (plain table, same batches)\n`);
    const peerInsertsPerSecond = await peerInsertAll(database);
    return { backend, appendsPerSecond, peerInsertsPerSecond, singleAppendsPerSecond, ...proofs, rssMiB: process.memoryUsage().rss / 2 ** 20 };
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
    if (backend === 'postgres') {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  }
}

const backends = values.backend === 'both' ? (['sqlite', 'postgres'] as const) : [values.backend as 'sqlite' | 'postgres'];
const results: Result[] = [];
for (const b of backends) results.push(await runOn(b));

console.log(`\naudit log benchmark: ${fmt(N)} entries, batches of ${fmt(BATCH)}, ${fmt(PROOFS)} proofs each (node ${process.version})`);
console.log('| backend | Merkle appends/s (batched) | peer: plain inserts/s | ratio | single-entry transactions/s | inclusion proof p50 / p99 ms | consistency proof p50 / p99 ms | RSS MiB |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  console.log(`| ${r.backend} | ${fmt(r.appendsPerSecond)} | ${fmt(r.peerInsertsPerSecond)} | ${fmt(r.appendsPerSecond / r.peerInsertsPerSecond, 2)} | ${fmt(r.singleAppendsPerSecond)} | ${fmt(r.inclusion.p50, 3)} / ${fmt(r.inclusion.p99, 3)} | ${fmt(r.consistency.p50, 3)} / ${fmt(r.consistency.p99, 3)} | ${fmt(r.rssMiB)} |`);
}

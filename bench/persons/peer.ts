/** The peer a team would otherwise build: PostgreSQL pg_trgm similarity over the same names, a GIN trigram index. */
import pg from 'pg';
import { STREAM_RECORDS, engineNames, generate, recordBody } from './generation.js';
import { p50, p99, type Outcome } from './measure.js';
import { HTTP_SECONDS, N, PG_URL, elapsed, fmt, log } from './options.js';
import type { Query } from './queries.js';

export interface PeerResult {
  loadSeconds: number;
  loadPersonsRate: number;
  names: number;
  indexSeconds: number;
  indexBytes: number;
  ms: number[];
  outcomes: Outcome[];
  rowsPerQuery: number;
  rate: number;
  pool: number;
  inFlight: number;
}

export async function runPeer(seqOf: Int32Array, serial: readonly Query[], all: readonly Query[]): Promise<PeerResult> {
  const schema = `bench_persons_${process.pid}`;
  const POOL = 8;
  const IN_FLIGHT = 16;
  const pool = new pg.Pool({ connectionString: PG_URL, max: POOL, options: `-c search_path=${schema},public` });
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await pool.query(`CREATE SCHEMA ${schema}`);
    await pool.query('CREATE TABLE person_names (person_id integer NOT NULL, name text NOT NULL)');
    const started = performance.now();
    let names = 0;
    let ids: number[] = [];
    let texts: string[] = [];
    const flush = async (): Promise<void> => {
      if (ids.length === 0) return;
      await pool.query('INSERT INTO person_names (person_id, name) SELECT * FROM unnest($1::int[], $2::text[])', [ids, texts]);
      ids = [];
      texts = [];
    };
    let lastLog = started;
    for (let i = 0; i < N; i++) {
      for (const name of engineNames(recordBody(generate(STREAM_RECORDS, i)))) { ids.push(seqOf[i]!); texts.push(name); names++; }
      if (ids.length >= 10_000) await flush();
      if (performance.now() - lastLog > 15_000) { lastLog = performance.now(); log(`  peer load: ${fmt(i)} persons (${elapsed()})`); }
    }
    await flush();
    const loadSeconds = (performance.now() - started) / 1000;
    const t0 = performance.now();
    // What a team would do: a GIN trigram index, with enough memory to build it.
    const client = await pool.connect();
    try {
      await client.query('SET maintenance_work_mem = \'256MB\'');
      await client.query('CREATE INDEX person_names_trgm ON person_names USING gin (name gin_trgm_ops)');
      await client.query('ANALYZE person_names');
    } finally { client.release(); }
    const indexSeconds = (performance.now() - t0) / 1000;
    const size = await pool.query<{ bytes: string }>('SELECT pg_relation_size(\'person_names_trgm\')::text AS bytes');
    log(`peer: ${fmt(names)} names loaded in ${fmt(loadSeconds, 1)} s, GIN index in ${fmt(indexSeconds, 1)} s (${elapsed()})`);

    const sql = 'SELECT person_id, max(similarity(name, $1)) AS score FROM person_names WHERE name % $1 GROUP BY person_id ORDER BY score DESC, person_id LIMIT 10';
    for (const q of all.slice(0, 50)) await pool.query(sql, [q.body.names[0]]);
    const ms: number[] = [];
    const outcomes: Outcome[] = [];
    let rows = 0;
    for (const q of serial) {
      const t = performance.now();
      const res = await pool.query<{ person_id: number }>(sql, [q.body.names[0]]);
      const took = performance.now() - t;
      ms.push(took);
      rows += res.rows.length;
      const target = q.target < 0 ? -1 : seqOf[q.target]!;
      outcomes.push({ category: q.category, ms: took, found: target < 0 ? null : res.rows.some((r) => r.person_id === target) });
    }
    log(`peer, one at a time: p50 ${fmt(p50(ms), 2)} ms, p99 ${fmt(p99(ms), 2)} ms (${elapsed()})`);
    let next = 0;
    let done = 0;
    const until = performance.now() + HTTP_SECONDS * 1000;
    const t1 = performance.now();
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (performance.now() < until) {
        const q = all[next++ % all.length]!;
        await pool.query(sql, [q.body.names[0]]);
        done++;
      }
    }));
    const rate = (done / (performance.now() - t1)) * 1000;
    log(`peer, ${IN_FLIGHT} in flight: ${fmt(rate)}/s (${elapsed()})`);
    return { loadSeconds, loadPersonsRate: N / loadSeconds, names, indexSeconds, indexBytes: Number(size.rows[0]?.bytes ?? 0), ms, outcomes, rowsPerQuery: rows / serial.length, rate, pool: POOL, inFlight: IN_FLIGHT };
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await pool.end();
  }
}

/**
 * The import, through the path a 10-million load really takes (`blueline
 * import persons`, src/persons/import/): the generated persons as NDJSON lines
 * (the API's body plus `reference` and `ownerCountry`), read line by line,
 * checked as the API checks them (schema, validateNewPerson), inserted in
 * multi-row statements, one audit entry per batch and owner. Then a share of
 * the persons is circulated (published notices and diffusions inserted in
 * their final state: set-up, not timed as import).
 */
import { sql } from 'kysely';
import type { loadConfig } from '../../src/config/load.js';
import { createHubContext } from '../../src/hub/context.js';
import { initHub } from '../../src/hub/init.js';
import { importPersons, PERSON_BATCH_SIZE } from '../../src/persons/import/importer.js';
import { ndjsonPersons } from '../../src/persons/import/ndjson.js';
import { newNoticeRow } from '../../src/persons/store.js';
import type { NoticeRow } from '../../src/storage/schema.js';
import { BIG_OWNERS } from './cultures.js';
import { STREAM_RECORDS, generate, mix32, recordBody } from './generation.js';
import { N, SEED, elapsed, fmt, log, values } from './options.js';

export interface Imported {
  persons: number;
  seed: number;
  names: number;
  seconds: number;
  /** CPU seconds of the import, and of them those spent generating the NDJSON lines (the bench's own work). */
  cpuSeconds?: number;
  generateSeconds?: number;
  batchSize?: number;
  at: string;
}

const LINES_PER_CHUNK = 1000;

export async function importBench(config: ReturnType<typeof loadConfig>, today: string): Promise<Imported> {
  await initHub(config);
  const ctx = await createHubContext(config);
  try {
    const db = ctx.database.db;
    // As the import command does on its own connection: checkpoint the WAL every 64 MiB, not every 4.
    await sql`pragma wal_autocheckpoint = 16384`.execute(db);
    const ncbs = new Set((await db.selectFrom('organisations').select('country').where('kind', '=', 'ncb').execute()).map((r) => r.country));
    let names = 0;
    let generating = 0; // CPU µs
    /** The lines, a chunk at a time; the CPU time spent making them is counted apart (the bench's work, not the import's). */
    async function* lines(): AsyncGenerator<Uint8Array> {
      let chunk: string[] = [];
      let from = process.cpuUsage();
      for (let i = 0; i < N; i++) {
        const g = generate(STREAM_RECORDS, i);
        const body = recordBody(g);
        names += body.names.length;
        chunk.push(JSON.stringify({ reference: `bench-${i}`, ownerCountry: ncbs.has(g.owner) ? g.owner : 'FR', ...body }));
        if (chunk.length === LINES_PER_CHUNK || i === N - 1) {
          const bytes = Buffer.from(`${chunk.join('\n')}\n`, 'utf8');
          chunk = [];
          const used = process.cpuUsage(from);
          generating += used.user + used.system;
          yield bytes;
          from = process.cpuUsage();
        }
      }
    }
    const batchSize = values['batch-size'] === undefined ? PERSON_BATCH_SIZE : Number(values['batch-size']);
    const importStarted = performance.now();
    const cpuStarted = process.cpuUsage();
    let lastLog = importStarted;
    const summary = await importPersons({
      database: ctx.database,
      audit: ctx.audit,
      clock: ctx.clock,
      source: ndjsonPersons(lines()),
      batchSize,
      onImported: (persons) => {
        // Person i is on line i + 1 and, in a new hub, gets index key i + 1: the queries rely on it.
        for (const p of persons) if (p.row.seq !== p.line) throw new Error(`line ${p.line} got index key ${p.row.seq}: the hub was not new`);
      },
      onProgress: (p) => {
        if (performance.now() - lastLog < 15_000) return;
        lastLog = performance.now();
        log(`  import: ${fmt(p.read)} persons, ${fmt((p.read / (lastLog - importStarted)) * 1000)}/s (${elapsed()})`);
      },
    });
    const importSeconds = (performance.now() - importStarted) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    if (summary.imported !== N) throw new Error(`imported ${fmt(summary.imported)} of ${fmt(N)} persons: ${JSON.stringify(summary.errors.slice(0, 5))}`);
    log(`import: ${fmt(N)} persons, ${fmt(names)} names in ${fmt(importSeconds, 1)} s = ${fmt(N / importSeconds)}/s; CPU ${fmt(cpuSeconds, 1)} s = ${fmt((cpuSeconds * 1e6) / N)} µs a person, of which ${fmt(generating / N, 0)} µs generating the lines (${elapsed()})`);

    await circulate(ctx.database, today);
    return { persons: N, seed: SEED, names, seconds: importSeconds, cpuSeconds, generateSeconds: generating / 1e6, batchSize, at: new Date().toISOString().slice(0, 10) };
  } finally {
    await ctx.close();
  }
}

/**
 * 50% of the persons get a published notice, 10% a diffusion to two or three countries. In
 * transactions of 5,000 persons by seq; `from` (a multiple of 5,000) resumes after an interruption.
 */
export async function circulate(database: Awaited<ReturnType<typeof createHubContext>>['database'], today: string, from = 0): Promise<void> {
  const db = database.db;
  const started = performance.now();
  let notices = 0;
  let diffusions = 0;
  const reviewDate = `${Number(today.slice(0, 4)) + 3}${today.slice(4)}`;
  for (let after = from; ;) {
    const rows = await db.selectFrom('persons').select(['seq', 'id', 'owner_org_id', 'owner_country']).where('seq', '>', after).orderBy('seq').limit(5000).execute();
    if (rows.length === 0) break;
    after = Number(rows[rows.length - 1]!.seq);
    const now = new Date().toISOString();
    const noticeRows: NoticeRow[] = [];
    for (const r of rows) {
      const h = mix32(9, Number(r.seq)) % 100;
      if (h >= 60) continue;
      const diffusion = h >= 50;
      const t = mix32(10, Number(r.seq)) % 100;
      const others = BIG_OWNERS.filter((o) => o !== r.owner_country);
      noticeRows.push(newNoticeRow({
        person_id: r.id, kind: diffusion ? 'diffusion' : 'notice', type: t < 60 ? 'red' : t < 85 ? 'yellow' : 'blue', status: 'published',
        summary: diffusion ? 'wanted for questioning: fraud' : 'wanted for prosecution: armed robbery',
        countries: JSON.stringify(diffusion ? [others[t % others.length]!, others[(t + 7) % others.length]!, ...(t % 3 === 0 ? ['FR'] : [])].filter((c, j, a) => a.indexOf(c) === j).sort() : []),
        requester_org_id: r.owner_org_id, requester_country: r.owner_country, review_date: reviewDate,
        created_at: now, created_by: 'bench', published_at: now,
      }));
      if (diffusion) diffusions++;
      else notices++;
    }
    await database.transaction(async (trx) => {
      for (let k = 0; k < noticeRows.length; k += 1000) {
        const part = noticeRows.slice(k, k + 1000);
        await trx.insertInto('notices').values(part).execute();
        await trx.insertInto('notice_events').values(part.map((n) => ({ notice_id: n.id, seq: 1, at: now, actor_id: 'bench', actor_org_id: n.requester_org_id, status_from: null, status_to: 'published', note: null }))).execute();
      }
    });
  }
  log(`circulation: ${fmt(notices)} published notices, ${fmt(diffusions)} diffusions in ${fmt((performance.now() - started) / 1000, 1)} s (set-up, not timed as import) (${elapsed()})`);
}

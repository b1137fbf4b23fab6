/**
 * End-to-end messaging benchmark (issue 4): messages per second and latency
 * through real member nodes and a real hub on loopback, and beside it, in the
 * same run, the same messages through a durable RabbitMQ queue — the peer a
 * team would otherwise reach for.
 *
 *   npx tsx bench/messaging.ts [--messages 1500] [--large-messages 60] [--sizes 1024,1048576]
 *       [--stores sqlite,postgres] [--latency-rates auto|R1,R2] [--latency-seconds 5]
 *       [--concurrency 32] [--large-concurrency 4] [--batch 1] [--pairs 1] [--node-sync full|normal]
 *       [--no-peer] [--cpu-prof DIR] [--warmup 20]
 *
 * `--messages` is the count for bodies up to 64 KiB, `--large-messages` above.
 * `--warmup N` sends N messages of 1 KiB first (more than 20: as the sustained
 * load does), unmeasured, so the processes' code is compiled by then.
 * `--batch N` sends N messages per compose request under the sustained load
 * for bodies up to 64 KiB (POST /api/v1/messages/batch, `--concurrency`
 * requests in flight); larger bodies and the open-loop latency load always go
 * one message per request.
 *
 * The path measured is the product's: a system at the agency (this script)
 * calls the sender node's API with an API key (POST /api/v1/messages); the
 * node seals the message (AES-256-GCM + HPKE to the recipient, Ed25519) and
 * writes it to its outbox on disk; the outbox loop sends batches to the hub
 * over mutual TLS 1.3; the hub checks the signature and addressing, stores it
 * and queues it (audited); the recipient node's long poll takes it, verifies,
 * decrypts, stores it, acknowledges, and sends a signed delivery receipt back
 * through the hub to the sender node. Hub and nodes each run in their own
 * process (forked from this file), as they would in production.
 *
 * Each body size runs twice on each store: a sustained, pipelined load
 * (`--concurrency` compose requests in flight) for messages per second, then
 * an open-loop load (one message every 1/R s, whether or not the last is
 * done) for latency, at half the rate just measured (`auto`; the peer gets
 * the same rate as the first store) or at fixed rates, one per size. Latency
 * starts when the compose request starts (before the seal) and ends (a) when
 * the recipient node has verified, decrypted and committed it, and (b) when
 * the signed delivery receipt reaches the sender node. Besides the figures,
 * the run reports CPU per message of each process, requests on the hub per
 * message, how busy the whole machine was, and where the time goes; with
 * `--cpu-prof DIR` it writes a CPU profile of each process during each
 * sustained load. `--node-sync normal` runs the nodes with SQLite
 * synchronous=NORMAL instead of their default FULL; `--pairs N` runs N sender
 * → recipient node pairs against the one hub.
 *
 * Hub and nodes run with a 32 MiB young generation, as `blueline hub` and
 * `blueline node` do (bin/blueline.js).
 *
 * The hub: `initHub` + `startHub` on a temporary data folder, SQLite there, or
 * a fresh PostgreSQL database (BENCH_PG_URL, default
 * postgres://postgres@127.0.0.1:5432/test, is used to create and drop it).
 * The peer: RabbitMQ (BENCH_AMQP_URL, default amqp://guest:guest@127.0.0.1:5672),
 * a durable queue, persistent messages, publisher confirms with the same
 * number in flight, a consumer with manual acks; its latency is publish start
 * to the consumer holding the message. The queue is deleted at the end.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import amqp from 'amqplib';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config/load.js';
import { initHub } from '../src/hub/init.js';
import { startHub, type RunningHub } from '../src/hub/server.js';
import { enrolNode } from '../src/node/enrol.js';
import { startNode, type RunningNode } from '../src/node/server.js';
import { organisationStore } from '../src/registry/organisations/store.js';

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—');
const log = (line: string) => process.stderr.write(`${line}\n`);
const KiB = 1024;
const LARGE = 64 * KiB;

// ---------------------------------------------------------------------------
// Parent and children talk over the fork IPC channel: { id, cmd, args } → { id, ok, result | error }
// ---------------------------------------------------------------------------

type Handler = (args: unknown) => Promise<unknown>;
interface RpcRequest { id: number; cmd: string; args: unknown }
interface RpcReply { id: number; ok: boolean; result?: unknown; error?: string }

class Child {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private exitCode: number | null | undefined;
  readonly exited: Promise<number | null>;

  private constructor(readonly name: string, readonly proc: ChildProcess) {
    proc.on('message', (m: RpcReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(`${name}: ${m.error ?? 'failed'}`));
    });
    this.exited = new Promise((resolve) => proc.once('exit', (code) => {
      this.exitCode = code;
      for (const p of this.pending.values()) p.reject(new Error(`${name} exited (${code})`));
      this.pending.clear();
      resolve(code);
    }));
  }

  static spawn(role: 'hub' | 'node', name: string): Child {
    // With the young generation `blueline hub` and `blueline node` start with (bin/blueline.js).
    const execArgv = [...process.execArgv.filter((a) => !a.startsWith('--max-semi-space-size')), '--max-semi-space-size=32'];
    const proc = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, BLUELINE_BENCH_ROLE: role }, serialization: 'advanced', execArgv });
    return new Child(name, proc);
  }

  call<T>(cmd: string, args: unknown = {}): Promise<T> {
    if (this.exitCode !== undefined) return Promise.reject(new Error(`${this.name} has exited`));
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (v) => resolve(v as T), reject });
      this.proc.send({ id, cmd, args } satisfies RpcRequest);
    });
  }

  /** Asks the child to close its hub or node cleanly and exit; kills it if it has not left after 15 s. */
  async stop(): Promise<void> {
    if (this.exitCode !== undefined) return;
    await this.call('stop').catch(() => undefined);
    const left = await Promise.race([this.exited.then(() => true), sleep(15_000).then(() => false)]);
    if (!left) this.proc.kill('SIGKILL');
  }
}

/** In a child: answers the parent's calls; closes and exits when the parent goes away. */
function serve(own: Record<string, Handler>, close: () => Promise<void>): void {
  // A CPU profile of one phase, through the inspector (a whole-process --cpu-prof would mostly show start-up).
  let profiler: Session | undefined;
  const handlers: Record<string, Handler> = {
    ...own,
    profileStart: async () => {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    },
    profileStop: async (raw) => {
      if (!profiler) return;
      const { profile } = await profiler.post('Profiler.stop');
      await writeFile((raw as { file: string }).file, JSON.stringify(profile));
      profiler.disconnect();
      profiler = undefined;
    },
  };
  process.on('message', (m: RpcRequest) => {
    const handler = handlers[m.cmd];
    const done = (reply: Omit<RpcReply, 'id'>, exit: boolean) => process.send?.({ id: m.id, ...reply }, undefined, {}, () => {
      if (exit) process.exit(0);
    });
    if (m.cmd === 'stop') {
      close().then(() => done({ ok: true }, true), (e: unknown) => done({ ok: false, error: String(e) }, true));
      return;
    }
    if (m.cmd === 'cpu') {
      const { idle, active } = performance.eventLoopUtilization();
      done({ ok: true, result: { ...process.cpuUsage(), idle, active } satisfies Cpu }, false);
      return;
    }
    if (!handler) {
      done({ ok: false, error: `no command ${m.cmd}` }, false);
      return;
    }
    handler(m.args).then(
      (result) => done({ ok: true, result }, false),
      (e: unknown) => done({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }, false),
    );
  });
  process.on('disconnect', () => void close().finally(() => process.exit(0)));
  // Ctrl-C reaches the whole process group: the parent cleans up, and its going away (disconnect) closes this one.
  process.on('SIGINT', () => undefined);
}

// ---------------------------------------------------------------------------
// The hub's process
// ---------------------------------------------------------------------------

interface HubStart { dataDir: string; databaseUrl: string | undefined; countries: string[] }
interface HubStarted { nodeUrl: string; orgs: { country: string; orgId: string; token: string }[] }

function runHubProcess(): void {
  let hub: RunningHub | undefined;
  /** Requests the node port has received, by path: how many round trips a message costs the hub. */
  const requests: Record<string, number> = {};
  serve({
    requests: async () => ({ ...requests }),
    /** When the hub took up each message and each delivery receipt (its own received_at stamps). */
    stamps: async () => {
      const db = hub?.ctx.database.db;
      if (!db) throw new Error('the hub is not started');
      const messages = await db.selectFrom('messages').select(['id', 'received_at']).execute();
      const receipts = await db.selectFrom('message_receipts').select(['message_id', 'received_at']).where('kind', '=', 'delivered').execute();
      return {
        messages: messages.map((r): [string, number] => [r.id, Date.parse(r.received_at)]),
        receipts: receipts.map((r): [string, number] => [r.message_id, Date.parse(r.received_at)]),
      };
    },
    start: async (raw) => {
      const a = raw as HubStart;
      const config = loadConfig({ env: {}, overrides: { dataDir: a.dataDir, databaseUrl: a.databaseUrl, port: 0, nodePort: 0, logLevel: 'warn', scryptCost: 10 } });
      const init = await initHub(config);
      hub = await startHub(config);
      hub.nodeApp.server.on('request', (req: { url?: string }) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        requests[path] = (requests[path] ?? 0) + 1;
      });
      const app = hub.app;
      const call = (method: 'GET' | 'POST' | 'PUT', url: string, token: string | null, payload?: object) =>
        app.inject({ method, url, ...(payload ? { payload } : {}), headers: token ? { authorization: `Bearer ${token}` } : {} });
      const login = await call('POST', '/api/v1/session', null, { username: init.adminUsername, password: init.adminPassword });
      if (login.statusCode !== 200) throw new Error(`hub login: ${login.body}`);
      const token = login.json<{ token: string }>().token;
      const changed = await call('PUT', '/api/v1/session/password', token, { currentPassword: init.adminPassword, newPassword: 'bench horse battery staple' });
      if (changed.statusCode !== 204) throw new Error(`hub password change: ${changed.body}`);
      const orgs: HubStarted['orgs'] = [];
      for (const country of a.countries) {
        const ncb = await organisationStore.ncbOf(hub.ctx.database.db, country);
        if (!ncb) throw new Error(`no NCB for ${country}`);
        const res = await call('POST', `/api/v1/organisations/${ncb.id}/enrolment-tokens`, token);
        if (res.statusCode !== 201) throw new Error(`enrolment token for ${country}: ${res.body}`);
        orgs.push({ country, orgId: ncb.id, token: res.json<{ token: string }>().token });
      }
      return { nodeUrl: hub.nodeUrl, orgs } satisfies HubStarted;
    },
  }, async () => {
    await hub?.close();
    hub = undefined;
  });
}

// ---------------------------------------------------------------------------
// A member node's process
// ---------------------------------------------------------------------------

interface NodeStart { hubUrl: string; token: string; dataDir: string; maxBodyChars: number; sync: 'full' | 'normal' }
interface NodeStarted { url: string; orgId: string; apiKey: string }
interface WaitArgs { total: number; timeoutMs: number }

function runNodeProcess(): void {
  let node: RunningNode | undefined;
  /** When each fresh message was verified, decrypted and committed here, in the order the inbox stored them. */
  const stored: number[] = [];
  const until = async (what: string, { timeoutMs }: WaitArgs, done: () => Promise<boolean>) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  };
  const count = async (table: 'inbox' | 'receipts_in') => {
    const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(running().ctx.database.db);
    return Number(row.rows[0]?.n ?? 0);
  };
  const running = () => {
    if (!node) throw new Error('the node is not started');
    return node;
  };
  serve({
    start: async (raw) => {
      const a = raw as NodeStart;
      const enrolled = await enrolNode({ hubUrl: a.hubUrl, token: a.token, dataDir: a.dataDir, scryptCost: 10 });
      node = await startNode({ dataDir: a.dataDir, port: 0, settings: { scryptCost: 10, logLevel: 'warn', maxBodyChars: a.maxBodyChars, sqliteSynchronous: a.sync } });
      const app = node.app;
      const call = (method: 'POST' | 'PUT', url: string, token: string | null, payload: object) =>
        app.inject({ method, url, payload, headers: token ? { authorization: `Bearer ${token}` } : {} });
      const login = await call('POST', '/api/v1/session', null, { username: enrolled.adminUsername, password: enrolled.adminPassword });
      if (login.statusCode !== 200) throw new Error(`node login: ${login.body}`);
      const session = login.json<{ token: string }>().token;
      const changed = await call('PUT', '/api/v1/session/password', session, { currentPassword: enrolled.adminPassword, newPassword: 'bench node battery staple' });
      if (changed.statusCode !== 204) throw new Error(`node password change: ${changed.body}`);
      const key = await call('POST', '/api/v1/api-keys', session, { name: 'bench load generator', permissions: ['messages:send', 'messages:read'] });
      if (key.statusCode !== 201) throw new Error(`node API key: ${key.body}`);
      // Instrumentation only: the inbox loop tells the receipt sender "work to do" right after it
      // committed a fresh message (verified, decrypted, stored). Stamp that moment, then pass it on.
      const wake = node.ctx.wake;
      const wakeReceipts = wake.receipts.bind(wake);
      wake.receipts = () => {
        stored.push(now());
        wakeReceipts();
      };
      return { url: node.url, orgId: node.orgId, apiKey: key.json<{ secret: string }>().secret } satisfies NodeStarted;
    },
    /** The delivery receipts this (sending) node has: [message id, when it took each up]. */
    receipts: async (raw) => {
      const a = raw as WaitArgs;
      await until(`${a.total} delivery receipts`, a, async () => (await count('receipts_in')) >= a.total);
      const rows = await running().ctx.database.db.selectFrom('receipts_in').select(['message_id', 'received_at']).where('kind', '=', 'delivered').execute();
      return rows.map((r): [string, number] => [r.message_id, Date.parse(r.received_at)]);
    },
    /** The messages this (receiving) node stored: [message id, when it was decrypted and committed]. */
    arrivals: async (raw) => {
      const a = raw as WaitArgs;
      await until(`${a.total} messages in the inbox`, a, async () => (await count('inbox')) >= a.total && stored.length >= a.total);
      const ids = await sql<{ id: string }>`select id from inbox order by rowid`.execute(running().ctx.database.db);
      if (ids.rows.length !== stored.length) throw new Error(`${ids.rows.length} messages stored but ${stored.length} stamps`);
      return ids.rows.map((r, i): [string, number] => [r.id, stored[i] as number]);
    },
  }, async () => {
    await node?.close();
    node = undefined;
  });
}

// ---------------------------------------------------------------------------
// The parent: flags, load, measurement, the table
// ---------------------------------------------------------------------------

interface Latency { p50: number; p99: number; max: number }
/** CPU time (µs) and the event loop's idle and active time (ms) of a process so far. */
interface Cpu { user: number; system: number; idle: number; active: number }

interface Phase {
  messages: number;
  seconds: number;
  /** Messages per second, first compose (or publish) to the last delivery receipt at the sender (or the last consumed). */
  rate: number;
  /** Messages per second to the last decrypted at the recipient. */
  rateToRecipient: number;
  /** Compose requests answered (sealed and in the outbox) per second; the peer: publishes confirmed per second. */
  acceptRate: number;
  toRecipient: Latency;
  toReceipt: Latency | undefined;
  /** CPU milliseconds per message: hub, sender nodes, recipient nodes, this process. */
  cpu: { hub: number; senders: number; recipients: number; generator: number } | undefined;
  /** Share of the time each event loop was not idle (blocked in a synchronous fsync counts as busy): hub, the busiest sender, the busiest recipient. */
  loopBusy: { hub: number; sender: number; recipient: number } | undefined;
  /** Share of the machine's CPU in use during the phase (all processes, others' too). */
  machineBusy: number;
  /** The open-loop rate that was offered, when it was one. */
  offered: number | undefined;
  /** Requests on the hub's node port per message, by path. */
  hubRequests: Record<string, number> | undefined;
  /** Median ms from the start of the compose request to each stage. */
  stages: { composed: number; atHub: number; atRecipient: number; receiptAtHub: number; receiptAtSender: number } | undefined;
}

interface Result { system: 'Blueline' | 'RabbitMQ'; store: string; size: number; throughput: Phase; latency: Phase }

function percentiles(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

function machineCpu(): { busy: number; total: number } {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

function cpuMs(before: NodeJS.CpuUsage, after: NodeJS.CpuUsage): number {
  return (after.user - before.user + after.system - before.system) / 1000;
}

function alnum(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ';
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i += 65536) {
    out += Array.from(bytes.subarray(i, Math.min(length, i + 65536)), (b) => alphabet[b % alphabet.length]).join('');
  }
  return out;
}

/** A load that issues `count` sends: `concurrency` at a time (closed loop), or one every 1/rate s whatever is pending (open loop). */
async function drive(count: number, load: { concurrency: number } | { rate: number }, send: (k: number) => Promise<void>): Promise<void> {
  if ('concurrency' in load) {
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(load.concurrency, count) }, async () => {
      while (next < count) await send(next++);
    }));
    return;
  }
  const start = now();
  const pending: Promise<void>[] = [];
  for (let k = 0; k < count; k++) {
    const wait = start + (k * 1000) / load.rate - now();
    if (wait > 0.5) await sleep(wait);
    pending.push(send(k));
  }
  await Promise.all(pending);
}

function post(agent: Agent, url: string, path: string, token: string, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': String(body.length), authorization: `Bearer ${token}` },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '1500' },
    'large-messages': { type: 'string', default: '60' },
    sizes: { type: 'string', default: '1024,1048576' },
    stores: { type: 'string', default: 'sqlite,postgres' },
    'latency-rates': { type: 'string', default: 'auto' },
    'latency-seconds': { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '32' },
    batch: { type: 'string', default: '1' },
    'large-concurrency': { type: 'string', default: '4' },
    pairs: { type: 'string', default: '1' },
    'node-sync': { type: 'string', default: 'full' },
    'no-peer': { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    warmup: { type: 'string', default: '20' },
  },
});

const SIZES = values.sizes.split(',').map(Number);
const STORES = values.stores.split(',').filter(Boolean) as ('sqlite' | 'postgres')[];
/** Fixed open-loop rates for the latency runs, one per size; empty: half the sustained rate measured just before. */
const RATES = values['latency-rates'] === 'auto' ? [] : values['latency-rates'].split(',').map(Number);
const PAIRS = Number(values.pairs);
/** Messages per compose request under the sustained load: 1 is POST /api/v1/messages, more is POST /api/v1/messages/batch. */
const BATCH = Number(values.batch);
const NODE_SYNC = values['node-sync'] as 'full' | 'normal';
const LATENCY_SECONDS = Number(values['latency-seconds']);
/** 1 KiB messages sent (per pair) before anything is measured. */
const WARMUP = Number(values.warmup);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const AMQP_URL = process.env.BENCH_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
/** NCBs enrolled as sender → recipient pairs, in this order. */
const COUNTRIES = ['GB', 'FR', 'DE', 'IT', 'ES', 'NL', 'BE', 'PT', 'SE', 'PL'];

const countOf = (size: number) => Number(size > LARGE ? values['large-messages'] : values.messages);
const concurrencyOf = (size: number) => Number(size > LARGE ? values['large-concurrency'] : values.concurrency);
/** The latency rate of each size: fixed by the flag, or set by the first Blueline run of that size, and used by the peer too. */
const latencyRates = new Map<number, number>();
const rateFor = (size: number, sustained: number) => {
  const fixed = RATES.length > 0 ? (RATES[SIZES.indexOf(size)] ?? RATES[RATES.length - 1]) : undefined;
  if (fixed !== undefined) return fixed;
  const half = Math.max(1, Math.round(sustained / 2));
  if (!latencyRates.has(size)) latencyRates.set(size, half);
  return half;
};
const latencyCountOf = (rate: number) => Math.max(20, Math.round(rate * LATENCY_SECONDS));
const label = (size: number) => (size >= 1024 * KiB ? `${fmt(size / (1024 * KiB))} MiB` : size >= KiB ? `${fmt(size / KiB)} KiB` : `${size} B`);

function checkFlags(): void {
  const bad = (why: string) => {
    log(`bench/messaging.ts: ${why}`);
    process.exit(2);
  };
  if (SIZES.some((s) => !Number.isSafeInteger(s) || s < 1 || s > 4 * 1024 * KiB)) bad('--sizes: body sizes in bytes, 1 to 4194304 (the node\'s largest body setting)');
  if (STORES.some((s) => s !== 'sqlite' && s !== 'postgres')) bad('--stores: sqlite and/or postgres');
  if (RATES.some((r) => !(r > 0))) bad('--latency-rates: messages per second, one per size');
  if (!Number.isSafeInteger(BATCH) || BATCH < 1 || BATCH > 100) bad('--batch: messages per compose request, 1 to 100 (the node\'s batch limit)');
  if (!Number.isSafeInteger(WARMUP) || WARMUP < 1) bad('--warmup: messages sent before measuring, at least 1');
  if (!Number.isSafeInteger(PAIRS) || PAIRS < 1 || PAIRS > COUNTRIES.length / 2) bad(`--pairs: 1 to ${COUNTRIES.length / 2}`);
  if (NODE_SYNC !== 'full' && NODE_SYNC !== 'normal') bad('--node-sync: full (the default of a node) or normal');
  for (const s of SIZES) if (!(countOf(s) > 0) || !(concurrencyOf(s) > 0)) bad('--messages, --large-messages and the concurrencies must be positive');
}

/** What to undo if the run is interrupted: the PostgreSQL database, the RabbitMQ queue. */
const onInterrupt = new Set<() => Promise<void>>();

interface Pair { sender: Child; recipient: Child; from: NodeStarted; to: NodeStarted; agent: Agent; sent: number }

async function blueline(store: 'sqlite' | 'postgres', work: string): Promise<Result[]> {
  const dir = await mkdtemp(join(work, `${store}-`));
  let database: { name: string; url: string } | undefined;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  if (store === 'postgres') {
    const name = `bench_messaging_${randomBytes(5).toString('hex')}`;
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    await admin(`create database ${name}`);
    database = { name, url: url.toString() };
  }
  const dropDatabase = async () => {
    if (database) await admin(`drop database if exists ${database.name} with (force)`).catch((e: unknown) => log(`could not drop database ${database?.name}: ${String(e)}`));
  };
  onInterrupt.add(dropDatabase);
  const hub = Child.spawn('hub', `hub-${store}`);
  const nodes: Child[] = [];
  const pairs: Pair[] = [];
  const results: Result[] = [];
  try {
    log(`[${store}] starting the hub`);
    const started = await hub.call<HubStarted>('start', { dataDir: join(dir, 'hub'), databaseUrl: database?.url, countries: COUNTRIES.slice(0, PAIRS * 2) } satisfies HubStart);
    const maxBodyChars = Math.max(1_000_000, ...SIZES);
    for (let i = 0; i < PAIRS; i++) {
      const [a, b] = [started.orgs[2 * i]!, started.orgs[2 * i + 1]!];
      const sender = Child.spawn('node', `sender-${a.country}`);
      const recipient = Child.spawn('node', `recipient-${b.country}`);
      nodes.push(sender, recipient);
      log(`[${store}] enrolling the nodes of ${a.country} (sender) and ${b.country} (recipient)`);
      const [from, to] = await Promise.all([
        sender.call<NodeStarted>('start', { hubUrl: started.nodeUrl, token: a.token, dataDir: join(dir, `node-${a.country}`), maxBodyChars, sync: NODE_SYNC } satisfies NodeStart),
        recipient.call<NodeStarted>('start', { hubUrl: started.nodeUrl, token: b.token, dataDir: join(dir, `node-${b.country}`), maxBodyChars, sync: NODE_SYNC } satisfies NodeStart),
      ]);
      pairs.push({ sender, recipient, from, to, agent: new Agent({ keepAlive: true, maxSockets: 256 }), sent: 0 });
    }
    const children = { hub: [hub], senders: pairs.map((p) => p.sender), recipients: pairs.map((p) => p.recipient) };

    const run = async (size: number, count: number, load: { concurrency: number } | { rate: number }, profile?: string): Promise<Phase> => {
      const body = alnum(size);
      const everyone = [hub, ...nodes];
      if (profile) await Promise.all(everyone.map((c) => c.call('profileStart')));
      const payload = (k: number, to: string) => Buffer.from(
        `{"audience":{"kind":"agencies","ids":["${to}"]},"priority":"routine","handling":{"code":"H1"},"crimeAreas":["cybercrime"],"subject":"Benchmark message ${k}","body":"${body}"}`,
      );
      const cpu = async () => Object.fromEntries(await Promise.all(Object.entries(children).map(async ([k, list]) => [k, await Promise.all(list.map((c) => c.call<Cpu>('cpu')))] as const))) as Record<keyof typeof children, Cpu[]>;
      const requestsBefore = await hub.call<Record<string, number>>('requests');
      const cpuBefore = await cpu();
      const ownBefore = process.cpuUsage();
      const machineBefore = machineCpu();
      const sent = new Map<string, { t0: number; accepted: number }>();
      const start = now();
      let lastAccepted = start;
      // A batch of messages per compose request under the sustained load (--batch); one per request in the open-loop load.
      const perRequest = 'concurrency' in load && size <= LARGE ? Math.min(BATCH, count) : 1;
      await drive(Math.ceil(count / perRequest), load, async (r) => {
        const pair = pairs[r % pairs.length]!;
        const ks = Array.from({ length: Math.min(perRequest, count - r * perRequest) }, (_, i) => r * perRequest + i);
        pair.sent += ks.length;
        const t0 = now();
        const single = perRequest === 1;
        const res = single
          ? await post(pair.agent, pair.from.url, '/api/v1/messages', pair.from.apiKey, payload(ks[0]!, pair.to.orgId))
          : await post(pair.agent, pair.from.url, '/api/v1/messages/batch', pair.from.apiKey, Buffer.concat([
            Buffer.from('{"messages":['), ...ks.flatMap((k, i) => (i === 0 ? [payload(k, pair.to.orgId)] : [Buffer.from(','), payload(k, pair.to.orgId)])), Buffer.from(']}'),
          ]));
        if (res.status !== 202) throw new Error(`compose answered ${res.status}: ${res.text.slice(0, 300)}`);
        const accepted = now();
        lastAccepted = Math.max(lastAccepted, accepted);
        const ids = single
          ? [(JSON.parse(res.text) as { id: string }).id]
          : (JSON.parse(res.text) as { results: { status: string; message?: { id: string } }[] }).results.map((x) => {
            if (x.status !== 'composed' || !x.message) throw new Error(`a message of the batch was not composed: ${JSON.stringify(x)}`);
            return x.message.id;
          });
        for (const id of ids) sent.set(id, { t0, accepted });
      });
      const timeoutMs = 300_000;
      const [receipts, arrivals] = await Promise.all([
        Promise.all(pairs.map((p) => p.sender.call<[string, number][]>('receipts', { total: p.sent, timeoutMs } satisfies WaitArgs))),
        Promise.all(pairs.map((p) => p.recipient.call<[string, number][]>('arrivals', { total: p.sent, timeoutMs } satisfies WaitArgs))),
      ]);
      const machineAfter = machineCpu();
      const ownMs = cpuMs(ownBefore, process.cpuUsage());
      const cpuAfter = await cpu();
      if (profile) await Promise.all(everyone.map((c) => c.call('profileStop', { file: join(profile, `${store}-${size}-${c.name}.cpuprofile`) })));
      const requestsAfter = await hub.call<Record<string, number>>('requests');
      const hubRequests: Record<string, number> = {};
      for (const [path, n] of Object.entries(requestsAfter)) if (n > (requestsBefore[path] ?? 0)) hubRequests[path] = (n - (requestsBefore[path] ?? 0)) / count;
      const receiptAt = new Map(receipts.flat());
      const arrivedAt = new Map(arrivals.flat());
      const hubStamps = await hub.call<{ messages: [string, number][]; receipts: [string, number][] }>('stamps');
      const atHub = new Map(hubStamps.messages);
      const receiptAtHub = new Map(hubStamps.receipts);
      const stage = (f: (id: string, t0: number, accepted: number) => number) => percentiles([...sent].map(([id, s]) => f(id, s.t0, s.accepted))).p50;
      const toRecipient: number[] = [];
      const toReceipt: number[] = [];
      let lastReceipt = start;
      let lastArrival = start;
      for (const [id, s] of sent) {
        const r = receiptAt.get(id);
        const a = arrivedAt.get(id);
        if (r === undefined || a === undefined) throw new Error(`message ${id}: no ${r === undefined ? 'delivery receipt at the sender' : 'arrival at the recipient'}`);
        toReceipt.push(r - s.t0);
        toRecipient.push(a - s.t0);
        lastReceipt = Math.max(lastReceipt, r);
        lastArrival = Math.max(lastArrival, a);
      }
      const sum = (k: keyof typeof children) => cpuAfter[k].reduce((total, after, i) => total + cpuMs(cpuBefore[k][i]!, after), 0) / count;
      const busiest = (k: keyof typeof children) => Math.max(...cpuAfter[k].map((after, i) => {
        const before = cpuBefore[k][i]!;
        const active = after.active - before.active;
        return active / (active + after.idle - before.idle);
      }));
      const seconds = (lastReceipt - start) / 1000;
      return {
        messages: count, seconds, rate: count / seconds, rateToRecipient: count / ((lastArrival - start) / 1000), acceptRate: count / ((lastAccepted - start) / 1000),
        toRecipient: percentiles(toRecipient), toReceipt: percentiles(toReceipt),
        cpu: { hub: sum('hub'), senders: sum('senders'), recipients: sum('recipients'), generator: ownMs / count },
        loopBusy: { hub: busiest('hub'), sender: busiest('senders'), recipient: busiest('recipients') },
        machineBusy: (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total),
        offered: 'rate' in load ? load.rate : undefined,
        hubRequests,
        stages: {
          composed: stage((_, t0, accepted) => accepted - t0),
          atHub: stage((id, t0) => (atHub.get(id) ?? NaN) - t0),
          atRecipient: stage((id, t0) => (arrivedAt.get(id) ?? NaN) - t0),
          receiptAtHub: stage((id, t0) => (receiptAtHub.get(id) ?? NaN) - t0),
          receiptAtSender: stage((id, t0) => (receiptAt.get(id) ?? NaN) - t0),
        },
      };
    };

    log(`[${store}] warming up: ${WARMUP * PAIRS} messages`);
    // As the sustained load runs (--batch, --concurrency), so that the code it runs is compiled before it is measured.
    await run(1024, WARMUP * PAIRS, WARMUP > 20 ? { concurrency: concurrencyOf(1024) } : { concurrency: 4 });
    for (const size of SIZES) {
      const count = countOf(size);
      log(`[${store}] ${label(size)}: ${fmt(count)} messages, ${concurrencyOf(size)} requests in flight${BATCH > 1 && size <= LARGE ? `, ${BATCH} messages a request` : ''}; load average ${loadavg()[0]?.toFixed(2)}`);
      const throughput = await run(size, count, { concurrency: concurrencyOf(size) }, values['cpu-prof']);
      log(`[${store}] ${label(size)}: ${fmt(throughput.rate, 1)} messages/s end to end (${fmt(throughput.acceptRate, 1)}/s into the outbox), in ${fmt(throughput.seconds, 1)} s; hub ${fmt(throughput.cpu?.hub ?? NaN, 2)} ms CPU a message`);
      log(`[${store}] ${label(size)}: hub requests a message: ${Object.entries(throughput.hubRequests ?? {}).map(([path, n]) => `${path} ${fmt(n, 2)}`).join(', ')}`);
      const st = throughput.stages;
      if (st) log(`[${store}] ${label(size)}: median ms from compose to: answered ${fmt(st.composed)}, at the hub ${fmt(st.atHub)}, at the recipient ${fmt(st.atRecipient)}, receipt at the hub ${fmt(st.receiptAtHub)}, at the sender ${fmt(st.receiptAtSender)}`);
      const rate = rateFor(size, throughput.rate);
      log(`[${store}] ${label(size)}: latency at ${rate}/s, ${latencyCountOf(rate)} messages`);
      const latency = await run(size, latencyCountOf(rate), { rate });
      log(`[${store}] ${label(size)}: receipt p50 ${fmt(latency.toReceipt?.p50 ?? NaN, 1)} ms, p99 ${fmt(latency.toReceipt?.p99 ?? NaN, 1)} ms`);
      results.push({ system: 'Blueline', store, size, throughput, latency });
    }
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    pairs.forEach((p) => p.agent.destroy());
    await hub.stop();
    await dropDatabase();
    onInterrupt.delete(dropDatabase);
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}

async function rabbitmq(): Promise<Result[]> {
  const publisher = await amqp.connect(AMQP_URL);
  const consumer = await amqp.connect(AMQP_URL);
  const queue = `blueline-bench-${randomBytes(5).toString('hex')}`;
  const results: Result[] = [];
  const pub = await publisher.createConfirmChannel();
  const deleteQueue = async () => {
    await pub.deleteQueue(queue).catch((e: unknown) => log(`could not delete queue ${queue}: ${String(e)}`));
  };
  onInterrupt.add(deleteQueue);
  try {
    await pub.assertQueue(queue, { durable: true });
    const sub = await consumer.createChannel();
    await sub.prefetch(100);
    const received = new Map<string, number>();
    let expecting: { total: number; resolve: () => void } | undefined;
    await sub.consume(queue, (msg) => {
      if (!msg) return;
      received.set(String(msg.properties.messageId), now());
      sub.ack(msg);
      if (expecting && received.size >= expecting.total) expecting.resolve();
    }, { noAck: false });

    const run = async (size: number, count: number, load: { concurrency: number } | { rate: number }): Promise<Phase> => {
      const body = Buffer.from(alnum(size));
      received.clear();
      const all = new Promise<void>((resolve) => (expecting = { total: count, resolve }));
      const ownBefore = process.cpuUsage();
      const machineBefore = machineCpu();
      const sent = new Map<string, number>();
      const start = now();
      let lastConfirmed = start;
      const tag = randomBytes(3).toString('hex');
      await drive(count, load, async (k) => {
        const id = `${tag}-${k}`;
        const t0 = now();
        sent.set(id, t0);
        await new Promise<void>((resolve, reject) => {
          pub.publish('', queue, body, { persistent: true, messageId: id, contentType: 'application/octet-stream' }, (err) => (err ? reject(new Error(String(err))) : resolve()));
        });
        lastConfirmed = Math.max(lastConfirmed, now());
      });
      await Promise.race([all, sleep(300_000).then(() => Promise.reject(new Error('RabbitMQ: timed out waiting for the consumer')))]);
      const machineAfter = machineCpu();
      const ownMs = cpuMs(ownBefore, process.cpuUsage());
      const latencies = [...sent].map(([id, t0]) => (received.get(id) ?? NaN) - t0);
      const last = Math.max(...received.values());
      const seconds = (last - start) / 1000;
      return {
        messages: count, seconds, rate: count / seconds, rateToRecipient: count / seconds, acceptRate: count / ((lastConfirmed - start) / 1000),
        toRecipient: percentiles(latencies), toReceipt: undefined,
        cpu: { hub: NaN, senders: NaN, recipients: NaN, generator: ownMs / count },
        loopBusy: undefined,
        machineBusy: (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total),
        offered: 'rate' in load ? load.rate : undefined,
        hubRequests: undefined,
        stages: undefined,
      };
    };

    await run(1024, 200, { concurrency: 4 });
    for (const size of SIZES) {
      const count = countOf(size);
      log(`[rabbitmq] ${label(size)}: ${fmt(count)} messages, ${concurrencyOf(size)} in flight`);
      const throughput = await run(size, count, { concurrency: concurrencyOf(size) });
      const rate = latencyRates.get(size) ?? rateFor(size, throughput.rate);
      log(`[rabbitmq] ${label(size)}: ${fmt(throughput.rate, 1)} messages/s; latency at ${rate}/s`);
      const latency = await run(size, latencyCountOf(rate), { rate });
      results.push({ system: 'RabbitMQ', store: 'durable queue', size, throughput, latency });
    }
    await sub.close();
  } finally {
    await deleteQueue();
    onInterrupt.delete(deleteQueue);
    await pub.close().catch(() => undefined);
    await publisher.close().catch(() => undefined);
    await consumer.close().catch(() => undefined);
  }
  return results;
}

function print(results: Result[]): void {
  const peerOf = (size: number) => results.find((r) => r.system === 'RabbitMQ' && r.size === size);
  const ms = (l: Latency | undefined) => (l ? `${fmt(l.p50, 1)} / ${fmt(l.p99, 1)}` : '—');
  console.log(`\nend-to-end messaging benchmark: sizes ${SIZES.map(label).join(', ')}; ${PAIRS} sender → recipient node pair(s); node SQLite synchronous=${NODE_SYNC}; ${BATCH} message(s) per compose request under the sustained load (bodies up to 64 KiB); node ${process.version}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('throughput: a sustained load (compose requests or publishes in flight as shown); latency: an open-loop load at the rate shown\n');
  console.log('| system | hub store | body | messages (in flight) | messages/s | ratio to RabbitMQ | latency at | to recipient p50 / p99 ms | receipt at sender p50 / p99 ms | p99 to recipient ÷ RabbitMQ |');
  console.log('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const peer = r.system === 'Blueline' ? peerOf(r.size) : undefined;
    const ratio = peer ? fmt(r.throughput.rate / peer.throughput.rate, 2) : '—';
    const p99Ratio = peer ? fmt(r.latency.toRecipient.p99 / peer.latency.toRecipient.p99, 1) : '—';
    console.log(`| ${r.system} | ${r.store} | ${label(r.size)} | ${fmt(r.throughput.messages)} (${concurrencyOf(r.size)}) | ${fmt(r.throughput.rate, 1)} | ${ratio} | ${fmt(r.latency.offered ?? NaN)}/s | ${ms(r.latency.toRecipient)} | ${ms(r.latency.toReceipt)} | ${p99Ratio} |`);
  }
  console.log('\nmessages/s: first compose request to the last delivery receipt at the sender (RabbitMQ: first publish to the last consumed). RabbitMQ latency: publish start to the consumer holding it.');
  console.log('\nunder the sustained load:\n');
  console.log('| system | hub store | body | into outbox / confirmed per s | to recipient per s | to recipient p50 / p99 ms | receipt at sender p50 / p99 ms | CPU ms a message: hub / sender node / recipient node / load generator | event loop busy: hub / sender / recipient | hub requests a message | machine CPU busy |');
  console.log('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const t = r.throughput;
    const cpu = r.system === 'Blueline' && t.cpu ? `${fmt(t.cpu.hub, 2)} / ${fmt(t.cpu.senders, 2)} / ${fmt(t.cpu.recipients, 2)} / ${fmt(t.cpu.generator, 2)}` : `— / — / — / ${fmt(t.cpu?.generator ?? NaN, 2)} (broker not counted)`;
    console.log(`| ${r.system} | ${r.store} | ${label(r.size)} | ${fmt(t.acceptRate, 1)} | ${fmt(t.rateToRecipient, 1)} | ${ms(t.toRecipient)} | ${ms(t.toReceipt)} | ${cpu} | ${t.loopBusy ? `${fmt(t.loopBusy.hub * 100)}% / ${fmt(t.loopBusy.sender * 100)}% / ${fmt(t.loopBusy.recipient * 100)}%` : '—'} | ${t.hubRequests ? fmt(Object.values(t.hubRequests).reduce((a, b) => a + b, 0), 2) : '—'} | ${fmt(t.machineBusy * 100)}% |`);
  }
  const staged = results.filter((r) => r.latency.stages);
  if (staged.length > 0) {
    console.log('\nwhere the time goes at the latency rate: median ms from the start of the compose request until…\n');
    console.log('| hub store | body | latency at | compose answered (sealed, in the outbox) | taken up by the hub | decrypted and stored at the recipient | receipt taken up by the hub | receipt at the sender | hub requests a message |');
    console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of staged) {
      const s = r.latency.stages!;
      const requests = Object.values(r.latency.hubRequests ?? {}).reduce((a, b) => a + b, 0);
      console.log(`| ${r.store} | ${label(r.size)} | ${fmt(r.latency.offered ?? NaN)}/s | ${fmt(s.composed, 1)} | ${fmt(s.atHub, 1)} | ${fmt(s.atRecipient, 1)} | ${fmt(s.receiptAtHub, 1)} | ${fmt(s.receiptAtSender, 1)} | ${fmt(requests, 2)} |`);
    }
  }
  const small = results.filter((r) => r.system === 'Blueline' && r.size === 1024);
  if (small.length > 0) {
    console.log('\naims of issue 4 for 1 KiB messages (≥ 2,000 messages/s, p99 ≤ 50 ms):');
    for (const r of small) {
      const p99 = r.latency.toReceipt?.p99 ?? NaN;
      console.log(`- ${r.store}: ${fmt(r.throughput.rate)} messages/s — ${r.throughput.rate >= 2000 ? 'met' : 'not met'}; p99 to recipient ${fmt(r.latency.toRecipient.p99, 1)} ms, to the receipt at the sender ${fmt(p99, 1)} ms at ${fmt(r.latency.offered ?? NaN)}/s — ${p99 <= 50 ? 'met' : r.latency.toRecipient.p99 <= 50 ? 'met to the recipient only' : 'not met'}`);
    }
  }
}

async function main(): Promise<void> {
  checkFlags();
  if (values['cpu-prof']) await mkdir(values['cpu-prof'], { recursive: true });
  const work = await mkdtemp(join(tmpdir(), 'blueline-bench-messaging-'));
  const stopping = () => {
    log('interrupted: cleaning up');
    void Promise.allSettled([...onInterrupt].map((f) => f())).then(() => rm(work, { recursive: true, force: true })).finally(() => process.exit(130));
  };
  process.once('SIGINT', stopping);
  const results: Result[] = [];
  try {
    for (const store of STORES) results.push(...(await blueline(store, work)));
    if (!values['no-peer']) results.push(...(await rabbitmq()));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  print(results);
  if (values['cpu-prof']) log(`CPU profiles of the hub and the nodes during each sustained load: ${values['cpu-prof']}/<store>-<size>-<process>.cpuprofile`);
}

const role = process.env.BLUELINE_BENCH_ROLE;
if (role === 'hub') runHubProcess();
else if (role === 'node') runNodeProcess();
else {
  try {
    await main();
    process.exit(0);
  } catch (error) {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  }
}

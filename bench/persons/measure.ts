/** Percentiles, memory, wrk over HTTP, the data folder's size. */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Category } from './queries.js';
import { gc } from './options.js';

const run = promisify(execFile);

export interface Outcome { category: Category; ms: number; found: boolean | null }

// ---------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}
export const p50 = (xs: readonly number[]): number => percentile(xs, 0.5);
export const p99 = (xs: readonly number[]): number => percentile(xs, 0.99);

export function memory(): { heap: number; rss: number } {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.arrayBuffers, rss: m.rss };
}

export interface WrkResult { rps: number; p50: number; p99: number; requests: number; errors: number }

export async function wrk(url: string, script: string, seconds: number, connections: number): Promise<WrkResult> {
  const dir = await mkdtemp(join(tmpdir(), 'blueline-wrk-'));
  const file = join(dir, 'script.lua');
  await writeFile(file, script);
  try {
    const { stdout } = await run('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '--latency', '-s', file, url], { maxBuffer: 1 << 20 });
    const toMs = (v: string, unit: string): number => Number(v) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);
    const p = (q: string): number => {
      const m = new RegExp(`${q}%\\s+([\\d.]+)(us|ms|s)`).exec(stdout);
      return m ? toMs(m[1]!, m[2]!) : NaN;
    };
    const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
    const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
    const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((s, v) => s + Number(v), 0) : 0);
    return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]), p50: p('50'), p99: p('99'), requests: Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0), errors };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A wrk script posting the query bodies in turn (each connection starts elsewhere in the list). */
export function luaScreening(key: string, bodies: readonly string[]): string {
  const table = bodies.map((b) => `[==[${b}]==]`).join(',\n');
  return `
local bodies = {
${table}
}
local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer ${key}" }
local n = 0
setup = function(thread) end
init = function(args) n = math.random(1, #bodies) end
request = function()
  n = n % #bodies + 1
  return wrk.format("POST", nil, headers, bodies[n])
end
`;
}

export async function folderBytes(path: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    total += entry.isDirectory() ? await folderBytes(full) : (await stat(full)).size;
  }
  return total;
}

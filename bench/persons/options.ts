/** The benchmark's settings (command line and environment) and its small shared helpers. */
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '2000' },
    'http-seconds': { type: 'string', default: '8' },
    'pg-queries': { type: 'string', default: '500' },
    connections: { type: 'string', default: '32' },
    seed: { type: 'string', default: '20261124' },
    'no-peer': { type: 'boolean', default: false },
    'batch-size': { type: 'string' },
    'import-only': { type: 'boolean', default: false },
    data: { type: 'string' },
    // bench/persons/engine.ts only
    out: { type: 'string' },
    repeat: { type: 'string' },
  },
});
export const N = Number(values.persons);
export const QUERIES = Number(values.queries);
export const HTTP_SECONDS = Number(values['http-seconds']);
export const PG_QUERIES = Math.min(QUERIES, Number(values['pg-queries']));
export const CONNECTIONS = Number(values.connections);
export const SEED = Number(values.seed) >>> 0;
export const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const log = (line: string): void => { process.stderr.write(`${line}\n`); };
export const started = performance.now();
export const elapsed = (): string => `${fmt((performance.now() - started) / 1000, 0)} s`;

setFlagsFromString('--expose-gc');
export const gc = ((globalThis as { gc?: () => void }).gc ?? runInNewContext('gc')) as () => void;
export const MiB = 2 ** 20;

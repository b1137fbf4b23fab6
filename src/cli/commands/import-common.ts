import { existsSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { AuditLog } from '../../audit/log.js';
import { NatsBus } from '../../bus/nats-bus.js';
import type { Config } from '../../config/settings.js';
import { systemClock } from '../../core/clock.js';
import { loadSigningKey } from '../../crypto/signing-key.js';
import { ImportFileError } from '../../documents/import/csv.js';
import { MAX_REPORTED_ERRORS, type ImportProgress, type ImportSummary } from '../../documents/import/importer.js';
import { hubFiles } from '../../hub/data-dir.js';
import { isMemberCountryCode } from '../../registry/countries.js';
import { organisationStore } from '../../registry/organisations/store.js';
import type { Database } from '../../storage/database.js';
import { openDatabase } from '../../storage/open.js';
import { HUB_OPTIONS, UsageError } from '../args.js';
import { NotInitialisedError } from '../errors.js';

const OPTIONS = { ...HUB_OPTIONS, country: { type: 'string' }, format: { type: 'string' } } as const;
const FORMATS = { '.csv': 'csv', '.ndjson': 'ndjson', '.jsonl': 'ndjson' } as const;
export type Format = 'csv' | 'ndjson';

export function parseImportArgs(rest: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('name one FILE to import ("-" reads standard input)');
  return { values, file };
}

export function formatOf(file: string, given: string | undefined): Format {
  if (given !== undefined) {
    if (given !== 'csv' && given !== 'ndjson') throw new UsageError(`--format is csv or ndjson, not "${given}"`);
    return given;
  }
  if (file === '-') throw new UsageError('reading standard input: say --format csv or --format ndjson');
  const format = FORMATS[extname(file).toLowerCase() as keyof typeof FORMATS] as Format | undefined;
  if (!format) throw new UsageError(`cannot tell the format of ${file} from its name (.csv, .ndjson, .jsonl); give --format csv or --format ndjson`);
  return format;
}

export const number = (n: number) => Math.round(n).toLocaleString('en');

/**
 * The progress line on the terminal (stderr, so stdout stays the summary): on
 * a terminal one line rewritten at most five times a second; otherwise (a log
 * file, CI) a plain line every ten seconds.
 */
export class ProgressLine {
  private readonly tty: boolean;
  private readonly interval: number;
  private readonly started = performance.now();
  private last = 0;
  private shown = false;

  constructor(private readonly stream: NodeJS.WriteStream) {
    this.tty = stream.isTTY === true;
    this.interval = this.tty ? 200 : 10_000;
    this.last = this.started;
  }

  update(p: ImportProgress): void {
    const now = performance.now();
    if (now - this.last < this.interval) return;
    this.last = now;
    const rate = p.read / Math.max((now - this.started) / 1000, 1e-3);
    const text = `${number(p.read)} rows, ${number(rate)} rows/s, ${number(p.imported)} imported, ${number(p.duplicates)} already present, ${number(p.invalid)} errors (line ${number(p.line)})`;
    this.stream.write(this.tty ? `\r${text}\x1b[K` : `${text}\n`);
    this.shown = true;
  }

  end(): void {
    if (this.tty && this.shown) this.stream.write('\r\x1b[K');
  }
}

export function reportSummary(summary: ImportSummary, file: string, seconds: number, owner: string, out: (line: string) => void): void {
  for (const e of summary.errors) out(`line ${e.line}: ${e.code}: ${e.message}`);
  if (summary.invalid > summary.errors.length) out(`… and ${number(summary.invalid - summary.errors.length)} more invalid rows (only the first ${number(MAX_REPORTED_ERRORS)} are listed)`);
  out(`Read ${number(summary.read)} rows from ${file} in ${seconds.toFixed(1)} s (${number(summary.read / Math.max(seconds, 1e-3))} rows/s) for ${owner}:`);
  out(`  imported            ${number(summary.imported)}`);
  out(`  already present     ${number(summary.duplicates)} (skipped: a re-run or a repeated row)`);
  out(`  invalid             ${number(summary.invalid)}${summary.invalid > 0 ? ' (listed above with their line numbers; fix them and run the file again)' : ''}`);
}

/** --country: an INTERPOL member's ISO alpha-2 code, in capitals. */
export function countryFlag(value: string): string {
  const country = value.trim().toUpperCase();
  if (!isMemberCountryCode(country)) throw new UsageError(`--country ${value} is not an INTERPOL member country's ISO 3166 alpha-2 code`);
  return country;
}

export interface ImportRun {
  file: string;
  /** Who owns what is imported, as the summary names it. */
  owner: string;
  /** Said after the summary when something was imported and no hub was told (no NATS bus). */
  unannounced: string;
  out: (line: string) => void;
}

/**
 * Runs an import with a progress line, reports its summary, and answers the
 * exit code: 0 all imported, 1 some rows invalid, 2 the file itself unreadable
 * (nothing imported). Closes the target whatever happens.
 */
export async function runImport(target: ImportTarget, run: ImportRun, importer: (onProgress: (p: ImportProgress) => void) => Promise<ImportSummary>): Promise<number> {
  const name = run.file === '-' ? 'standard input' : run.file;
  try {
    const progress = new ProgressLine(process.stderr);
    const started = performance.now();
    let summary: ImportSummary;
    try {
      summary = await importer((p) => progress.update(p));
    } catch (error) {
      progress.end();
      if (!(error instanceof ImportFileError)) throw error;
      process.stderr.write(`blueline: ${name}: ${error.message}\nNothing was imported.\n`);
      return 2;
    }
    progress.end();
    reportSummary(summary, name, (performance.now() - started) / 1000, run.owner, run.out);
    if (summary.imported > 0 && !target.bus) run.out(run.unannounced);
    return summary.invalid > 0 ? 1 : 0;
  } finally {
    await target.close();
  }
}

export interface ImportTarget {
  database: Database;
  audit: AuditLog;
  bus: NatsBus | undefined;
  /** `undefined` for standard input. */
  handle: FileHandle | undefined;
  input: AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

/** Opens what an import writes to (the hub's database, its audit log, the NATS bus if set) and the file it reads. */
export async function openImportTarget(config: Config, file: string): Promise<ImportTarget> {
  const files = hubFiles(config.dataDir);
  if (!existsSync(files.signingKey)) throw new NotInitialisedError(`${config.dataDir} holds no hub; run "blueline hub init" first`);
  const signingKey = await loadSigningKey(files.signingKey);
  let handle: FileHandle | undefined;
  if (file !== '-') {
    try {
      handle = await open(file, 'r');
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
    }
  }
  const database = await openDatabase(config).catch(async (error: unknown) => {
    await handle?.close();
    throw error;
  });
  let bus: NatsBus | undefined;
  const close = async () => {
    await bus?.close();
    await handle?.close();
    await database.close();
  };
  try {
    if (!(await organisationStore.hub(database.db))) throw new NotInitialisedError('the database holds no hub organisation; was it initialised with another DATABASE_URL?');
    if (database.dialect === 'sqlite') {
      // This connection is the import's own. Random keys touch pages all over every index, and each
      // WAL checkpoint copies them back; checkpointing every 64 MiB of WAL instead of every 4 MiB
      // copies each hot page once rather than many times. Commits are still synced as configured.
      await sql`pragma wal_autocheckpoint = 16384`.execute(database.db);
    }
    const audit = new AuditLog(database, systemClock, { origin: config.auditOrigin, privateKey: signingKey.privateKey });
    bus = config.natsUrl ? await NatsBus.connect({ url: config.natsUrl }) : undefined;
    const input: AsyncIterable<Uint8Array> = handle ? handle.createReadStream({ highWaterMark: 1 << 20 }) : process.stdin;
    return { database, audit, bus, handle, input, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The NCB of a country, able to own records. */
export async function ownerNcb(database: Database, country: string): Promise<{ id: string; name: string }> {
  const ncb = await organisationStore.ncbOf(database.db, country);
  if (!ncb) throw new UsageError(`${country} has no NCB in this hub`);
  if (ncb.status === 'suspended') throw new UsageError(`the NCB of ${country} is suspended; it cannot report records`);
  return ncb;
}

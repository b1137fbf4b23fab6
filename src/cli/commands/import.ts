import { existsSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { AuditLog } from '../../audit/log.js';
import { loadConfig } from '../../config/load.js';
import { systemClock } from '../../core/clock.js';
import { loadSigningKey } from '../../crypto/signing-key.js';
import { csvDocuments, csvFieldName } from '../../documents/import/columns.js';
import { ImportFileError } from '../../documents/import/csv.js';
import { importDocuments, MAX_REPORTED_ERRORS, type ImportProgress, type ImportSummary } from '../../documents/import/importer.js';
import { ndjsonDocuments } from '../../documents/import/ndjson.js';
import { hubFiles } from '../../hub/data-dir.js';
import { isMemberCountryCode } from '../../registry/countries.js';
import { organisationStore } from '../../registry/organisations/store.js';
import { openDatabase } from '../../storage/open.js';
import type { EventBus } from '../../bus/bus.js';
import { NatsBus } from '../../bus/nats-bus.js';
import { DOCUMENT_CHANGE_TOPIC, indexedRange, type DocumentChange, type IndexedRange } from '../../documents/no-hit-index.js';
import type { TravelDocumentRow } from '../../storage/schema.js';
import { HUB_OPTIONS, UsageError } from '../args.js';
import { NotInitialisedError } from '../errors.js';

const OPTIONS = { ...HUB_OPTIONS, country: { type: 'string' }, format: { type: 'string' } } as const;
const FORMATS = { '.csv': 'csv', '.ndjson': 'ndjson', '.jsonl': 'ndjson' } as const;
type Format = 'csv' | 'ndjson';

const number = (n: number) => Math.round(n).toLocaleString('en');

/**
 * The progress line on the terminal (stderr, so stdout stays the summary): on
 * a terminal one line rewritten at most five times a second; otherwise (a log
 * file, CI) a plain line every ten seconds.
 */
class ProgressLine {
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

function formatOf(file: string, given: string | undefined): Format {
  if (given !== undefined) {
    if (given !== 'csv' && given !== 'ndjson') throw new UsageError(`--format is csv or ndjson, not "${given}"`);
    return given;
  }
  if (file === '-') throw new UsageError('reading standard input: say --format csv or --format ndjson');
  const format = FORMATS[extname(file).toLowerCase() as keyof typeof FORMATS] as Format | undefined;
  if (!format) throw new UsageError(`cannot tell the format of ${file} from its name (.csv, .ndjson, .jsonl); give --format csv or --format ndjson`);
  return format;
}

function report(summary: ImportSummary, file: string, seconds: number, owner: string, announced: boolean, out: (line: string) => void): void {
  for (const e of summary.errors) out(`line ${e.line}: ${e.code}: ${e.message}`);
  if (summary.invalid > summary.errors.length) out(`… and ${number(summary.invalid - summary.errors.length)} more invalid rows (only the first ${number(MAX_REPORTED_ERRORS)} are listed)`);
  out(`Read ${number(summary.read)} rows from ${file} in ${seconds.toFixed(1)} s (${number(summary.read / Math.max(seconds, 1e-3))} rows/s) for ${owner}:`);
  out(`  imported            ${number(summary.imported)}`);
  out(`  already present     ${number(summary.duplicates)} (skipped: a re-run or a repeated row)`);
  out(`  invalid             ${number(summary.invalid)}${summary.invalid > 0 ? ' (listed above with their line numbers; fix them and run the file again)' : ''}`);
  if (summary.imported > 0 && !announced) out('A running hub does not find these records until it is restarted: it builds its search index when it starts (with BLUELINE_NATS_URL set, hubs are told at once).');
}

/** blueline import documents FILE --country CC: see IMPORT_HELP. */
export async function importCommand(args: string[], out: (line: string) => void): Promise<number> {
  const [what, ...rest] = args;
  if (what !== 'documents') throw new UsageError(what === undefined ? 'say what to import: blueline import documents FILE --country CC' : `cannot import "${what}"; only "documents" (try blueline import --help)`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('name one FILE to import ("-" reads standard input)');
  if (values.country === undefined) throw new UsageError('--country is required: the ISO 3166 alpha-2 code of the member country that owns the records (GB)');
  const country = values.country.trim().toUpperCase();
  if (!isMemberCountryCode(country)) throw new UsageError(`--country ${values.country} is not an INTERPOL member country's ISO 3166 alpha-2 code`);
  const format = formatOf(file, values.format);

  const config = loadConfig({ file: values.config, overrides: { dataDir: values['data-dir'] } });
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

  let bus: NatsBus | undefined;
  const database = await openDatabase(config).catch(async (error: unknown) => {
    await handle?.close();
    throw error;
  });
  try {
    if (!(await organisationStore.hub(database.db))) throw new NotInitialisedError('the database holds no hub organisation; was it initialised with another DATABASE_URL?');
    const ncb = await organisationStore.ncbOf(database.db, country);
    if (!ncb) throw new UsageError(`${country} has no NCB in this hub`);
    if (ncb.status === 'suspended') throw new UsageError(`the NCB of ${country} is suspended; it cannot report records`);
    if (database.dialect === 'sqlite') {
      // This connection is the import's own. Random keys (record ids, numbers) touch pages all over
      // every index, and each WAL checkpoint copies them back; checkpointing every 64 MiB of WAL
      // instead of every 4 MiB copies each hot page once rather than many times (measured: a
      // quarter to a third faster). Durability is unchanged: commits are synced as configured.
      await sql`pragma wal_autocheckpoint = 16384`.execute(database.db);
    }
    const audit = new AuditLog(database, systemClock, { origin: config.auditOrigin, privateKey: signingKey.privateKey });
    bus = config.natsUrl ? await NatsBus.connect({ url: config.natsUrl }) : undefined;
    const input: AsyncIterable<Uint8Array> = handle ? handle.createReadStream({ highWaterMark: 1 << 20 }) : process.stdin;
    const progress = new ProgressLine(process.stderr);
    const started = performance.now();
    let summary: ImportSummary;
    try {
      summary = await importDocuments({
        database,
        audit,
        clock: systemClock,
        owner: { ncbId: ncb.id, country },
        source: format === 'csv' ? csvDocuments(input) : ndjsonDocuments(input),
        onProgress: (p) => progress.update(p),
        // Hubs sharing the NATS bus learn of each committed batch at once; without it they see the records at their next start.
        ...(bus ? { onImported: announcer(bus) } : {}),
        ...(format === 'csv' ? { fieldName: csvFieldName } : {}),
      });
    } catch (error) {
      progress.end();
      if (!(error instanceof ImportFileError)) throw error;
      process.stderr.write(`blueline: ${file === '-' ? 'standard input' : file}: ${error.message}\nNothing was imported.\n`);
      return 2;
    }
    progress.end();
    const owner = `${ncb.name} (${country})`;
    report(summary, file === '-' ? 'standard input' : file, (performance.now() - started) / 1000, owner, bus !== undefined, out);
    return summary.invalid > 0 ? 1 : 0;
  } finally {
    await bus?.close();
    await handle?.close();
    await database.close();
  }
}

/** Tells the hubs on the bus of each committed batch, so their indexes find the records at once. */
function announcer(bus: EventBus): (rows: readonly TravelDocumentRow[]) => Promise<void> {
  return async (rows) => {
    const ranges = rows.map(indexedRange).filter((r): r is IndexedRange => r !== null);
    await bus.publish(DOCUMENT_CHANGE_TOPIC, { addedMany: rows.flatMap((r) => (r.ocr_key ? [r.ocr_key] : [])), ranges } satisfies DocumentChange);
  };
}

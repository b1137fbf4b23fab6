/**
 * Bulk import of travel-document records (millions of rows) for one owning
 * country, from any source of parsed lines (CSV: `columns.ts`, NDJSON:
 * `ndjson.ts`).
 *
 * - Streaming, in bounded memory: lines are pulled one at a time and written
 *   in batches of {@link IMPORT_BATCH_SIZE}; nothing grows with the file but
 *   the counters and the first {@link MAX_REPORTED_ERRORS} errors.
 * - A bad row never aborts the good ones and is never half-written: each row
 *   is checked in full (the API's schema, then `validateNewDocument`) before
 *   anything is inserted, and is inserted whole or not at all. Should a
 *   batch's transaction fail anyway (a record created meanwhile by the API, a
 *   constraint nobody checks for in advance), the batch is retried row by row,
 *   each row behind its own savepoint, so one bad row cannot sink the others.
 * - Idempotent: a row whose owner country, issuing state and number (or blank
 *   range) is already an active record counts as a duplicate and is skipped,
 *   and so is the second of two equal rows in one file. Re-running a file, or
 *   the rest of a file after an interruption, imports only what is missing.
 *   Duplicates are found for a whole batch in one query per kind, not row by
 *   row; earlier batches are committed, so a duplicate far apart in the file
 *   is found in the database like any other.
 *
 * A running hub builds its no-hit index at start: it learns of the records
 * imported by another process when it restarts. An in-process caller can pass
 * `onImported` and announce each committed batch (`DOCUMENT_CHANGE_TOPIC`).
 */
import { createHash } from 'node:crypto';
import { CompiledQuery, sql } from 'kysely';
import { Compile } from 'typebox/compile';
import { importPrincipal, type ImportOwner } from '../../access/import-principal.js';
import { schemaProblems } from '../../core/schema-problems.js';
export type { ImportOwner } from '../../access/import-principal.js';
import type { AuditLog } from '../../audit/log.js';
import type { Clock } from '../../core/clock.js';
import { isAppError, type FieldError } from '../../core/errors.js';
import type { Database, Dialect, Executor, Tx } from '../../storage/database.js';
import type { TravelDocumentRow } from '../../storage/schema.js';
import { CreateDocumentBody } from '../schema.js';
import { documentStore, rowFromInput } from '../store.js';
import { validateNewDocument, type DocumentInput } from '../validate.js';

/** One line (or CSV record) of an import file: a request body to check, or why it could not be read. */
export type ParsedLine = { line: number; body: unknown } | { line: number; error: { code: string; message: string } };


export interface ImportRowError {
  line: number;
  code: string;
  message: string;
}

export interface ImportProgress {
  read: number;
  imported: number;
  duplicates: number;
  invalid: number;
  /** The last line read. */
  line: number;
}

export interface ImportSummary {
  /** Records read (lines of NDJSON, records of CSV after the header), good or bad. */
  read: number;
  /** Records created. */
  imported: number;
  /** Rows already active for the owner (a re-run), or repeated in the file: skipped. */
  duplicates: number;
  /** Rows refused; the first {@link MAX_REPORTED_ERRORS} are in `errors`. */
  invalid: number;
  errors: ImportRowError[];
}

export interface ImportOptions {
  database: Database;
  audit: AuditLog;
  clock: Clock;
  owner: ImportOwner;
  source: AsyncIterable<ParsedLine>;
  /** Called after each batch. */
  onProgress?: (progress: ImportProgress) => void;
  /** Called with each batch's new records once they are committed (e.g. to update a running index). */
  onImported?: (rows: readonly TravelDocumentRow[]) => void | Promise<void>;
  /** How a field is named in error messages (CSV: its column); default the JSON pointer, e.g. `/range/to`; '' for the whole record. */
  fieldName?: (pointer: string) => string;
  batchSize?: number;
}

/**
 * Rows per transaction. Measured on SQLite (200,000 rows, 2 cores): 2,000 →
 * 11,000 rows/s, 5,000 → 14,000, 10,000 → 14,700. Larger batches spread each
 * commit's rewrite of the index pages the batch touched over more rows; but a
 * batch holds SQLite's write lock for its whole transaction (≈ 0.3 s here),
 * and a running hub's writes (every search's audit entry) wait for it.
 */
export const IMPORT_BATCH_SIZE = 5000;
export const MAX_REPORTED_ERRORS = 1000;
export const IMPORT_ACTION = 'documents.import';

// ---------------------------------------------------------------------------
// Checking a row

const checkBody = Compile(CreateDocumentBody);
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const COUNTRY_PATTERN = '^[A-Z]{2}$';

/** The patterns of a record's fields, in words. */
function patternWords(pattern: string, value: unknown): string | undefined {
  if (pattern === DATE_PATTERN) return `${JSON.stringify(value)} is not a date written YYYY-MM-DD`;
  if (pattern === COUNTRY_PATTERN) return `${JSON.stringify(value)} is not an ISO 3166 alpha-2 country code in capitals (FR)`;
  return undefined;
}

function describeProblems(problems: readonly FieldError[], fieldName: (pointer: string) => string): string {
  return problems.map((p) => {
    const name = fieldName(p.pointer);
    return name === '' ? p.message : `${name}: ${p.message}`;
  }).join('; ');
}

/** `/body/range/to` → `/range/to`; the record as a whole → '' (the message stands alone). */
const defaultFieldName = (pointer: string) => pointer.replace(/^\/body/, '');

/** A checked record, with the key that makes it a duplicate; it becomes a row only if it is new. */
interface Candidate {
  line: number;
  input: DocumentInput;
  key: string;
}

/** A row to insert, and the line it came from. */
interface NewRow {
  line: number;
  row: TravelDocumentRow;
}

function inputKey(input: DocumentInput): string {
  return input.range
    ? `r|${input.issuingState}|${input.range.prefix}|${input.range.digits}|${input.range.first}|${input.range.last}`
    : `s|${input.issuingState}|${input.single?.number ?? ''}`;
}

function duplicateKey(row: Pick<TravelDocumentRow, 'kind' | 'issuing_state' | 'number' | 'range_prefix' | 'range_digits' | 'range_first' | 'range_last'>): string {
  // The same identity as documentStore.findDuplicate and the unique indexes (owner country aside: one
  // owner per import), and the same text as inputKey.
  return row.kind === 'single'
    ? `s|${row.issuing_state}|${row.number}`
    : `r|${row.issuing_state}|${row.range_prefix}|${row.range_digits}|${row.range_first}|${row.range_last}`;
}

// ---------------------------------------------------------------------------
// Writing rows

const INSERT_COLUMNS = [
  'id', 'kind', 'owner_org_id', 'owner_country', 'issuing_state', 'document_type', 'status', 'number', 'ocr_key',
  'range_prefix', 'range_first', 'range_last', 'range_digits', 'event_date', 'event_place', 'circumstances',
  'holder_name', 'holder_birth_date', 'holder_nationality', 'issued_on', 'expires_on', 'review_date', 'visibility',
  'visible_to', 'state', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by', 'cancelled_at',
] as const satisfies readonly (keyof TravelDocumentRow)[];
// Fails to compile if a column is added to the table and not here.
const _everyColumn: [Exclude<keyof TravelDocumentRow, (typeof INSERT_COLUMNS)[number]>] extends [never] ? true : never = true;

/** Rows per INSERT statement: 500 × 31 parameters stays under SQLite's 32,766 and PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 500;
const insertTexts = new Map<string, string>();

/**
 * The multi-row INSERT for `rows` rows, built once per size and dialect:
 * Kysely's query builder costs more than the insert itself at this volume,
 * and the same text lets SQLite reuse its prepared statement.
 */
function insertText(dialect: Dialect, rows: number): string {
  const cacheKey = `${dialect}:${rows}`;
  let text = insertTexts.get(cacheKey);
  if (!text) {
    const width = INSERT_COLUMNS.length;
    const tuples: string[] = [];
    for (let r = 0; r < rows; r++) {
      const marks = dialect === 'postgres' ? INSERT_COLUMNS.map((_c, i) => `$${r * width + i + 1}`) : INSERT_COLUMNS.map(() => '?');
      tuples.push(`(${marks.join(',')})`);
    }
    text = `insert into travel_documents (${INSERT_COLUMNS.join(', ')}) values ${tuples.join(',')}`;
    insertTexts.set(cacheKey, text);
  }
  return text;
}

async function insertRows(trx: Tx, dialect: Dialect, rows: readonly TravelDocumentRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const parameters: unknown[] = [];
    for (const row of chunk) for (const column of INSERT_COLUMNS) parameters.push(row[column]);
    await trx.executeQuery(CompiledQuery.raw(insertText(dialect, chunk.length), parameters));
  }
}

/**
 * The active records among `rows`' identities, by duplicate key: two queries
 * per batch at most. Each disjunct names the owner country, the issuing state
 * and the numbers (or blank prefixes), so that it is a lookup in the unique
 * index of its kind; with the owner country outside the disjunction SQLite
 * scans every record of the owner instead, and a large import slows to a crawl.
 */
async function activeKeys(db: Executor, country: string, rows: readonly Candidate[]): Promise<Set<string>> {
  const found = new Set<string>();
  const numbersByState = new Map<string, string[]>();
  const prefixesByState = new Map<string, Set<string>>();
  for (const { input } of rows) {
    if (input.single) {
      const numbers = numbersByState.get(input.issuingState) ?? [];
      numbers.push(input.single.number);
      numbersByState.set(input.issuingState, numbers);
    } else if (input.range) {
      const prefixes = prefixesByState.get(input.issuingState) ?? new Set<string>();
      prefixes.add(input.range.prefix);
      prefixesByState.set(input.issuingState, prefixes);
    }
  }
  const columns = ['kind', 'issuing_state', 'number', 'range_prefix', 'range_digits', 'range_first', 'range_last'] as const;
  // A batch of the default size is one query; a larger one is cut to stay under the databases' parameter limits.
  for (const group of parameterChunks(numbersByState)) {
    const existing = await db
      .selectFrom('travel_documents')
      .select(columns)
      .where('state', '=', 'active')
      .where((eb) => eb.or(group.map(([state, numbers]) =>
        eb.and([eb('owner_country', '=', country), eb('issuing_state', '=', state), eb('number', 'in', numbers)]))))
      .execute();
    for (const row of existing) found.add(duplicateKey(row));
  }
  for (const group of parameterChunks(new Map([...prefixesByState].map(([state, prefixes]) => [state, [...prefixes]])))) {
    const existing = await db
      .selectFrom('travel_documents')
      .select(columns)
      .where('kind', '=', 'range')
      .where('state', '=', 'active')
      .where((eb) => eb.or(group.map(([state, prefixes]) =>
        eb.and([eb('owner_country', '=', country), eb('issuing_state', '=', state), eb('range_prefix', 'in', prefixes)]))))
      .execute();
    for (const row of existing) found.add(duplicateKey(row));
  }
  return found;
}

const VALUES_PER_QUERY = 10_000;

/** Groups of (state, values) holding at most VALUES_PER_QUERY values in all. */
function* parameterChunks(byState: ReadonlyMap<string, string[]>): Generator<[string, string[]][]> {
  let group: [string, string[]][] = [];
  let size = 0;
  for (const [state, values] of byState) {
    for (let i = 0; i < values.length; i += VALUES_PER_QUERY) {
      const part = values.slice(i, i + VALUES_PER_QUERY);
      if (size + part.length > VALUES_PER_QUERY && group.length > 0) {
        yield group;
        group = [];
        size = 0;
      }
      group.push([state, part]);
      size += part.length;
    }
  }
  if (group.length > 0) yield group;
}

/** A failure that belongs to one row (a constraint, a value the column refuses), as opposed to the database failing. */
function isRowFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  // SQLite: SQLITE_CONSTRAINT_UNIQUE, _CHECK, _NOTNULL …; PostgreSQL: class 22 (data exception), 23 (integrity constraint).
  return code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG' || /^2[23][0-9A-Z]{3}$/.test(code);
}

// ---------------------------------------------------------------------------

interface Batch {
  firstLine: number;
  lastLine: number;
  items: number;
  duplicates: number;
  invalid: number;
  candidates: Candidate[];
  now: string;
}

interface BatchOutcome {
  inserted: NewRow[];
  duplicates: number;
  failures: ImportRowError[];
}

export async function importDocuments(options: ImportOptions): Promise<ImportSummary> {
  const { database, audit, clock, owner, source } = options;
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  const fieldName = options.fieldName ?? defaultFieldName;
  const actor = importPrincipal(owner, 'documents:write');
  const summary: ImportSummary = { read: 0, imported: 0, duplicates: 0, invalid: 0, errors: [] };
  const fail = (batch: Batch, e: ImportRowError) => {
    batch.invalid++;
    summary.invalid++;
    if (summary.errors.length < MAX_REPORTED_ERRORS) summary.errors.push(e);
  };

  /**
   * One audit entry per batch, not per row, in the batch's transaction: at
   * 128 million records an entry per row would double the work and size of
   * the import in the audit log (a leaf and its tree nodes per record) for no
   * more accountability. The entry names who imported for which country, the
   * lines, the counts, and a SHA-256 over the batch's record ids (sorted,
   * joined by newlines), so the exact set of records it created can be
   * checked against the table later; each record also carries the importer
   * as created_by and the batch's time as created_at.
   */
  const auditBatch = async (trx: Tx, batch: Batch, inserted: readonly NewRow[], duplicates: number, invalid: number) => {
    if (inserted.length === 0) return;
    const ids = inserted.map((c) => c.row.id).sort();
    await audit.record(trx, actor, {
      action: IMPORT_ACTION,
      resourceType: 'travel_document',
      resourceId: null,
      details: {
        ownerCountry: owner.country,
        lines: { first: batch.firstLine, last: batch.lastLine },
        count: inserted.length,
        duplicates,
        invalid,
        createdAt: batch.now,
        idsSha256: createHash('sha256').update(ids.join('\n')).digest('hex'),
      },
    });
  };

  /** The whole batch in one transaction: the normal path. */
  const writeAll = async (batch: Batch, rows: NewRow[]): Promise<BatchOutcome> =>
    database.transaction(async (trx) => {
      await insertRows(trx, database.dialect, rows.map((c) => c.row));
      await auditBatch(trx, batch, rows, batch.duplicates, batch.invalid);
      return { inserted: rows, duplicates: 0, failures: [] };
    });

  /** After the batch failed: row by row, each behind a savepoint, in one transaction with one audit entry. */
  const writeEach = async (batch: Batch, rows: NewRow[]): Promise<BatchOutcome> =>
    database.transaction(async (trx) => {
      const outcome: BatchOutcome = { inserted: [], duplicates: 0, failures: [] };
      for (const candidate of rows) {
        await sql`savepoint import_row`.execute(trx);
        try {
          await insertRows(trx, database.dialect, [candidate.row]);
          await sql`release savepoint import_row`.execute(trx);
          outcome.inserted.push(candidate);
        } catch (error) {
          await sql`rollback to savepoint import_row`.execute(trx);
          await sql`release savepoint import_row`.execute(trx);
          if (!isRowFailure(error)) throw error;
          if (await documentStore.findDuplicate(trx, candidate.row)) {
            outcome.duplicates++; // created meanwhile, by the API or another import
            continue;
          }
          const taken = candidate.row.kind === 'range'
            ? await trx.selectFrom('travel_documents').select(['id', 'state']).where('owner_country', '=', owner.country).where('issuing_state', '=', candidate.row.issuing_state)
              .where('range_prefix', '=', candidate.row.range_prefix).where('range_digits', '=', candidate.row.range_digits).where('range_first', '=', candidate.row.range_first).where('range_last', '=', candidate.row.range_last).executeTakeFirst()
            : undefined;
          outcome.failures.push({
            line: candidate.line,
            code: 'document.conflict',
            message: taken
              ? `the database refuses the range: the ${taken.state} record ${taken.id} holds the same serials`
              : `the database refuses the row: ${(error as Error).message}`,
          });
        }
      }
      await auditBatch(trx, batch, outcome.inserted, batch.duplicates + outcome.duplicates, batch.invalid + outcome.failures.length);
      return outcome;
    });

  const flush = async (batch: Batch): Promise<void> => {
    const fresh: Candidate[] = [];
    const seen = new Set<string>();
    for (const c of batch.candidates) {
      if (seen.has(c.key)) {
        batch.duplicates++;
      } else {
        seen.add(c.key);
        fresh.push(c);
      }
    }
    // Read outside the write transaction: on SQLite a transaction that reads first and then writes
    // cannot wait for another writer; a record created between the two is caught by writeEach.
    const active = fresh.length === 0 ? new Set<string>() : await activeKeys(database.db, owner.country, fresh);
    const ownerRef = { orgId: owner.ncbId, country: owner.country };
    const rows = fresh.filter((c) => !active.has(c.key)).map((c) => ({ line: c.line, row: rowFromInput(c.input, ownerRef, actor.id, batch.now) }));
    batch.duplicates += fresh.length - rows.length;
    let outcome: BatchOutcome = { inserted: [], duplicates: 0, failures: [] };
    if (rows.length > 0) {
      try {
        outcome = await writeAll(batch, rows);
      } catch {
        // Whatever failed, the row-by-row pass either isolates the row or fails the same way and stops the import.
        outcome = await writeEach(batch, rows);
      }
    }
    summary.duplicates += batch.duplicates + outcome.duplicates;
    summary.imported += outcome.inserted.length;
    for (const f of outcome.failures) fail(batch, f);
    if (outcome.inserted.length > 0) await options.onImported?.(outcome.inserted.map((c) => c.row));
    options.onProgress?.({ read: summary.read, imported: summary.imported, duplicates: summary.duplicates, invalid: summary.invalid, line: batch.lastLine });
  };

  let batch: Batch | null = null;
  for await (const item of source) {
    if (!batch) {
      const now = clock.now().toISOString();
      batch = { firstLine: item.line, lastLine: item.line, items: 0, duplicates: 0, invalid: 0, candidates: [], now };
    }
    summary.read++;
    batch.items++;
    batch.lastLine = item.line;
    if ('error' in item) {
      fail(batch, { line: item.line, code: item.error.code, message: item.error.message });
    } else {
      const candidate = checkRow(item.line, item.body, batch.now, fieldName);
      if ('input' in candidate) batch.candidates.push(candidate);
      else fail(batch, candidate);
    }
    if (batch.items >= batchSize) {
      await flush(batch);
      batch = null;
    }
  }
  if (batch) await flush(batch);
  // A batch's database refusals are found after its other errors: put them back in line order.
  summary.errors.sort((a, b) => a.line - b.line);
  return summary;
}

/** Checks one body in full; answers the checked record or the error for its line. */
function checkRow(line: number, body: unknown, now: string, fieldName: (pointer: string) => string): Candidate | ImportRowError {
  if (!checkBody.Check(body)) {
    const problems = schemaProblems(checkBody.Errors(body), body, { unknownField: 'is not a field of a record', pattern: patternWords });
    return { line, code: 'document.invalid', message: problems.length > 0 ? describeProblems(problems, fieldName) : 'not a travel document record' };
  }
  try {
    const input = validateNewDocument(body, now.slice(0, 10));
    return { line, input, key: inputKey(input) };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { line, code: error.code, message: error.errors ? describeProblems(error.errors, fieldName) : error.message };
  }
}

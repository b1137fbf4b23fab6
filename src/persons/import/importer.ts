/**
 * Bulk import of person records (an NCB's nominal data, millions of rows),
 * the persons' counterpart of documents/import/importer.ts and built the same
 * way:
 *
 * - Streaming, in bounded memory, in batches of {@link PERSON_BATCH_SIZE}.
 * - Each row checked in full as the API checks it (line.ts) before anything
 *   is written; a bad row is reported by line with a stable code and never
 *   stops the others; a row is inserted whole or not at all. A batch that
 *   fails to commit is retried row by row behind savepoints.
 * - Idempotent through the owner's own `reference`: a reference the owner
 *   country already holds with the same content (a re-run, or the rest of a
 *   file after an interruption) is skipped as already present; under the same
 *   reference, different content is refused (`person.reference_conflict`),
 *   whether the first came from this file or an earlier run.
 * - One audit entry per committed batch and owner (lines, count, index keys,
 *   a digest of the ids), never the particulars.
 *
 * A running hub's name index learns of the records through `onImported`
 * (announce.ts puts them on the bus).
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { importPrincipal, type ImportOwner } from '../../access/import-principal.js';
export type { ImportOwner } from '../../access/import-principal.js';
import { recordPolicy } from '../../access/policies.js';
import type { AuditLog } from '../../audit/log.js';
import type { Clock } from '../../core/clock.js';
import { isAppError } from '../../core/errors.js';
import { MAX_REPORTED_ERRORS, type ImportProgress, type ImportRowError, type ImportSummary, type ParsedLine } from '../../documents/import/importer.js';
import { isMemberCountryCode } from '../../registry/countries.js';
import { organisationStore } from '../../registry/organisations/store.js';
import type { Database, Tx } from '../../storage/database.js';
import type { NewPerson, PersonRow } from '../../storage/schema.js';
import { newPersonIds, newPersonRow, personStore } from '../store.js';
import type { PersonInput } from '../validate.js';
import { checkLine, rowDigest, type CheckedLine } from './line.js';

export type { ImportProgress, ImportRowError, ImportSummary, ParsedLine };


/** A record an import created, once committed. */
export interface ImportedPerson {
  line: number;
  row: PersonRow;
  input: PersonInput;
}

export interface PersonImportOptions {
  database: Database;
  audit: AuditLog;
  clock: Clock;
  /**
   * The NCB importing: it owns every record, and a line naming another owner
   * country is refused. Without it, every line names its `ownerCountry` (the
   * hub's operator loading several countries' records).
   */
  owner?: ImportOwner;
  source: AsyncIterable<ParsedLine>;
  onProgress?: (progress: ImportProgress) => void;
  /** Called with each batch's new records once committed (to tell running hubs). */
  onImported?: (persons: readonly ImportedPerson[]) => void | Promise<void>;
  batchSize?: number;
}

/**
 * Rows per transaction. The same trade as documents (larger batches spread
 * each commit over more rows, but hold SQLite's write lock longer while a
 * running hub waits to write its audit entries).
 */
export const PERSON_BATCH_SIZE = 5000;
export const PERSON_IMPORT_ACTION = 'persons.import';

interface Candidate extends CheckedLine {
  owner: ImportOwner;
}

/** A candidate as its row: what a duplicate is told by, and what is inserted if it is new. */
interface Pending {
  candidate: Candidate;
  row: NewPerson;
  digest: string;
}

interface Batch {
  firstLine: number;
  lastLine: number;
  items: number;
  duplicates: number;
  invalid: number;
  candidates: Candidate[];
  now: string;
}

interface Outcome {
  inserted: ImportedPerson[];
  duplicates: number;
  failures: ImportRowError[];
}

type Existing = Pick<PersonRow, 'id' | 'owner_country' | 'reference' | 'import_digest'>;

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const group = groups.get(k);
    if (group) group.push(x);
    else groups.set(k, [x]);
  }
  return groups;
}

const keyOf = (country: string, reference: string): string => `${country}|${reference}`;

function conflict(c: Candidate, other: string): ImportRowError {
  return {
    line: c.line,
    code: 'person.reference_conflict',
    message: `reference ${JSON.stringify(c.reference)} already names ${other} of ${c.owner.country} with other particulars; an import does not change records (change it through the API), or give this person a reference of its own`,
  };
}

/** A failure that belongs to one row (a constraint, a value the column refuses), as opposed to the database failing. */
function isRowFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG' || /^2[23][0-9A-Z]{3}$/.test(code);
}

export async function importPersons(options: PersonImportOptions): Promise<ImportSummary> {
  const { database, audit, clock, source } = options;
  const batchSize = options.batchSize ?? PERSON_BATCH_SIZE;
  const summary: ImportSummary = { read: 0, imported: 0, duplicates: 0, invalid: 0, errors: [] };
  const fail = (batch: Batch, e: ImportRowError) => {
    batch.invalid++;
    summary.invalid++;
    if (summary.errors.length < MAX_REPORTED_ERRORS) summary.errors.push(e);
  };
  const owners = ownerResolver(database, options.owner);

  /** One entry per owner in the batch (with a fixed owner: one per batch), in the batch's transaction; `duplicates` and `invalid` count the whole batch. */
  const auditBatch = async (trx: Tx, batch: Batch, inserted: readonly ImportedPerson[], duplicates: number, invalid: number) => {
    const entries = [...groupBy(inserted, (p) => p.row.owner_country).values()].map((persons) => {
      const owner = { ncbId: persons[0]!.row.owner_org_id, country: persons[0]!.row.owner_country };
      const seqs = persons.map((p) => p.row.seq);
      return {
        actor: importPrincipal(owner, 'persons:write'),
        event: {
          action: PERSON_IMPORT_ACTION,
          resourceType: 'person',
          resourceId: null,
          details: {
            ownerCountry: owner.country,
            lines: { first: batch.firstLine, last: batch.lastLine },
            count: persons.length,
            seqs: { first: Math.min(...seqs), last: Math.max(...seqs) },
            duplicates,
            invalid,
            createdAt: batch.now,
            idsSha256: createHash('sha256').update(persons.map((p) => p.row.id).sort().join('\n')).digest('hex'),
          },
        },
      };
    });
    await audit.recordMany(trx, entries);
  };

  const writeAll = async (batch: Batch, pending: readonly Pending[]): Promise<Outcome> =>
    database.transaction(async (trx) => {
      const rows = await personStore.insertMany(trx, database.dialect, pending.map((p) => p.row));
      const inserted = rows.map((row, i) => ({ line: pending[i]!.candidate.line, row, input: pending[i]!.candidate.input }));
      await auditBatch(trx, batch, inserted, batch.duplicates, batch.invalid);
      return { inserted, duplicates: 0, failures: [] };
    });

  /** After the batch failed: row by row, each behind a savepoint, in one transaction. */
  const writeEach = async (batch: Batch, pending: readonly Pending[]): Promise<Outcome> =>
    database.transaction(async (trx) => {
      const outcome: Outcome = { inserted: [], duplicates: 0, failures: [] };
      for (const { candidate, row, digest } of pending) {
        await sql`savepoint import_row`.execute(trx);
        try {
          const [saved] = await personStore.insertMany(trx, database.dialect, [row]);
          await sql`release savepoint import_row`.execute(trx);
          outcome.inserted.push({ line: candidate.line, row: saved!, input: candidate.input });
        } catch (error) {
          await sql`rollback to savepoint import_row`.execute(trx);
          await sql`release savepoint import_row`.execute(trx);
          if (!isRowFailure(error)) throw error;
          // Created meanwhile, by another import: the same person or another under its reference.
          const [taken] = await personStore.byReference(trx, new Map([[candidate.owner.country, [candidate.reference]]]));
          if (taken?.import_digest === digest) outcome.duplicates++;
          else if (taken) outcome.failures.push(conflict(candidate, `the person ${taken.id}`));
          else outcome.failures.push({ line: candidate.line, code: 'person.conflict', message: `the database refuses the row: ${(error as Error).message}` });
        }
      }
      await auditBatch(trx, batch, outcome.inserted, batch.duplicates + outcome.duplicates, batch.invalid + outcome.failures.length);
      return outcome;
    });

  const flush = async (batch: Batch): Promise<void> => {
    const ids = newPersonIds(batch.candidates.length, Date.parse(batch.now));
    // Within the batch: the first line of a reference stands for the others.
    const first = new Map<string, Pending>();
    const fresh: Pending[] = [];
    batch.candidates.forEach((candidate, i) => {
      const row = newPersonRow(candidate.input, { orgId: candidate.owner.ncbId, country: candidate.owner.country }, 'system:import', batch.now, ids[i]);
      const digest = rowDigest(row, candidate.reviewDateGiven);
      row.reference = candidate.reference;
      row.import_digest = digest;
      const p = { candidate, row, digest };
      const key = keyOf(candidate.owner.country, candidate.reference);
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, p);
        fresh.push(p);
      } else if (earlier.digest === digest) {
        batch.duplicates++;
      } else {
        fail(batch, conflict(candidate, `the person on line ${earlier.candidate.line}`));
      }
    });
    // Read outside the write transaction (on SQLite a reading transaction cannot then wait to write).
    const wanted = new Map([...groupBy(fresh, (p) => p.candidate.owner.country)].map(([country, ps]) => [country, ps.map((p) => p.candidate.reference)]));
    const existing = new Map<string, Existing>();
    if (fresh.length > 0) for (const e of await personStore.byReference(database.db, wanted)) existing.set(keyOf(e.owner_country, e.reference ?? ''), e);
    const pending: Pending[] = [];
    for (const p of fresh) {
      const e = existing.get(keyOf(p.candidate.owner.country, p.candidate.reference));
      if (e?.import_digest === p.digest) batch.duplicates++;
      else if (e) fail(batch, conflict(p.candidate, `the person ${e.id}`));
      else pending.push(p);
    }
    let outcome: Outcome = { inserted: [], duplicates: 0, failures: [] };
    if (pending.length > 0) {
      try {
        outcome = await writeAll(batch, pending);
      } catch {
        // The row-by-row pass isolates the row at fault, or fails the same way and stops the import.
        outcome = await writeEach(batch, pending);
      }
    }
    summary.duplicates += batch.duplicates + outcome.duplicates;
    summary.imported += outcome.inserted.length;
    for (const f of outcome.failures) fail(batch, f);
    if (outcome.inserted.length > 0) await options.onImported?.(outcome.inserted);
    options.onProgress?.({ read: summary.read, imported: summary.imported, duplicates: summary.duplicates, invalid: summary.invalid, line: batch.lastLine });
  };

  let batch: Batch | null = null;
  for await (const item of source) {
    if (!batch) batch = { firstLine: item.line, lastLine: item.line, items: 0, duplicates: 0, invalid: 0, candidates: [], now: clock.now().toISOString() };
    summary.read++;
    batch.items++;
    batch.lastLine = item.line;
    if ('error' in item) {
      fail(batch, { line: item.line, code: item.error.code, message: item.error.message });
    } else {
      const checked = checkLine(item.line, item.body as Record<string, unknown>, batch.now.slice(0, 10));
      const owner = 'input' in checked ? await owners(checked) : checked;
      if ('ncbId' in owner && 'input' in checked) batch.candidates.push({ ...checked, owner });
      else fail(batch, owner as ImportRowError);
    }
    if (batch.items >= batchSize) {
      await flush(batch);
      batch = null;
    }
  }
  if (batch) await flush(batch);
  summary.errors.sort((a, b) => a.line - b.line);
  return summary;
}

/**
 * Who owns a checked line: the importing NCB (a line naming another country
 * is refused by the same policy that keeps an NCB to its own records), or,
 * without one, the NCB of the country the line names.
 */
function ownerResolver(database: Database, fixed: ImportOwner | undefined): (c: CheckedLine) => Promise<ImportOwner | ImportRowError> {
  if (fixed) {
    const actor = importPrincipal(fixed, 'persons:write');
    recordPolicy.create(actor, 'persons');
    return (c) => {
      if (c.ownerCountry === null || c.ownerCountry === fixed.country) return Promise.resolve(fixed);
      try {
        recordPolicy.change(actor, 'persons', { ownerCountry: c.ownerCountry });
        return Promise.resolve(fixed);
      } catch (error) {
        if (!isAppError(error)) throw error;
        return Promise.resolve({ line: c.line, code: error.code, message: `/ownerCountry: the NCB of ${fixed.country} imports its own country's persons, not ${c.ownerCountry}'s (${error.message})` });
      }
    };
  }
  const known = new Map<string, ImportOwner | string>();
  return async (c) => {
    if (c.ownerCountry === null) return { line: c.line, code: 'person.owner_missing', message: '/ownerCountry: is required when the import names no owner country (--country)' };
    let owner = known.get(c.ownerCountry);
    if (owner === undefined) {
      const ncb = isMemberCountryCode(c.ownerCountry) ? await organisationStore.ncbOf(database.db, c.ownerCountry) : undefined;
      owner = !ncb ? `${c.ownerCountry} is not a member country with an NCB in this hub`
        : ncb.status === 'suspended' ? `the NCB of ${c.ownerCountry} is suspended; it cannot own new records`
        : { ncbId: ncb.id, country: c.ownerCountry };
      if (typeof owner !== 'string') recordPolicy.create(importPrincipal(owner, 'persons:write'), 'persons');
      known.set(c.ownerCountry, owner);
    }
    return typeof owner === 'string' ? { line: c.line, code: 'person.owner_invalid', message: `/ownerCountry: ${owner}` } : owner;
  };
}

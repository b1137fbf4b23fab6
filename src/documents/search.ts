import { AppError } from '../core/errors.js';
import type { Database, Executor } from '../storage/database.js';
import type { TravelDocumentRow } from '../storage/schema.js';
import { normaliseDocumentNumber } from './document-number.js';
import { canonicalIcaoCode } from './icao-codes.js';
import { parseMrz } from './mrz/index.js';
import type { DocumentIndex, IndexedRange } from './no-hit-index.js';
import { ocrCanonical, ocrDifferences, type OcrDifference } from './ocr.js';
import type { SearchItem } from './schema.js';
import { documentStore } from './store.js';
import { formatSerial } from './validate.js';

export interface DocumentQuery {
  number: string;
  ocrKey: string;
  /** Null: any issuing state. */
  issuingState: string | null;
  /** The MRZ's document code, when the query came from one. */
  documentCode?: string;
}

export interface Candidate {
  row: TravelDocumentRow;
  kind: 'exact' | 'ocr_variant' | 'blank_range';
  /** The recorded number that matched (for a range, the serial inside it). */
  recordedNumber: string;
  differences: OcrDifference[];
}

/** Reads one search: a number (with or without a state) or a whole MRZ. Throws a precise AppError. */
export function parseQuery(item: SearchItem, pointer = '/body'): DocumentQuery {
  if (item.mrz !== undefined) {
    if (item.number !== undefined || item.issuingState !== undefined) {
      throw new AppError('request.validation_failed', 'give an MRZ or a number, not both', { errors: [{ pointer: `${pointer}/mrz`, message: 'an MRZ replaces number and issuingState' }] });
    }
    const parsed = parseMrz(item.mrz);
    if (!parsed.ok) {
      throw new AppError('document.invalid_mrz', parsed.errors.map((e) => e.message).join('; '), {
        errors: parsed.errors.map((e) => ({ pointer: `${pointer}/mrz`, message: `${e.code} (${e.field}): ${e.message}` })),
      });
    }
    const number = parsed.mrz.documentNumber;
    return { number, ocrKey: ocrCanonical(number), issuingState: parsed.mrz.issuingState, documentCode: parsed.mrz.documentCode };
  }
  if (item.number === undefined) {
    throw new AppError('request.validation_failed', 'give a document number or an MRZ', { errors: [{ pointer: `${pointer}/number`, message: 'is required without an MRZ' }] });
  }
  const normalised = normaliseDocumentNumber(item.number);
  if (!normalised.ok) throw new AppError('document.invalid_number', normalised.message, { errors: [{ pointer: `${pointer}/number`, message: normalised.message }] });
  let issuingState: string | null = null;
  if (item.issuingState !== undefined) {
    issuingState = canonicalIcaoCode(item.issuingState) ?? canonicalIcaoCode(item.issuingState.trim().toUpperCase()) ?? null;
    if (!issuingState) throw new AppError('document.unknown_state', `${item.issuingState} is not an ICAO 9303 code`, { errors: [{ pointer: `${pointer}/issuingState`, message: 'not an ICAO 9303 code' }] });
  }
  return { number: normalised.value, ocrKey: ocrCanonical(normalised.value), issuingState };
}

/** The answer of every query that matched nothing: shared, never changed. */
const NONE = Object.freeze([]) as unknown as Candidate[];

function rangeSerial(range: IndexedRange, row: TravelDocumentRow, ocrKey: string): string {
  return formatSerial({ prefix: row.range_prefix ?? '', digits: range.digits }, Number(ocrKey.slice(range.canonicalPrefix.length)));
}

/**
 * Finds the records a query matches. The index answers most queries (no
 * hit) from memory; the database is asked only for possible hits, and all the
 * possible hits of a batch in one query.
 */
export class DocumentSearch {
  /** `readSync` (SQLite): possible hits are read on the committed-read connection, without the async driver. */
  constructor(
    private readonly db: Executor,
    private readonly index: DocumentIndex,
    private readonly readSync?: Database['readSync'],
  ) {}

  async find(query: DocumentQuery): Promise<Candidate[]> {
    return (await this.findMany([query]))[0] ?? [];
  }

  async findMany(queries: readonly DocumentQuery[]): Promise<Candidate[][]> {
    const lookups = queries.map((q) => this.index.lookup(q.ocrKey));
    const keys = new Set<string>();
    const rangeIds = new Set<string>();
    lookups.forEach((l, i) => {
      if (l.maybeSingle) keys.add((queries[i] as DocumentQuery).ocrKey);
      l.ranges.forEach((r) => rangeIds.add(r.id));
    });
    if (keys.size === 0 && rangeIds.size === 0) return queries.map(() => NONE);

    const singles = new Map<string, TravelDocumentRow[]>();
    const rows = this.readSync ? documentStore.byOcrKeysNow(this.readSync, keys) : await this.inChunks([...keys], (chunk) => documentStore.byOcrKeys(this.db, chunk));
    for (const row of rows) {
      const list = singles.get(row.ocr_key ?? '') ?? [];
      list.push(row);
      singles.set(row.ocr_key ?? '', list);
    }
    const ranges = new Map((await this.inChunks([...rangeIds], (chunk) => documentStore.getMany(this.db, chunk))).filter((r) => r.state === 'active').map((r) => [r.id, r]));

    return queries.map((q, i) => {
      const out: Candidate[] = [];
      for (const row of singles.get(q.ocrKey) ?? []) {
        if (q.issuingState && row.issuing_state !== q.issuingState) continue;
        const recorded = row.number ?? '';
        const differences = ocrDifferences(q.number, recorded);
        if (differences === null) continue;
        out.push({ row, kind: differences.length === 0 ? 'exact' : 'ocr_variant', recordedNumber: recorded, differences });
      }
      for (const range of (lookups[i] as { ranges: IndexedRange[] }).ranges) {
        const row = ranges.get(range.id);
        if (!row || (q.issuingState && row.issuing_state !== q.issuingState)) continue;
        const serial = rangeSerial(range, row, q.ocrKey);
        out.push({ row, kind: 'blank_range', recordedNumber: serial, differences: ocrDifferences(q.number, serial) ?? [] });
      }
      return out;
    });
  }

  private async inChunks<T>(items: string[], run: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i < items.length; i += 500) out.push(...(await run(items.slice(i, i + 500))));
    return out;
  }
}

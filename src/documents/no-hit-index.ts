import type { EventBus } from '../bus/bus.js';
import type { Executor } from '../storage/database.js';
import type { TravelDocumentRow } from '../storage/schema.js';
import { MembershipFilter } from './membership-filter.js';
import { ocrCanonical } from './ocr.js';
import { RangeIndex } from './range-index.js';
import { documentStore } from './store.js';

/** A range of stolen blanks as the index holds it: its prefix in OCR-canonical form. */
export interface IndexedRange {
  id: string;
  canonicalPrefix: string;
  digits: number;
  first: number;
  last: number;
}

export interface DocumentChange {
  /** OCR key of a record that became active. */
  added?: string;
  /** OCR keys of many, from a bulk import. */
  addedMany?: string[];
  range?: IndexedRange;
  ranges?: IndexedRange[];
  /** Id of a range that was cancelled. */
  removedRange?: string;
}

export const DOCUMENT_CHANGE_TOPIC = 'documents.changed';
const MIN_EXPECTED_KEYS = 1_000_000;

export function indexedRange(row: TravelDocumentRow): IndexedRange | null {
  if (row.kind !== 'range' || row.range_prefix === null || row.range_first === null || row.range_last === null || row.range_digits === null) return null;
  return { id: row.id, canonicalPrefix: ocrCanonical(row.range_prefix), digits: row.range_digits, first: row.range_first, last: row.range_last };
}

/**
 * The no-hit fast path. Almost every search matches nothing; this answers
 * those from memory. A blocked Bloom filter holds the OCR-canonical key of
 * every active single record (so an exact, a number-only and an OCR-variant
 * search all test the same key), and the blank ranges are held whole, grouped
 * by prefix. Only when the filter says "maybe" or a range covers the number
 * does the database get asked.
 *
 * Changes arrive as bus events, so every hub process sharing the database
 * keeps its own index current. A cancelled single record stays in the filter
 * (a false "maybe", settled by the database) until the next rebuild at start.
 */
export class DocumentIndex {
  private readonly ranges = new RangeIndex();

  private constructor(private readonly filter: MembershipFilter) {}

  /** Builds the index from every active record; sized with room to grow. */
  static async build(db: Executor, activeCount: number, bus?: EventBus): Promise<DocumentIndex> {
    const index = DocumentIndex.sizedFor(activeCount);
    // Listen before reading, so a record another hub process adds meanwhile is not missed (adding twice is harmless).
    bus?.subscribe(DOCUMENT_CHANGE_TOPIC, (_topic, payload) => index.apply(payload as DocumentChange));
    for await (const page of documentStore.activeKeys(db)) {
      for (const key of page.ocrKeys) index.filter.add(key);
      for (const row of page.ranges) {
        const range = indexedRange(row);
        if (range) index.ranges.add(range);
      }
    }
    return index;
  }

  /** An empty index sized for this many active records, with room to grow. */
  static sizedFor(activeCount: number): DocumentIndex {
    return new DocumentIndex(MembershipFilter.create({ expectedKeys: Math.max(MIN_EXPECTED_KEYS, Math.ceil(activeCount * 1.5)) }));
  }

  apply(change: DocumentChange): void {
    if (change.added) this.filter.add(change.added);
    for (const key of change.addedMany ?? []) this.filter.add(key);
    if (change.range) this.ranges.add(change.range);
    for (const range of change.ranges ?? []) this.ranges.add(range);
    if (change.removedRange) this.ranges.remove(change.removedRange);
  }

  /** Whether a record with this OCR key may exist, and the blank ranges covering it. */
  lookup(ocrKey: string): { maybeSingle: boolean; ranges: IndexedRange[] } {
    return { maybeSingle: this.filter.mightContain(ocrKey), ranges: this.ranges.covering(ocrKey) };
  }

  get stats(): { keys: number; bytes: number; bitsPerKey: number; ranges: number; estimatedFalsePositiveRate: number } {
    return {
      keys: this.filter.added,
      bytes: this.filter.bytes,
      bitsPerKey: this.filter.added === 0 ? 0 : (this.filter.bytes * 8) / this.filter.added,
      ranges: this.ranges.size,
      estimatedFalsePositiveRate: this.filter.estimatedFalsePositiveRate(),
    };
  }
}

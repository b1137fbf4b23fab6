/**
 * The name bound (decision 0009, "A bound per name"): which names a common unit's postings may bring in.
 *
 * A screening follows its units from the rarest to the commonest and stops at the first whose
 * remaining weight could no longer lift a name over the threshold (the unit bound). A common unit
 * that is still followed then touched every name holding it, though most of them hold nothing else
 * the query asked for ("Ali" without "Mohammed"): at 10 million persons, hundreds of thousands of
 * names, each costing a dozen cache misses to credit, rank and discard.
 *
 * The same bound, taken per name: a name can score at most the weight of the units it holds (and the
 * query's initials, never looked up) over the query's whole weight, in its best segmentation. The
 * units held by at least `bigFrom` names ("big") are marked first in one bitset each (a bit per name
 * slot, sequential reads of their postings); a big unit's names are then touched only when the units
 * they hold could reach the threshold, told by their bits alone. Names a rarer unit touched are kept
 * whatever they hold (they are few), so the names touched are the exhaustive path's less those that
 * could not reach the threshold, with the same credit, in the same order.
 */
import type { PostingArena } from '../postings.js';

/** The most big units a screening bounds this way (a table of 2^k entries); with more it follows them all. */
export const MAX_BIG_UNITS = 12;

export interface BoundUnit {
  /** Per segmentation of the query: the unit's weight there. */
  readonly weightIn: ReadonlyMap<number, number>;
}

export interface Segmentation {
  /** The whole weight of the segmentation's parts. */
  readonly whole: number;
  /** The weight of its initials (never looked up: they may always match). */
  readonly initials: number;
}

/**
 * Which sets of big units (a bit each, in order) could lift a name over `threshold`, given the
 * query's segmentations: `table[mask]` is 1 when some segmentation's initials and the units of
 * `mask` together weigh at least `threshold` of it (as the unit bound reckons, capped at a whole name).
 */
export function qualifyingSets(units: readonly BoundUnit[], segmentations: readonly Segmentation[], threshold: number): Uint8Array {
  const k = units.length;
  const table = new Uint8Array(1 << k);
  for (let mask = 0; mask < 1 << k; mask++) {
    for (let p = 0; p < segmentations.length; p++) {
      const { whole, initials } = segmentations[p]!;
      let sum = initials;
      for (let i = 0; i < k; i++) if (mask & (1 << i)) sum += units[i]!.weightIn.get(p) ?? 0;
      if (Math.min(sum, whole) / whole >= threshold) { table[mask] = 1; break; }
    }
  }
  return table;
}

/** One bit per name slot, reused from screening to screening (cleared after each). */
export class SlotBits {
  private bits = new Int32Array(0);
  private used = false;

  /** The bits, zeroed, for `slots` slots. */
  take(slots: number): Int32Array {
    const words = (slots >>> 5) + 1;
    if (this.bits.length < words) this.bits = new Int32Array(words + (words >>> 3));
    this.used = true;
    return this.bits;
  }

  release(): void {
    if (this.used) this.bits.fill(0);
    this.used = false;
  }

  bytes(): number {
    return this.bits.byteLength;
  }
}

/** Sets the bit of every name of one postings list. Answers the entries read. */
export function markList(bits: Int32Array, arena: PostingArena, list: number): number {
  const s = arena.start0(list);
  const n = arena.length(list);
  const values = arena.values;
  for (let i = 0; i < n; i++) {
    const name = values[s + i]!;
    bits[name >>> 5]! |= 1 << (name & 31);
  }
  return n;
}

/** The big units (a bit each) a name holds. */
export function unitsHeld(sets: readonly Int32Array[], name: number): number {
  const word = name >>> 5;
  const bit = 1 << (name & 31);
  let mask = 0;
  for (let i = 0; i < sets.length; i++) if (sets[i]![word]! & bit) mask |= 1 << i;
  return mask;
}

/**
 * What a bounded follow needs: the big units' bits, the names already touched, the names holding an
 * initial, and the qualifying sets.
 */
export interface NameBound {
  readonly sets: readonly Int32Array[];
  readonly touched: Int32Array;
  readonly initials: Int32Array;
  readonly qualifies: Uint8Array;
}

/**
 * Whether a name found in a big unit's postings is to be touched: touched already, holding an initial
 * (a record's initial may match any part of the query, at 0.75, and initials are never posted, so the
 * bits cannot tell), or holding units that could reach the threshold.
 */
export function admits(bound: NameBound, name: number): boolean {
  const word = name >>> 5;
  const bit = 1 << (name & 31);
  if ((bound.touched[word]! | bound.initials[word]!) & bit) return true;
  return bound.qualifies[unitsHeld(bound.sets, name)] === 1;
}

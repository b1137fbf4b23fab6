/**
 * The pre-rank: of the names a screening touched, the few worth scoring in full, by their accumulated
 * credit against what they leave unmatched, and by birth date and sex (among namesakes, the one born
 * that day first). Linear: a histogram, no sort of every name.
 */
import { RECORD_EXTRA_COST } from '../match.js';

/** What the pre-rank reads of a touched name. */
export interface PreRankInput {
  /** The name's accumulated credit and the units it matched (accumulator.ts). */
  readonly acc: Float32Array;
  readonly hits: Uint8Array;
  /** How many parts the name has. */
  parts(name: number): number;
  /** Birth date and sex's factor for the name's person (PersonColumns.quickAgreement). */
  agreement(name: number): number;
}

/**
 * The names to score in full: all of them up to `keep`; else those at or above the cut that keeps at
 * least `keep`, at most `keep × 4` of them (ties by slot). `minWeight`: the lightest segmentation's weight.
 */
export function preRank(touched: readonly number[], keep: number, minWeight: number, input: PreRankInput): readonly number[] {
  if (touched.length <= keep) return touched;
  const approx = new Float32Array(touched.length);
  for (let i = 0; i < touched.length; i++) {
    const name = touched[i]!;
    const extra = Math.max(0, input.parts(name) - input.hits[name]!);
    // Units overlap (Ali, Otaibi and Ali+Otaibi all credit an Alotaibi): more than a whole name is a whole name.
    const share = Math.min(1, input.acc[name]! / (minWeight + RECORD_EXTRA_COST * extra));
    approx[i] = share * input.agreement(name);
  }
  const cut = cutForTop(approx, keep);
  const above: number[] = [];
  for (let i = 0; i < touched.length; i++) if (approx[i]! >= cut) above.push(i);
  // Many namesakes tie: keep a bounded number, best first, then by slot (not by the order found).
  if (above.length > keep * 4) {
    above.sort((a, b) => approx[b]! - approx[a]! || touched[a]! - touched[b]!);
    above.length = keep * 4;
  }
  return above.map((i) => touched[i]!);
}

/**
 * A cut such that at least `k` values are at or above it and not many more
 * (values in [0, 2]; a histogram of 2048 bins: linear, no sorting).
 */
function cutForTop(values: Float32Array, k: number): number {
  const bins = new Uint32Array(2048);
  for (let i = 0; i < values.length; i++) bins[Math.min(2047, Math.max(0, Math.floor(values[i]! * 1024)))]!++;
  let count = 0;
  for (let b = 2047; b >= 0; b--) {
    count += bins[b]!;
    if (count >= k) return b / 1024;
  }
  return 0;
}

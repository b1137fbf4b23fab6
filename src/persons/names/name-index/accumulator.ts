/**
 * What a screening accumulates per name (term at a time, unit by unit): the names touched, in the order
 * first touched, each one's credit (the best part it holds of each unit, times the unit's weight) and
 * how many units it matched. Scratch columns sized to the name slots, reused from screening to
 * screening: a name counts as touched when its last unit belongs to this screening.
 */
import type { PostingArena } from '../postings.js';
import { grow } from '../postings.js';
import { admits, type NameBound } from './name-bound.js';
import type { ScreeningWork } from './types.js';

export class Accumulator {
  private lastUnit = new Int32Array(1 << 10);
  /** Per name: the credit accumulated (Float32, added in the units' order). */
  acc = new Float32Array(1 << 10);
  /** Per name: the units it matched (at most 255). */
  hits = new Uint8Array(1 << 10);
  /** Per part: the unit that last found it and with what similarity (for crediting names the unit did not follow). */
  private foundStamp = new Int32Array(1 << 10);
  private foundScore = new Float32Array(1 << 10);
  private unitCounter = 0;
  private queryStart = 0;

  /** Room for `names` name slots (called as names are added, so the memory count includes it). */
  ensureNames(names: number): void {
    this.lastUnit = grow(this.lastUnit, names, (k) => new Int32Array(k));
    this.acc = grow(this.acc, names, (k) => new Float32Array(k));
    this.hits = grow(this.hits, names, (k) => new Uint8Array(k));
  }

  /** Starts a screening over `parts` distinct parts. */
  begin(parts: number): void {
    this.foundStamp = grow(this.foundStamp, parts, (k) => new Int32Array(k));
    this.foundScore = grow(this.foundScore, parts, (k) => new Float32Array(k));
    if (this.unitCounter > 0x3fffffff) { this.lastUnit.fill(0); this.foundStamp.fill(0); this.unitCounter = 0; }
    this.queryStart = this.unitCounter;
  }

  /** A fresh id for one unit of the screening. */
  nextUnit(): number {
    return ++this.unitCounter;
  }

  /**
   * Credits the names of one postings list (`list` of `arena`) with what a unit found, touching those
   * not yet touched by this screening. With `lo` > 1 or `hi` below the last bucket, a name is taken only
   * when its bucket (`buckets`) is 0 (wide) or within `lo`…`hi`. With a `bound`, a name not yet touched
   * is taken only when the bound admits it (name-bound.ts). Answers the entries read.
   */
  follow(arena: PostingArena, list: number, credit: number, unitId: number, touched: number[], buckets: Uint16Array | undefined, lo: number, hi: number, bound: NameBound | undefined, work: ScreeningWork): number {
    const s = arena.start0(list);
    const n = arena.length(list);
    const values = arena.values;
    const queryStart = this.queryStart;
    const lastUnit = this.lastUnit;
    const acc = this.acc;
    const hits = this.hits;
    for (let i = 0; i < n; i++) {
      const name = values[s + i]!;
      if (buckets !== undefined) {
        const packed = buckets[name]!;
        const first = packed & 0xff;
        if (first !== 0 && (first > hi || first + (packed >> 8) < lo)) continue;
      }
      if (bound !== undefined && !admits(bound, name)) { work.skipped++; continue; }
      const last = lastUnit[name]!;
      if (last <= queryStart) {
        touched.push(name);
        acc[name] = credit;
        hits[name] = 1;
        lastUnit[name] = unitId;
      } else if (last !== unitId) {
        acc[name] = acc[name]! + credit;
        if (hits[name]! < 255) hits[name] = hits[name]! + 1;
        lastUnit[name] = unitId;
      }
    }
    return n;
  }

  /**
   * Adds a unit's credit to the names already touched that hold one of the parts it found (the best
   * one counts), reading each name's parts (`nameParts`).
   */
  creditFound(touched: readonly number[], nameParts: PostingArena, unitId: number, weight: number, found: readonly { part: number; score: number }[]): void {
    for (const { part, score } of found) {
      if (this.foundStamp[part] === unitId && this.foundScore[part]! >= score) continue;
      this.foundStamp[part] = unitId;
      this.foundScore[part] = score;
    }
    const values = nameParts.values;
    for (const name of touched) {
      const s = nameParts.start0(name);
      const n = nameParts.length(name);
      let best = 0;
      for (let i = 0; i < n; i++) {
        const part = values[s + i]!;
        if (this.foundStamp[part] === unitId && this.foundScore[part]! > best) best = this.foundScore[part]!;
      }
      if (best === 0) continue;
      this.acc[name] = this.acc[name]! + best * weight;
      if (this.hits[name]! < 255) this.hits[name] = this.hits[name]! + 1;
    }
  }

  bytes(): { scratch: number; partColumns: number } {
    return { scratch: this.lastUnit.byteLength + this.acc.byteLength + this.hits.byteLength, partColumns: this.foundStamp.byteLength + this.foundScore.byteLength };
  }
}

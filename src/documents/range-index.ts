import type { IndexedRange } from './no-hit-index.js';

/** The ranges sharing one prefix and serial width, sorted by first serial, with the largest last serial up to each. */
interface Group {
  shapeKey: string;
  ranges: IndexedRange[];
  maxLastUpTo: number[];
  sorted: boolean;
}

const DIGITS = /^\d+$/;
/** Shared, never changed: most keys fall in no range. */
const NO_RANGES = Object.freeze([]) as unknown as IndexedRange[];

/**
 * Stolen blank ranges by shape, so a lookup costs a few map reads however
 * many ranges are held: a key can only fall in a range whose prefix it starts
 * with and whose length it has, so for each (prefix length, width) held, the
 * key's own prefix names the one group to search, and inside it a binary
 * search on the first serial finds the ranges that cover it.
 */
export class RangeIndex {
  private readonly groups = new Map<string, Group>();
  /** How many groups have each shape, by `prefixLength|digits`. */
  private readonly shapes = new Map<string, { prefixLength: number; digits: number; groups: number }>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(range: IndexedRange): void {
    const key = groupKey(range.canonicalPrefix, range.digits);
    let group = this.groups.get(key);
    if (!group) {
      const shapeKey = `${range.canonicalPrefix.length}|${range.digits}`;
      group = { shapeKey, ranges: [], maxLastUpTo: [], sorted: true };
      this.groups.set(key, group);
      const shape = this.shapes.get(shapeKey) ?? { prefixLength: range.canonicalPrefix.length, digits: range.digits, groups: 0 };
      shape.groups++;
      this.shapes.set(shapeKey, shape);
    }
    if (group.ranges.some((r) => r.id === range.id)) return;
    group.ranges.push(range);
    group.sorted = false;
    this.count++;
  }

  remove(id: string): void {
    for (const [key, group] of this.groups) {
      const kept = group.ranges.filter((r) => r.id !== id);
      if (kept.length === group.ranges.length) continue;
      this.count -= group.ranges.length - kept.length;
      group.ranges = kept;
      group.sorted = false;
      if (kept.length > 0) continue;
      this.groups.delete(key);
      const shape = this.shapes.get(group.shapeKey);
      if (shape && --shape.groups === 0) this.shapes.delete(group.shapeKey);
    }
  }

  /** The ranges covering an OCR-canonical key. */
  covering(ocrKey: string): IndexedRange[] {
    if (this.count === 0) return NO_RANGES;
    const out: IndexedRange[] = [];
    for (const shape of this.shapes.values()) {
      if (ocrKey.length !== shape.prefixLength + shape.digits) continue;
      const group = this.groups.get(groupKey(ocrKey.slice(0, shape.prefixLength), shape.digits));
      if (!group) continue;
      const tail = ocrKey.slice(shape.prefixLength);
      if (!DIGITS.test(tail)) continue;
      collect(sortedGroup(group), Number(tail), out);
    }
    return out;
  }
}

function groupKey(prefix: string, digits: number): string {
  return `${prefix}|${digits}`;
}

function sortedGroup(group: Group): Group {
  if (group.sorted) return group;
  group.ranges.sort((a, b) => a.first - b.first);
  group.maxLastUpTo = [];
  let max = -Infinity;
  for (const r of group.ranges) group.maxLastUpTo.push((max = Math.max(max, r.last)));
  group.sorted = true;
  return group;
}

/** Walks back from the last range starting at or before n while an earlier range could still reach n. */
function collect(group: Group, n: number, out: IndexedRange[]): void {
  let lo = 0;
  let hi = group.ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((group.ranges[mid] as IndexedRange).first <= n) lo = mid + 1;
    else hi = mid;
  }
  const found: IndexedRange[] = [];
  for (let i = lo - 1; i >= 0 && (group.maxLastUpTo[i] as number) >= n; i--) {
    const r = group.ranges[i] as IndexedRange;
    if (r.last >= n) found.push(r);
  }
  for (let i = found.length - 1; i >= 0; i--) out.push(found[i] as IndexedRange);
}

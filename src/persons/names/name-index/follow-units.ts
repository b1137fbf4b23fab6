/**
 * Following a screening's units to the names holding what they found. Units from the rarest (fewest
 * names behind its parts) to the commonest; a name that only the remaining units could still reach
 * scores at most their weight over the query's: when that is below the threshold, the remaining
 * (common) units bring no new candidate and are not followed (the unit bound), but still credit the
 * names already found through the names' own parts (Kenji found, Tanaka not followed: every Kenji
 * Tanaka must still rank above every other Kenji). The big units followed touch only the names the name
 * bound admits (name-bound.ts).
 */
import type { PartFinder, FoundPart } from '../part-finder.js';
import type { Accumulator } from './accumulator.js';
import { BUCKETS } from './birth-years.js';
import { markList, MAX_BIG_UNITS, qualifyingSets, SlotBits, type NameBound } from './name-bound.js';
import type { NameStore } from './name-store.js';
import type { PreparedName, Unit } from './query-units.js';
import type { ScreeningWork } from './types.js';

interface Planned {
  readonly unit: Unit;
  readonly unitId: number;
  /** What the part finder found for the unit, best first. */
  readonly found: readonly FoundPart[];
  /** The names behind those parts (every year). */
  readonly postings: number;
}

export interface FollowContext {
  readonly names: NameStore;
  readonly finder: PartFinder;
  readonly acc: Accumulator;
  /** Scratch bits: one set per big unit, and the names touched before the first big unit. */
  readonly bigBits: SlotBits[];
  readonly touchedBits: SlotBits;
  /** How many postings make a unit big; 0 when the name bound is off (the exhaustive path). */
  readonly bigFrom: number;
}

/**
 * Follows the units of `prepared`, reading buckets `lo`…`hi` of common parts. Answers the names touched
 * (first touched first), their credit in `ctx.acc`.
 */
export function followUnits(ctx: FollowContext, units: readonly Unit[], prepared: readonly PreparedName[], threshold: number, nameThreshold: number, lo: number, hi: number, work: ScreeningWork): number[] {
  const { names, finder, acc } = ctx;
  const planned: Planned[] = units.map((unit) => {
    const unitId = acc.nextUnit();
    const found = [...finder.find(unit.part, unit.joined ? 'joined' : 'part')].sort((a, b) => b.score - a.score);
    // Ordered by all the names behind the unit, not only those born near the date: which units are
    // followed is then the same as when every year is read, and so are the answers.
    let postings = 0;
    for (const f of found) postings += names.partDf[f.part]!;
    return { unit, unitId, found, postings };
  });
  work.partsCompared = finder.takeCompared();
  planned.sort((a, b) => a.postings - b.postings || (a.unit.part.text < b.unit.part.text ? -1 : a.unit.part.text > b.unit.part.text ? 1 : 0));
  const followed = unitsFollowed(planned, prepared, threshold);

  // The big units (from the first big one followed on, the units not followed included) bound the names they bring.
  let big = ctx.bigFrom > 0 ? planned.findIndex((x) => x.postings >= ctx.bigFrom) : -1;
  if (big < 0 || big > followed) big = followed;
  const bound = big < followed && planned.length - big <= MAX_BIG_UNITS
    ? boundFor(ctx, planned.slice(big), prepared, nameThreshold, lo, hi, work)
    : undefined;

  const touched: number[] = [];
  const yearChecked = lo > 1 || hi < BUCKETS - 1 ? names.nameBucket : undefined;
  for (let u = 0; u < followed; u++) {
    const { unit, unitId, found } = planned[u]!;
    const bounded = bound !== undefined && u >= big ? bound : undefined;
    if (bounded !== undefined && u === big) for (const name of touched) bounded.touched[name >>> 5]! |= 1 << (name & 31);
    for (const { part, score } of found) {
      const credit = score * unit.weight;
      names.forLists(part, lo, hi, (arena, list, checked) => {
        work.postings += acc.follow(arena, list, credit, unitId, touched, checked ? yearChecked : undefined, lo, hi, bounded, work);
      });
    }
  }
  if (bound !== undefined) { ctx.bigBits.forEach((b) => b.release()); ctx.touchedBits.release(); }

  work.touched = touched.length;
  for (const { unit, unitId, found } of planned.slice(followed)) {
    acc.creditFound(touched, names.nameParts, unitId, unit.weight, found);
    work.credited += touched.length;
  }
  return touched;
}

/**
 * How many units (in order) are followed: while the units not yet followed could still lift a name
 * over the threshold in some segmentation (at most a whole name). Initials are never looked up: they
 * stay in the bound (an initial can add up to a whole part's weight).
 */
function unitsFollowed(planned: readonly Planned[], prepared: readonly PreparedName[], threshold: number): number {
  const whole = prepared.map((p) => p.parts.reduce((s, x) => s + x.weight, 0));
  const remaining = prepared.map((p) => p.parts.reduce((s, x) => s + (x.initial ? 1 : 0), 0));
  for (const { unit } of planned) for (const [p, w] of unit.weightIn) remaining[p] = remaining[p]! + w;
  let followed = 0;
  for (const { unit } of planned) {
    if (!remaining.some((r, p) => Math.min(r, whole[p]!) / whole[p]! >= threshold)) break;
    followed++;
    for (const [p, w] of unit.weightIn) remaining[p] = remaining[p]! - w;
  }
  return followed;
}

/** The big units' bits (marked from the postings the screening reads) and the sets of them that qualify. */
function boundFor(ctx: FollowContext, big: readonly Planned[], prepared: readonly PreparedName[], nameThreshold: number, lo: number, hi: number, work: ScreeningWork): NameBound {
  const { names } = ctx;
  const slots = names.nameTop;
  const sets = big.map(({ found }, i) => {
    const bits = (ctx.bigBits[i] ??= new SlotBits()).take(slots);
    for (const { part } of found) names.forLists(part, lo, hi, (arena, list) => { work.postings += markList(bits, arena, list); });
    return bits;
  });
  // As the unit bound reckons: a segmentation's whole weight, its initials at a whole part each.
  const segmentations = prepared.map((p) => ({
    whole: p.parts.reduce((s, x) => s + x.weight, 0),
    initials: p.parts.reduce((s, x) => s + (x.initial ? 1 : 0), 0),
  }));
  return { sets, touched: ctx.touchedBits.take(slots), initials: names.nameInitial, qualifies: qualifyingSets(big.map((x) => x.unit), segmentations, nameThreshold) };
}

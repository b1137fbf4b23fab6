/**
 * Finding the distinct parts of the index that resemble one part of a query:
 * the query part's keys (`queryKeys`, its variant classes) lead to parts of
 * the dictionary, and each is compared in full (`partSimilarity`). Two tiers:
 * the primary keys first; the one-class-off keys only when the primary ones
 * found no part closer than `CLOSE_PART`.
 *
 * Common parts (Mohammed, Wang, Maria) are asked again and again, and their
 * keys lead to thousands of parts, so what a search found is remembered
 * (least recently used out first, within a budget of parts held) and the next
 * search of the same part compares only the parts added to the dictionary
 * since. The answer is always the one a fresh search would give: parts are
 * compared whether or not a name holds them now, and filtered by that at
 * each use.
 */
import { partSimilarity, PART_MATCH_FLOOR, type AnalyzedPart } from './match.js';
import { queryKeys } from './phonetic.js';
import { grow, type PostingArena } from './postings.js';

/** A part this close found by the primary keys spares the wider one-class-off keys. */
export const CLOSE_PART = 0.9;
/** The least similarity a record part written as one needs to be found by two query parts written together. */
export const JOINED_FLOOR = 0.8;

/** What the finder reads of the index's dictionary of distinct parts. */
export interface PartDictionary {
  keyId(key: string): number | undefined;
  /** Key → the parts it leads to, in ascending part id (parts are only ever appended). */
  readonly keyParts: PostingArena;
  analysis(part: number): AnalyzedPart;
  /** How many names hold the part now (0: none; it is not a candidate). */
  df(part: number): number;
  partCount(): number;
}

export interface FoundPart {
  readonly part: number;
  readonly score: number;
}

/** Parts found through one tier of keys, among the parts below `top`. */
interface Tier {
  top: number;
  parts: Int32Array;
  scores: Float64Array;
}

interface Entry {
  /** Kept as text: a key no part has yet may lead to parts added later. */
  readonly primaryKeys: readonly string[];
  readonly secondaryKeys: readonly string[];
  primary: Tier;
  secondary: Tier | undefined;
}

export interface PartFinderLimits {
  /** Most parts held in remembered answers (their ids and scores: 12 bytes each). */
  readonly budget: number;
  /** A search that compared fewer parts than this is not remembered (doing it again is cheap). */
  readonly rememberFrom: number;
}

const DEFAULT_LIMITS: PartFinderLimits = { budget: 2_000_000, rememberFrom: 48 };

export class PartFinder {
  private readonly remembered = new Map<string, Entry>();
  private held = 0;
  private stamp = new Int32Array(1 << 10);
  private stampCounter = 0;
  private compared = 0;
  /** Parts compared in full since the counter was last read (a work count: `takeCompared`). */
  private comparedTotal = 0;

  constructor(
    private readonly dict: PartDictionary,
    private readonly limits: PartFinderLimits = DEFAULT_LIMITS,
  ) {}

  /**
   * The parts resembling `q`, held by at least one name now. A `joined` query
   * part (two of the query's parts written together) looks for a record part
   * written as one: only close ones count (a join is scored at 0.85 or not at
   * all) and only through the primary keys.
   */
  find(q: AnalyzedPart, kind: 'part' | 'joined' = 'part'): FoundPart[] {
    const key = `${kind}\u0001${cacheKey(q)}`;
    const floor = kind === 'joined' ? JOINED_FLOOR : PART_MATCH_FLOOR;
    let entry = this.remembered.get(key);
    const wasRemembered = entry !== undefined;
    this.compared = 0;
    if (entry) {
      this.remembered.delete(key); // set again below: the most recently used last
      this.held -= sizeOf(entry);
    } else {
      entry = { ...keysOf(q), primary: EMPTY_TIER, secondary: undefined };
    }
    this.extendPrimary(q, entry, floor);
    const out: FoundPart[] = [];
    let best = 0;
    collect(entry.primary, this.dict, out, (s) => { if (s > best) best = s; });
    if (best < CLOSE_PART && kind === 'part') {
      this.extendSecondary(q, entry, floor);
      collect(entry.secondary!, this.dict, out, () => {});
    }
    if (wasRemembered || this.compared >= this.limits.rememberFrom) this.remember(key, entry);
    this.comparedTotal += this.compared;
    return out;
  }

  /** Bytes held by remembered answers (ids, scores, keys; estimated for the strings). */
  bytes(): number {
    let b = this.stamp.byteLength;
    for (const [k, e] of this.remembered) b += 2 * k.length + 64 + 12 * sizeOf(e) + 40 * (e.primaryKeys.length + e.secondaryKeys.length) + 96;
    return b;
  }

  /** Parts compared in full since the last call (and resets the count). */
  takeCompared(): number {
    const n = this.comparedTotal;
    this.comparedTotal = 0;
    return n;
  }

  get rememberedParts(): number {
    return this.held;
  }

  private remember(key: string, entry: Entry): void {
    this.remembered.set(key, entry);
    this.held += sizeOf(entry);
    for (const [k, e] of this.remembered) {
      if (this.held <= this.limits.budget) break;
      this.remembered.delete(k);
      this.held -= sizeOf(e);
    }
  }

  private extendPrimary(q: AnalyzedPart, entry: Entry, floor: number): void {
    const top = this.dict.partCount();
    if (entry.primary.top === top) return;
    const stamp = this.nextStamp();
    const found = this.scan(q, entry.primaryKeys, entry.primary.top, stamp, floor);
    entry.primary = append(entry.primary, found, top);
  }

  private extendSecondary(q: AnalyzedPart, entry: Entry, floor: number): void {
    const top = this.dict.partCount();
    const from = entry.secondary?.top ?? 0;
    if (entry.secondary && from === top) return;
    // A part both tiers reach belongs to the primary one: mark those first, then take the rest.
    const stamp = this.nextStamp();
    this.scan(q, entry.primaryKeys, from, stamp, undefined);
    const found = this.scan(q, entry.secondaryKeys, from, stamp, floor);
    entry.secondary = append(entry.secondary ?? EMPTY_TIER, found, top);
  }

  /** The parts at or above `from` the keys lead to, not yet stamped, compared with `q` (or only stamped, without a floor). */
  private scan(q: AnalyzedPart, keys: readonly string[], from: number, stamp: number, floor: number | undefined): FoundPart[] {
    const out: FoundPart[] = [];
    const arena = this.dict.keyParts;
    for (const key of keys) {
      const id = this.dict.keyId(key);
      if (id === undefined) continue;
      const s = arena.start0(id);
      const values = arena.values;
      // Ascending ids: read from the end while the parts are new.
      for (let i = s + arena.length(id) - 1; i >= s; i--) {
        const part = values[i]!;
        if (part < from) break;
        if (this.stamp[part] === stamp) continue;
        this.stamp[part] = stamp;
        if (floor === undefined) continue;
        this.compared++;
        const sim = partSimilarity(q, this.dict.analysis(part), floor);
        if (sim.score >= floor) out.push({ part, score: sim.score });
      }
    }
    return out;
  }

  private nextStamp(): number {
    this.stamp = grow(this.stamp, this.dict.partCount(), (k) => new Int32Array(k));
    if (this.stampCounter > 0x3fffffff) { this.stamp.fill(0); this.stampCounter = 0; }
    return ++this.stampCounter;
  }
}

const EMPTY_TIER: Tier = { top: 0, parts: new Int32Array(0), scores: new Float64Array(0) };

function keysOf(q: AnalyzedPart): { primaryKeys: string[]; secondaryKeys: string[] } {
  const primary = new Set<string>();
  const secondary = new Set<string>();
  for (const sk of q.skels) {
    const k = queryKeys(sk);
    for (const x of k.primary) primary.add(x);
    for (const x of k.secondary) secondary.add(x);
  }
  for (const x of primary) secondary.delete(x);
  for (const c of q.classes) primary.add(`v:${c}`);
  return { primaryKeys: [...primary], secondaryKeys: [...secondary] };
}

function cacheKey(q: AnalyzedPart): string {
  return `${q.script}\u0001${q.text}\u0001${q.pforms.join(' ')}\u0001${q.classes.join(' ')}`;
}

function sizeOf(e: Entry): number {
  return e.primary.parts.length + (e.secondary?.parts.length ?? 0);
}

function append(t: Tier, found: readonly FoundPart[], top: number): Tier {
  if (found.length === 0) return { ...t, top };
  const parts = new Int32Array(t.parts.length + found.length);
  const scores = new Float64Array(parts.length);
  parts.set(t.parts);
  scores.set(t.scores);
  found.forEach((f, i) => { parts[t.parts.length + i] = f.part; scores[t.parts.length + i] = f.score; });
  return { top, parts, scores };
}

function collect(t: Tier, dict: PartDictionary, out: FoundPart[], seen: (score: number) => void): void {
  for (let i = 0; i < t.parts.length; i++) {
    const part = t.parts[i]!;
    if (dict.df(part) === 0) continue;
    const score = t.scores[i]!;
    seen(score);
    out.push({ part, score });
  }
}

/**
 * The name-screening index: persons' names held in memory, packed, with an
 * inverted index from compact phonetic keys to name parts, and from name
 * parts to the names holding them. A screening never scans the persons: it
 * looks up the keys of the query's parts, scores the distinct parts found
 * (a few hundred), follows their postings to the names holding them,
 * pre-ranks those by what they matched, and scores the best few in full.
 *
 * API
 * ---
 *   const index = new NameIndex();
 *   index.add(42, { names: ['Владимир Владимирович Путин', 'Vladimir Putin'],
 *                   birthDate: '1952-10-07', sex: 'M', nationalities: ['RUS'] });
 *   index.screen({ names: ['PUTIN, Vladimir'], birthDate: '1952' }, { limit: 10, threshold: 0.8 });
 *     → Candidate[] best first: { personId, score, nameScore, recordName, queryName,
 *        matches: [{ query, record, method, score, via, editDistance?, jaroWinkler? }],
 *        unmatchedQuery, unmatchedRecord, birthDate: { agreement, factor, detail }, sex, nationality }
 *   index.remove(42);   index.has(42);   index.size;   index.memory();
 *
 * - `personId` is the caller's integer id (0 … 2^32−2); `add` of an id already
 *   present throws `person.duplicate` (remove it first to replace it).
 * - `names` are full names as written, in any script; the first is the
 *   primary name, the others aliases and earlier names. Every name is
 *   validated (`normalizeName`) before anything is stored: a bad one throws a
 *   `NameError` and the index is unchanged.
 * - A candidate's score is its best name's score (`compareNames`) adjusted
 *   by birth date (exact raises it, swapped or near lowers it a little, a
 *   conflict by 40%), sex (differing: ×0.85) and nationality (none in
 *   common: ×0.97). `threshold` is the minimum score returned; `limit` the
 *   most candidates returned.
 * - Not re-entrant across threads (there are none); `screen` is synchronous
 *   and uses scratch arrays sized to the index.
 *
 * Memory: per name about 4 bytes per part in postings, 4 per part in the
 * name's part list, a few bytes of columns and scratch, and the dictionary of
 * distinct parts (shared by every name holding them). `memory()` reports it.
 */
import { applyBirth, BIRTH_FACTORS, compareBirthDates, MAX_BIRTH_YEAR, MIN_BIRTH_YEAR, parseBirthDate, type BirthComparison, type BirthDate, type BirthDateInput } from './birth-date.js';
import { NameError } from './errors.js';
import {
  analyzePart, compareNames, joinedSimilarity, partSimilarity, PART_MATCH_FLOOR, RECORD_EXTRA_COST,
  type AnalyzedPart, type NameComparison, type PartMatch, type PartSimilarity,
} from './match.js';
import { normalizeName, type NormalizedName, type Script } from './normalize.js';
import { PartFinder, type PartFinderLimits } from './part-finder.js';
import { phoneticForm, indexKeys, skeleton } from './phonetic.js';
import { grow, IntMap, PostingArena } from './postings.js';
import { isChineseSurname } from './translit/han.js';
import { isKoreanSurname } from './translit/hangul.js';

export type Sex = 'M' | 'F' | 'X';

export interface PersonNames {
  /** Full names as written, in any script; the first is the primary name. */
  readonly names: readonly string[];
  readonly birthDate?: BirthDateInput;
  readonly sex?: Sex;
  /** ISO 3166-1 alpha-3 codes (the first two are kept). */
  readonly nationalities?: readonly string[];
}

export interface ScreeningQuery {
  /** One or more names (a name and its other spellings or aliases), any script. */
  readonly names: readonly string[];
  readonly birthDate?: BirthDateInput;
  readonly sex?: Sex;
  readonly nationalities?: readonly string[];
}

export interface ScreeningOptions {
  /** Most candidates returned, 1 … 1000. */
  readonly limit: number;
  /** Least score returned, 0 … 1. */
  readonly threshold: number;
}

export interface Candidate {
  readonly personId: number;
  /** In [0, 1]: the name score adjusted by birth date, sex and nationality. */
  readonly score: number;
  readonly nameScore: number;
  /** Which of the person's names matched (0 = primary) and its parts as normalised. */
  readonly recordName: { readonly index: number; readonly parts: readonly string[] };
  /** Which of the query's names matched. */
  readonly queryName: number;
  readonly matches: readonly PartMatch[];
  readonly unmatchedQuery: readonly string[];
  readonly unmatchedRecord: readonly string[];
  readonly birthDate: BirthComparison;
  /** Present when the name was found common (at least `namesakes` persons bear it) and no birth date confirms it: the score was multiplied by `factor`. */
  readonly commonName?: { readonly namesakes: number; readonly factor: number };
  readonly sex: 'agrees' | 'differs' | 'unknown';
  readonly nationality: 'agrees' | 'differs' | 'unknown';
}

/**
 * What one screening did, counted (not timed: the counts do not depend on the machine's load).
 * `partsCompared`: dictionary parts compared with a query part; `postings`: name entries read from
 * postings lists; `touched`: distinct names reached; `credited`: names re-read to credit parts not
 * followed; `scored`: names compared in full (`compareNames`, per query segmentation).
 */
export interface ScreeningWork {
  partsCompared: number;
  postings: number;
  touched: number;
  credited: number;
  scored: number;
}

export const MAX_NAMES_PER_PERSON = 32;
export const MAX_LIMIT = 1000;
const MAX_PERSON_ID = 0xfffffffe;
/** A name scoring this much is the query's name (same spelling, script or sound). */
const SAME_NAME = 0.97;
/**
 * So many persons bearing the query's name make it common: unconfirmed by a birth date, its score is
 * multiplied by `factor`, and by `step` less each time the namesakes double again, down to `floor`
 * (5–9 namesakes ×0.85, 10–19 ×0.80, 20 or more ×0.78): the more persons bear a name, the more of them
 * a traveller of that name meets by chance (decision 0009). The floor keeps a record of the very name
 * with no birth date in view (1 × 0.9 × 0.78 ≥ 0.7, the least score shown), never a hit.
 */
const COMMON_NAME = { namesakes: 5, factor: 0.85, step: 0.05, floor: 0.78 } as const;

/** The commonness factor for `namesakes` persons bearing the name (1 below COMMON_NAME.namesakes). */
export function commonNameFactor(namesakes: number): number {
  if (namesakes < COMMON_NAME.namesakes) return 1;
  const doublings = Math.floor(Math.log2(namesakes / COMMON_NAME.namesakes));
  return Math.max(COMMON_NAME.floor, Math.round((COMMON_NAME.factor - COMMON_NAME.step * doublings) * 100) / 100);
}

/**
 * A name's key for counting namesakes: the first phonetic form of each part, sorted (so the order of
 * the parts and the script do not matter: Wang Wei, WEI Wang and 王 伟 share it), hashed to 32 bits.
 */
function nameKey(parts: readonly AnalyzedPart[]): number {
  const forms = parts.map((p) => p.pforms[0] ?? p.text).sort();
  let h = 0x811c9dc5;
  for (const f of forms) {
    for (let i = 0; i < f.length; i++) h = Math.imul(h ^ f.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x20, 0x01000193);
  }
  return (h >>> 0) === 0xffffffff ? 0 : h >>> 0;
}
/** A person of the other sex: the score is multiplied by this. */
const SEX_DIFFERS = 0.85;

const SCRIPTS: readonly Script[] = ['latin', 'cyrillic', 'greek', 'arabic', 'hebrew', 'han', 'japanese', 'korean', 'other'];
const SCRIPT_CODE = new Map<Script, number>(SCRIPTS.map((s, i) => [s, i]));

/** Precision codes of the packed birth column; 0 = none. */
const PRECISIONS = ['day', 'month', 'year', 'range'] as const;
const SEX_CODE: Readonly<Record<Sex, number>> = { M: 1, F: 2, X: 3 };

/**
 * Birth-year buckets. A part held by at least `BUCKET_FROM` names keeps its postings in one list per
 * birth year (a name whose person was born within one calendar year; a range of up to `MAX_SPAN` years
 * is posted in each of its years) and one "wide" list (no date, or a wider range), so a screening with
 * a birth date reads only the years near it: a record whose date conflicts scores at most
 * `BIRTH_FACTORS.conflict` (0.6) and is never returned above a threshold over that. Bucket 0 is the
 * wide one; year y is bucket 1 + y − MIN_BIRTH_YEAR.
 */
export const BUCKET_FROM = 1024;
const BUCKETS = 2 + MAX_BIRTH_YEAR - MIN_BIRTH_YEAR;
/** The widest range (in years, less one) posted year by year; wider ones go to the wide list. */
const MAX_SPAN = 9;
/** A date this many days from the query's can still be "near" (never a conflict): see compareBirthDates. */
const NEAR_DAYS = 366;
const DAY_MS = 86_400_000;

function yearBucket(day: number): number {
  const y = new Date(day * DAY_MS).getUTCFullYear();
  return 1 + Math.min(MAX_BIRTH_YEAR, Math.max(MIN_BIRTH_YEAR, y)) - MIN_BIRTH_YEAR;
}

/**
 * The buckets of a person's names, packed: the first year's bucket (0: wide) in the low byte and how
 * many more years the date spans (0 … MAX_SPAN) above it.
 */
function bucketOf(birth: BirthDate | undefined): number {
  if (!birth) return 0;
  const from = yearBucket(birth.from);
  const span = yearBucket(birth.to) - from;
  return span <= MAX_SPAN ? from | (span << 8) : 0;
}

/** Leading particles a query part may carry glued on (Abdulrahman, Alhassan, Vandermeer): tried apart too. */
const GLUED_PREFIXES = ['abdul', 'abdel', 'abdal', 'abdur', 'abdar', 'abd', 'abu', 'abou', 'al', 'el', 'ul', 'bin', 'ben', 'van', 'von', 'de', 'di', 'mac', 'mc', 'fitz'];

interface Unit {
  readonly part: AnalyzedPart;
  /** The credit a name found by this unit gets (its greatest weight in any of the query's segmentations). */
  weight: number;
  /** Per segmentation of the query (index into the prepared names) holding this unit: its weight there. */
  readonly weightIn: Map<number, number>;
  /** Two of the query's parts written together (looked up more strictly). */
  readonly joined: boolean;
}

interface PreparedName {
  readonly parts: readonly AnalyzedPart[];
  readonly queryName: number;
}

interface PreparedPerson {
  readonly names: { normalized: NormalizedName; ordinal: number; parts: string[] }[];
  readonly birth: BirthDate | undefined;
  readonly sex: number;
  readonly nat: [number, number];
}

function encodeCountry(code: string): number {
  if (!/^[A-Z]{3}$/u.test(code)) throw new NameError('person.nationality_invalid', `"${code}" is not an ISO 3166-1 alpha-3 code`);
  return ((code.charCodeAt(0) - 64) << 10) | ((code.charCodeAt(1) - 64) << 5) | (code.charCodeAt(2) - 64);
}

/** Alternative segmentation of a Chinese or Korean name written as one token: surname + given name. */
function splitSurname(name: NormalizedName): string[] | null {
  if (name.parts.length !== 1) return null;
  const chars = Array.from(name.parts[0]!);
  if (chars.length < 2 || chars.length > 4) return null;
  const first = chars[0]!;
  if (name.script === 'han' && isChineseSurname(first)) return [first, chars.slice(1).join('')];
  if (name.script === 'korean' && isKoreanSurname(first)) return [first, chars.slice(1).join('')];
  return null;
}

export class NameIndex {
  // persons, by slot
  private readonly slotOf = new IntMap(1 << 12);
  private personId = new Uint32Array(1 << 10);
  private birthFrom = new Int32Array(1 << 10);
  private birthTo = new Int32Array(1 << 10);
  /** low 3 bits: birth precision code; bits 3–4: sex code. */
  private personFlags = new Uint8Array(1 << 10);
  private nat = new Uint16Array(1 << 11);
  private readonly personNames = new PostingArena(1 << 12, 1 << 10);
  private readonly freePersons: number[] = [];
  /** Name key (`nameKey`) → how many persons bear a name of that key (each person once). */
  private readonly namesakeCount = new IntMap(1 << 12);
  private personTop = 0;
  private persons = 0;

  // names, by slot
  private nameOwner = new Int32Array(1 << 10);
  private nameOrdinal = new Uint8Array(1 << 10);
  /** Per name: its person's birth-year buckets (see `bucketOf`). */
  private nameBucket = new Uint16Array(1 << 10);
  private readonly nameParts = new PostingArena(1 << 12, 1 << 10);
  private readonly freeNames: number[] = [];
  private nameTop = 0;
  private names = 0;

  // distinct parts
  private readonly partIds = new Map<string, number>();
  private readonly partText: string[] = [];
  /** Each part's analysis (phonetic forms, skeletons, classes): computed once, shared by every name holding it. */
  private readonly partAnalysis: AnalyzedPart[] = [];
  private partScript = new Uint8Array(1 << 10);
  private partWeight = new Uint8Array(1 << 10);
  private partDf = new Int32Array(1 << 10);
  private readonly partNames = new PostingArena(1 << 12, 1 << 10);
  /** Per part: 0, or 1 + the first of its `BUCKETS` lists in `yearNames` once it is common (see BUCKET_FROM). */
  private bucketBase = new Int32Array(1 << 10);
  private readonly yearNames = new PostingArena(1 << 12, 1 << 10);
  private bucketLists = 0;

  // keys → parts
  private readonly keyIds = new Map<string, number>();
  private readonly keyParts = new PostingArena(1 << 12, 1 << 10);

  // screening scratch (sized to the slots)
  private lastUnit = new Int32Array(1 << 10);
  private acc = new Float32Array(1 << 10);
  private hits = new Uint8Array(1 << 10);
  /** Per part: the unit that last found it and with what similarity (for crediting names the unit did not follow). */
  private foundStamp = new Int32Array(1 << 10);
  private foundScore = new Float32Array(1 << 10);
  private unitCounter = 0;

  private readonly finder: PartFinder;
  private work: ScreeningWork = { partsCompared: 0, postings: 0, touched: 0, credited: 0, scored: 0 };

  private readonly bucketFrom: number;
  private readonly nearYearsOnly: boolean;

  /**
   * `bucketFrom`: how many names make a part common (its postings split by birth year; tests set it
   * low). `nearYearsOnly: false` makes a dated screening read every year, as a reference for tests:
   * the answers are the same, only slower.
   */
  constructor(finderLimits?: PartFinderLimits, options: { readonly bucketFrom?: number; readonly nearYearsOnly?: boolean } = {}) {
    this.bucketFrom = options.bucketFrom ?? BUCKET_FROM;
    this.nearYearsOnly = options.nearYearsOnly ?? true;
    this.finder = new PartFinder({
      keyId: (key) => this.keyIds.get(key),
      keyParts: this.keyParts,
      analysis: (part) => this.partAnalysis[part]!,
      df: (part) => this.partDf[part]!,
      partCount: () => this.partAnalysis.length,
    }, finderLimits);
  }

  get size(): number {
    return this.persons;
  }

  /** Names held (aliases and alternative segmentations included). */
  get nameCount(): number {
    return this.names;
  }

  get partCount(): number {
    return this.partText.length;
  }

  /** The work the last screening did (counts, for benchmarks and tests). */
  get lastWork(): Readonly<ScreeningWork> {
    return this.work;
  }

  has(personId: number): boolean {
    return this.slotOf.get(personId) !== undefined;
  }

  /** Adds a person. Validates everything first: on error nothing is stored. */
  add(personId: number, person: PersonNames): void {
    if (!Number.isInteger(personId) || personId < 0 || personId > MAX_PERSON_ID) throw new NameError('person.id_invalid');
    if (this.slotOf.get(personId) !== undefined) throw new NameError('person.duplicate', `Person ${personId} is already in the index`);
    const prepared = this.prepare(person);

    const slot = this.freePersons.pop() ?? this.personTop++;
    this.ensurePersonCapacity(slot + 1);
    this.slotOf.set(personId, slot);
    this.personId[slot] = personId;
    const b = prepared.birth;
    this.birthFrom[slot] = b ? b.from : 0;
    this.birthTo[slot] = b ? b.to : 0;
    this.personFlags[slot] = (b ? PRECISIONS.indexOf(b.precision) + 1 : 0) | (prepared.sex << 3);
    this.nat[slot * 2] = prepared.nat[0];
    this.nat[slot * 2 + 1] = prepared.nat[1];
    const bucket = bucketOf(b);
    for (const n of prepared.names) this.addName(slot, n.ordinal, n.normalized.script, n.parts, bucket);
    for (const key of this.nameKeysOf(slot)) this.namesakeCount.set(key, (this.namesakeCount.get(key) ?? 0) + 1);
    this.persons++;
  }

  /**
   * Searches the `count` commonest parts of the dictionary once, so that the part finder remembers what
   * resembles them (a hub calls it after building the index: the first screenings of common names are
   * then as fast as later ones). Answers the parts searched. Changes no answer.
   */
  warm(count = 5000): number {
    const order: number[] = [];
    for (let p = 0; p < this.partAnalysis.length; p++) if (this.partDf[p]! > 0 && !this.partAnalysis[p]!.initial) order.push(p);
    order.sort((a, b) => this.partDf[b]! - this.partDf[a]! || a - b);
    const chosen = order.slice(0, count);
    for (const p of chosen) this.finder.find(this.partAnalysis[p]!, 'part');
    this.finder.takeCompared();
    return chosen.length;
  }

  /** Removes a person; false when it was not there. */
  remove(personId: number): boolean {
    const slot = this.slotOf.get(personId);
    if (slot === undefined) return false;
    for (const key of this.nameKeysOf(slot)) {
      const n = this.namesakeCount.get(key)!;
      if (n <= 1) this.namesakeCount.delete(key);
      else this.namesakeCount.set(key, n - 1);
    }
    const arena = this.personNames;
    while (arena.length(slot) > 0) {
      const nameSlot = arena.values[arena.start0(slot) + arena.length(slot) - 1]!;
      arena.remove(slot, nameSlot);
      this.removeName(nameSlot);
    }
    this.slotOf.delete(personId);
    this.freePersons.push(slot);
    this.persons--;
    return true;
  }

  /** Screens a query against the index: candidates at or above the threshold, best first, at most `limit`. */
  screen(query: ScreeningQuery, opts: ScreeningOptions): Candidate[] {
    if (!Number.isInteger(opts.limit) || opts.limit < 1 || opts.limit > MAX_LIMIT || !(opts.threshold >= 0 && opts.threshold <= 1)) {
      throw new NameError('screening.limit_invalid', `limit must be 1…${MAX_LIMIT} and threshold 0…1`);
    }
    if (!Array.isArray(query.names) || query.names.length === 0) throw new NameError('person.names_missing');
    if (query.names.length > MAX_NAMES_PER_PERSON) throw new NameError('person.names_too_many');
    const qBirth = query.birthDate === undefined ? undefined : parseBirthDate(query.birthDate);
    const qSex = query.sex === undefined ? 0 : SEX_CODE[query.sex] ?? invalidSex();
    const qNat = (query.nationalities ?? []).map(encodeCountry);

    // The query's names, each with its alternative segmentation.
    const prepared: PreparedName[] = [];
    const queryNames: readonly string[] = query.names;
    queryNames.forEach((raw, qi) => {
      const n = normalizeName(raw);
      prepared.push({ parts: n.parts.map((p) => analyzePart(p, n.script)), queryName: qi });
      const split = splitSurname(n);
      if (split) prepared.push({ parts: split.map((p) => analyzePart(p, n.script)), queryName: qi });
    });
    const units = this.queryUnits(prepared);
    let minWeight = Infinity;
    for (const p of prepared) minWeight = Math.min(minWeight, p.parts.reduce((s, x) => s + x.weight, 0));

    // 1. Candidate parts by key, scored; 2. their names, accumulated.
    if (this.unitCounter > 0x3fffffff) { this.lastUnit.fill(0); this.foundStamp.fill(0); this.unitCounter = 0; }
    const queryStart = this.unitCounter;
    const touched: number[] = [];
    const work: ScreeningWork = { partsCompared: 0, postings: 0, touched: 0, credited: 0, scored: 0 };
    this.work = work;
    this.finder.takeCompared();
    const partCache = new Map<number, AnalyzedPart>();
    // Units from the rarest (fewest names behind its parts) to the commonest. A name that only the
    // remaining units could still reach scores at most their weight over the query's: when that is below
    // the threshold, the remaining (common) units bring no new candidate and are not followed; the
    // full scoring below still compares them with every candidate found.
    // A screening with a birth date, above a threshold no conflicting date can reach, reads only the names
    // born in the years near it (and those whose date is wide or missing): `lo`…`hi` are their buckets.
    const dated = this.nearYearsOnly && qBirth !== undefined && opts.threshold > BIRTH_FACTORS.conflict;
    const lo = dated ? yearBucket(qBirth.from - NEAR_DAYS) : 1;
    const hi = dated ? yearBucket(qBirth.to + NEAR_DAYS) : BUCKETS - 1;
    const planned = units.map((unit) => {
      const unitId = ++this.unitCounter;
      const found = [...this.finder.find(unit.part, unit.joined ? 'joined' : 'part')].sort((a, b) => b.score - a.score);
      // Ordered by all the names behind the unit, not only those born near the date: which units are
      // followed (below) is then the same as when every year is read, and so are the answers.
      let postings = 0;
      for (const f of found) postings += this.partDf[f.part]!;
      return { unit, unitId, found, postings };
    });
    work.partsCompared = this.finder.takeCompared();
    planned.sort((a, b) => a.postings - b.postings || (a.unit.part.text < b.unit.part.text ? -1 : a.unit.part.text > b.unit.part.text ? 1 : 0));
    // The bound, per segmentation of the query (a Chinese name as one token, and as surname + given name):
    // what its units not yet followed could still add, at most the whole of it. Initials are never looked
    // up: they stay in the bound (an initial can add up to a whole part's weight).
    const whole = prepared.map((p) => p.parts.reduce((s, x) => s + x.weight, 0));
    const remaining = prepared.map((p) => p.parts.reduce((s, x) => s + (x.initial ? 1 : 0), 0));
    for (const { unit } of planned) for (const [p, w] of unit.weightIn) remaining[p] = remaining[p]! + w;
    const reachable = (): boolean => remaining.some((r, p) => Math.min(r, whole[p]!) / whole[p]! >= opts.threshold);
    let followed = 0;
    for (const { unit, unitId, found } of planned) {
      if (!reachable()) break;
      followed++;
      for (const [p, w] of unit.weightIn) remaining[p] = remaining[p]! - w;
      for (const { part, score } of found) {
        const credit = score * unit.weight;
        const base = this.bucketBase[part]!;
        if (base === 0) {
          // A rare part: one list, its names outside the years asked skipped one by one.
          work.postings += this.follow(this.partNames, part, credit, unitId, queryStart, touched, lo, hi);
          continue;
        }
        work.postings += this.follow(this.yearNames, base - 1, credit, unitId, queryStart, touched, 1, BUCKETS - 1);
        for (let b = lo; b <= hi; b++) work.postings += this.follow(this.yearNames, base - 1 + b, credit, unitId, queryStart, touched, 1, BUCKETS - 1);
      }
    }

    // The units not followed still credit the names already found (Kenji found, Tanaka not followed:
    // every Kenji Tanaka must still rank above every other Kenji), through the names' own parts.
    work.touched = touched.length;
    for (const { unit, unitId, found } of planned.slice(followed)) { this.creditFound(touched, unitId, unit.weight, found); work.credited += touched.length; }

    // 3. Pre-rank by the accumulated credit against what the name leaves unmatched, and by birth date
    // and sex (among namesakes, the one born that day first); keep the best few.
    const keep = Math.max(opts.limit * 2, 60);
    let chosen: number[];
    if (touched.length <= keep) chosen = touched;
    else {
      const approx = new Float32Array(touched.length);
      for (let i = 0; i < touched.length; i++) {
        const name = touched[i]!;
        const extra = Math.max(0, this.nameParts.length(name) - this.hits[name]!);
        // Units overlap (Ali, Otaibi and Ali+Otaibi all credit an Alotaibi): more than a whole name is a whole name.
        const share = Math.min(1, this.acc[name]! / (minWeight + RECORD_EXTRA_COST * extra));
        approx[i] = share * this.quickAgreement(this.nameOwner[name]!, qBirth, qSex);
      }
      const cut = cutForTop(approx, keep);
      const above: number[] = [];
      for (let i = 0; i < touched.length; i++) if (approx[i]! >= cut) above.push(i);
      // Many namesakes tie: keep a bounded number, best first, then by slot (not by the order found).
      if (above.length > keep * 4) {
        above.sort((a, b) => approx[b]! - approx[a]! || touched[a]! - touched[b]!);
        above.length = keep * 4;
      }
      chosen = above.map((i) => touched[i]!);
    }

    // 4. Score the chosen names in full; a person's score is its best name's.
    const simCache = new Map<AnalyzedPart, Map<AnalyzedPart, PartSimilarity>>();
    const sim = (q: AnalyzedPart, r: AnalyzedPart): PartSimilarity => {
      let m = simCache.get(q);
      if (!m) { m = new Map(); simCache.set(q, m); }
      let s = m.get(r);
      if (!s) {
        // Every pair compared, found by the keys or not (keys are a candidate generator, not the judge:
        // a part they missed still counts in the person's score).
        s = partSimilarity(q, r, PART_MATCH_FLOOR);
        m.set(r, s);
      }
      return s;
    };
    // Candidates share parts (every Kenji Tanaka): a join is tested once per screening.
    const joinCache = new Map<AnalyzedPart, Map<AnalyzedPart, Map<AnalyzedPart, PartSimilarity>>>();
    const joined = (single: AnalyzedPart, a: AnalyzedPart, b: AnalyzedPart): PartSimilarity => {
      let bySingle = joinCache.get(single);
      if (!bySingle) { bySingle = new Map(); joinCache.set(single, bySingle); }
      let byA = bySingle.get(a);
      if (!byA) { byA = new Map(); bySingle.set(a, byA); }
      let s = byA.get(b);
      if (!s) { s = joinedSimilarity(single, a, b); byA.set(b, s); }
      return s;
    };
    const best = new Map<number, { cmp: NameComparison; name: number; queryName: number; parts: readonly AnalyzedPart[] }>();
    for (const name of chosen) {
      const recordParts = this.namePartsOf(name, partCache);
      const slot = this.nameOwner[name]!;
      for (const p of prepared) {
        work.scored++;
        const cmp = compareNames(p.parts, recordParts, sim, joined, false);
        const prev = best.get(slot);
        if (!prev || cmp.score > prev.cmp.score || (cmp.score === prev.cmp.score && this.nameOrdinal[name]! < this.nameOrdinal[prev.name]!)) {
          best.set(slot, { cmp, name, queryName: p.queryName, parts: p.parts });
        }
      }
    }

    // Namesakes: the persons in the index bearing the query's name, counted by name key whatever their
    // birth dates (a dated screening does not read those born in other years), or those found bearing it
    // (a score of SAME_NAME: another script or spelling of the same sound) when they are more.
    const births = new Map<number, { record: BirthDate | undefined; birth: BirthComparison }>();
    let namesakes = 0;
    for (const p of prepared) namesakes = Math.max(namesakes, this.namesakeCount.get(nameKey(p.parts)) ?? 0);
    let found = 0;
    for (const [slot, b] of best) {
      if (b.cmp.score === 0) continue;
      const record = this.birthOf(slot);
      const birth = compareBirthDates(qBirth, record);
      births.set(slot, { record, birth });
      if (b.cmp.score >= SAME_NAME && birth.agreement !== 'conflict') found++;
    }
    namesakes = Math.max(namesakes, found);
    const factor = commonNameFactor(namesakes);
    const out: { candidate: Candidate; name: number; parts: readonly AnalyzedPart[] }[] = [];
    for (const [slot, b] of best) {
      if (b.cmp.score === 0) continue;
      const { record, birth } = births.get(slot)!;
      let score = applyBirth(b.cmp.score, birth);
      // A date was asked but the record cannot confirm it (none, a year, a range, or only near), and many
      // others bear the name: the name alone is weak evidence (the namesakes of a common name would all hit).
      const uncorroborated = birth.agreement === 'missing' || birth.agreement === 'near'
        || (birth.agreement === 'compatible' && (record!.precision === 'year' || record!.precision === 'range'));
      const commonName = uncorroborated && factor < 1 ? { namesakes, factor } : undefined;
      if (commonName) score *= commonName.factor;
      const rSex = (this.personFlags[slot]! >> 3) & 3;
      const sex = qSex === 0 || rSex === 0 || qSex === 3 || rSex === 3 ? 'unknown' : qSex === rSex ? 'agrees' : 'differs';
      if (sex === 'differs') score *= SEX_DIFFERS;
      const rNat = [this.nat[slot * 2]!, this.nat[slot * 2 + 1]!].filter((x) => x !== 0);
      const nationality = qNat.length === 0 || rNat.length === 0 ? 'unknown' : qNat.some((x) => rNat.includes(x)) ? 'agrees' : 'differs';
      if (nationality === 'differs') score *= 0.97;
      score = Math.round(score * 10_000) / 10_000;
      if (score < opts.threshold) continue;
      out.push({ name: b.name, parts: b.parts, candidate: {
        personId: this.personId[slot]!,
        score,
        nameScore: b.cmp.score,
        recordName: { index: this.nameOrdinal[b.name]!, parts: this.namePartsOf(b.name, partCache).map((p) => p.text) },
        queryName: b.queryName,
        matches: b.cmp.matches,
        unmatchedQuery: b.cmp.unmatchedQuery,
        unmatchedRecord: b.cmp.unmatchedRecord,
        birthDate: birth,
        ...(commonName ? { commonName } : {}),
        sex,
        nationality,
      } });
    }
    out.sort((a, b) => b.candidate.score - a.candidate.score || a.candidate.personId - b.candidate.personId);
    // Only the candidates returned are explained in full (ranking needed the scores alone).
    return out.slice(0, opts.limit).map(({ candidate, name, parts }) => ({
      ...candidate,
      matches: compareNames(parts, this.namePartsOf(name, partCache), sim, joined).matches,
    }));
  }

  /** Bytes held by the index, by component: typed arrays exactly, strings and maps estimated. */
  memory(): { bytes: number; perName: number; parts: Record<string, number> } {
    let strings = 0;
    for (let i = 0; i < this.partText.length; i++) {
      const a = this.partAnalysis[i]!;
      // object and arrays (headers, slots), and the strings (header and two bytes a character at most)
      strings += 40 + 24 + 3 * 32 + 2 * (this.partText[i]!.length + 24);
      for (const f of a.pforms) strings += 2 * f.length + 24 + 8;
      for (const f of a.skels) strings += 2 * f.length + 24 + 8;
      strings += 8 * a.classes.length;
    }
    let dict = 0;
    for (const k of this.partIds.keys()) dict += 2 * k.length + 24 + 40;
    for (const k of this.keyIds.keys()) dict += 2 * k.length + 24 + 40;
    const parts: Record<string, number> = {
      persons: this.slotOf.bytes() + this.namesakeCount.bytes() + this.personId.byteLength + this.birthFrom.byteLength + this.birthTo.byteLength + this.personFlags.byteLength + this.nat.byteLength + this.personNames.bytes(),
      names: this.nameOwner.byteLength + this.nameOrdinal.byteLength + this.nameBucket.byteLength + this.nameParts.bytes(),
      postings: this.partNames.bytes() + this.yearNames.bytes() + this.keyParts.bytes(),
      partColumns: this.partScript.byteLength + this.partWeight.byteLength + this.partDf.byteLength + this.bucketBase.byteLength + this.foundStamp.byteLength + this.foundScore.byteLength,
      partAnalyses: strings,
      dictionaries: dict,
      scratch: this.lastUnit.byteLength + this.acc.byteLength + this.hits.byteLength,
      rememberedParts: this.finder.bytes(),
    };
    const bytes = Object.values(parts).reduce((a, b) => a + b, 0);
    return { bytes, perName: this.names === 0 ? 0 : bytes / this.names, parts };
  }

  // ---------------------------------------------------------------- adding

  private prepare(person: PersonNames): PreparedPerson {
    if (!person || !Array.isArray(person.names) || person.names.length === 0) throw new NameError('person.names_missing');
    if (person.names.length > MAX_NAMES_PER_PERSON) throw new NameError('person.names_too_many');
    const names: PreparedPerson['names'] = [];
    const personNames: readonly string[] = person.names;
    personNames.forEach((raw, ordinal) => {
      const normalized = normalizeName(raw);
      names.push({ normalized, ordinal, parts: [...normalized.parts] });
      const split = splitSurname(normalized);
      if (split) names.push({ normalized, ordinal, parts: split });
    });
    const birth = person.birthDate === undefined ? undefined : parseBirthDate(person.birthDate);
    const sex = person.sex === undefined ? 0 : SEX_CODE[person.sex] ?? invalidSex();
    const nats = (person.nationalities ?? []).map(encodeCountry);
    return { names, birth, sex, nat: [nats[0] ?? 0, nats[1] ?? 0] };
  }

  private addName(personSlot: number, ordinal: number, script: Script, parts: readonly string[], bucket: number): void {
    const slot = this.freeNames.pop() ?? this.nameTop++;
    this.ensureNameCapacity(slot + 1);
    this.nameOwner[slot] = personSlot;
    this.nameOrdinal[slot] = ordinal;
    this.nameBucket[slot] = bucket;
    this.lastUnit[slot] = 0;
    this.personNames.push(personSlot, slot);
    const seen = new Set<number>();
    for (const text of parts) {
      const part = this.internPart(text, script);
      this.nameParts.push(slot, part);
      if (seen.has(part)) continue; // a part twice in one name is posted once
      seen.add(part);
      const base = this.bucketBase[part]!;
      if (base > 0) this.forBuckets(bucket, (b) => this.yearNames.push(base - 1 + b, slot));
      else this.partNames.push(part, slot);
      const df = this.partDf[part]! + 1;
      this.partDf[part] = df;
      if (base === 0 && df >= this.bucketFrom) this.splitByYear(part);
    }
    this.names++;
  }

  private removeName(slot: number): void {
    const arena = this.nameParts;
    const seen = new Set<number>();
    const s = arena.start0(slot);
    for (let i = 0; i < arena.length(slot); i++) {
      const part = arena.values[s + i]!;
      if (seen.has(part)) continue;
      seen.add(part);
      const base = this.bucketBase[part]!;
      if (base > 0) this.forBuckets(this.nameBucket[slot]!, (b) => this.yearNames.remove(base - 1 + b, slot));
      else this.partNames.remove(part, slot);
      this.partDf[part] = this.partDf[part]! - 1;
    }
    arena.clear(slot);
    this.freeNames.push(slot);
    this.names--;
  }

  /** The distinct name keys of a person's names. */
  private nameKeysOf(personSlot: number): Set<number> {
    const keys = new Set<number>();
    const arena = this.personNames;
    const s = arena.start0(personSlot);
    for (let i = 0; i < arena.length(personSlot); i++) keys.add(nameKey(this.namePartsOf(arena.values[s + i]!)));
    return keys;
  }

  /** Calls `f` with each bucket of a packed `bucketOf` value. */
  private forBuckets(packed: number, f: (bucket: number) => void): void {
    const first = packed & 0xff;
    const last = first === 0 ? 0 : first + (packed >> 8);
    for (let b = first; b <= last; b++) f(b);
  }

  /** A part now common: its postings move to one list per birth year (it stays so if it becomes rare again). */
  private splitByYear(part: number): void {
    const base = this.bucketLists;
    this.bucketLists += BUCKETS;
    const arena = this.partNames;
    const s = arena.start0(part);
    const n = arena.length(part);
    for (let i = 0; i < n; i++) {
      const name = arena.values[s + i]!;
      this.forBuckets(this.nameBucket[name]!, (b) => this.yearNames.push(base + b, name));
    }
    arena.clear(part);
    this.bucketBase[part] = base + 1;
  }

  private internPart(text: string, script: Script): number {
    const key = `${SCRIPT_CODE.get(script)!}${text}`;
    const found = this.partIds.get(key);
    if (found !== undefined) return found;
    const a = analyzePart(text, script);
    const id = this.partText.length;
    this.partIds.set(key, id);
    this.partText.push(text);
    this.partAnalysis.push(a);
    this.ensurePartCapacity(id + 1);
    this.partScript[id] = SCRIPT_CODE.get(script)!;
    this.partWeight[id] = Math.round(a.weight * 100);
    this.partDf[id] = 0;
    // Initials are never looked up by key (a "V." would fetch half the index); they count when the rest matched.
    if (!a.initial) {
      const keys = new Set<string>();
      for (const sk of a.skels) for (const k of indexKeys(sk)) keys.add(k);
      for (const c of a.classes) keys.add(`v:${c}`);
      for (const k of keys) this.keyParts.push(this.keyId(k, true)!, id);
    }
    return id;
  }

  private keyId(key: string, create: boolean): number | undefined {
    let id = this.keyIds.get(key);
    if (id === undefined && create) {
      id = this.keyIds.size;
      this.keyIds.set(key, id);
    }
    return id;
  }

  // ------------------------------------------------------------- screening

  private analyzed(part: number, _cache?: unknown): AnalyzedPart {
    return this.partAnalysis[part]!;
  }

  private namePartsOf(name: number, cache?: Map<number, AnalyzedPart>): AnalyzedPart[] {
    const arena = this.nameParts;
    const s = arena.start0(name);
    const out: AnalyzedPart[] = [];
    for (let i = 0; i < arena.length(name); i++) out.push(this.analyzed(arena.values[s + i]!, cache));
    return out;
  }

  /** The units a query looks up: its parts, adjacent parts written together, and glued particles taken apart. */
  private queryUnits(prepared: readonly PreparedName[]): Unit[] {
    const units: Unit[] = [];
    const at = new Map<string, Unit>();
    let segmentation = 0;
    // A part twice in one name (Hasan Hasan, Mohammed Mohammed) is one unit worth both.
    const add = (part: AnalyzedPart, weight: number, joined = false): void => {
      if (part.initial) return;
      const key = `${part.script}:${part.text}:${joined}`;
      let unit = at.get(key);
      if (!unit) { unit = { part, weight: 0, weightIn: new Map(), joined }; at.set(key, unit); units.push(unit); }
      const total = (unit.weightIn.get(segmentation) ?? 0) + weight;
      unit.weightIn.set(segmentation, total);
      if (total > unit.weight) unit.weight = total;
    };
    for (const [index, { parts }] of prepared.entries()) {
      segmentation = index;
      for (const p of parts) {
        add(p, p.weight);
        const first = p.pforms[0] ?? '';
        for (const prefix of GLUED_PREFIXES) {
          if (p.script === 'latin' && first.startsWith(prefix) && first.length - prefix.length >= 3) {
            add(syntheticPart(first.slice(prefix.length), p.script, p.weight), p.weight);
            break;
          }
        }
      }
      // Any two parts written together, either way (not only neighbours: the order of parts carries nothing).
      if (parts.length >= 2 && parts.length <= 4) {
        for (let i = 0; i < parts.length; i++) {
          for (let j = i + 1; j < parts.length; j++) {
            const a = parts[i]!;
            const b = parts[j]!;
            if (a.initial || b.initial) continue;
            add(joinedPart(a, b), a.weight + b.weight, true);
            add(joinedPart(b, a), a.weight + b.weight, true);
          }
        }
      }
    }
    return units;
  }

  /**
   * Credits the names of one postings list (`list` of `arena`) with what a unit found, touching those
   * not yet touched by this screening. With `lo` > 0 a name is taken only when its bucket is 0 (wide)
   * or within `lo`…`hi`. Answers the entries read.
   */
  private follow(arena: PostingArena, list: number, credit: number, unitId: number, queryStart: number, touched: number[], lo: number, hi: number): number {
    const s = arena.start0(list);
    const n = arena.length(list);
    const values = arena.values;
    const lastUnit = this.lastUnit;
    const acc = this.acc;
    const hits = this.hits;
    const bucket = this.nameBucket;
    const check = lo > 1 || hi < BUCKETS - 1;
    for (let i = 0; i < n; i++) {
      const name = values[s + i]!;
      if (check) {
        const packed = bucket[name]!;
        const first = packed & 0xff;
        if (first !== 0 && (first > hi || first + (packed >> 8) < lo)) continue;
      }
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

  /** Adds a unit's credit to the names already touched that hold one of the parts it found (the best one counts). */
  private creditFound(touched: readonly number[], unitId: number, weight: number, found: readonly { part: number; score: number }[]): void {
    for (const { part, score } of found) {
      if (this.foundStamp[part] === unitId && this.foundScore[part]! >= score) continue;
      this.foundStamp[part] = unitId;
      this.foundScore[part] = score;
    }
    const arena = this.nameParts;
    const values = arena.values;
    for (const name of touched) {
      const s = arena.start0(name);
      const n = arena.length(name);
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

  /**
   * What birth date and sex make of a name's pre-rank, cheaply (intervals only, no explanation):
   * the same weights as the full score's, with an exact date a little above an agreeing one.
   */
  private quickAgreement(slot: number, qBirth: BirthDate | undefined, qSex: number): number {
    let f = 1;
    if (qBirth !== undefined && (this.personFlags[slot]! & 7) === 0) f = BIRTH_FACTORS.missing;
    else if (qBirth !== undefined) {
      const from = this.birthFrom[slot]!;
      const to = this.birthTo[slot]!;
      if (qBirth.from <= to && from <= qBirth.to) f = qBirth.from === qBirth.to && from === to ? 1.05 : 1;
      else f = (qBirth.to < from ? from - qBirth.to : qBirth.from - to) <= 366 ? BIRTH_FACTORS.near : BIRTH_FACTORS.conflict;
    }
    const rSex = (this.personFlags[slot]! >> 3) & 3;
    if (qSex !== 0 && qSex !== 3 && rSex !== 0 && rSex !== 3 && qSex !== rSex) f *= SEX_DIFFERS;
    return f;
  }

  private birthOf(slot: number): BirthDate | undefined {
    const code = this.personFlags[slot]! & 7;
    if (code === 0) return undefined;
    const precision = PRECISIONS[code - 1]!;
    const from = this.birthFrom[slot]!;
    const to = this.birthTo[slot]!;
    if (precision === 'range') return { precision, from, to };
    const d = new Date(from * 86_400_000);
    const year = d.getUTCFullYear();
    if (precision === 'year') return { precision, from, to, year };
    if (precision === 'month') return { precision, from, to, year, month: d.getUTCMonth() + 1 };
    return { precision, from, to, year, month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }

  // --------------------------------------------------------------- capacity

  private ensurePersonCapacity(n: number): void {
    this.personId = grow(this.personId, n, (k) => new Uint32Array(k));
    this.birthFrom = grow(this.birthFrom, n, (k) => new Int32Array(k));
    this.birthTo = grow(this.birthTo, n, (k) => new Int32Array(k));
    this.personFlags = grow(this.personFlags, n, (k) => new Uint8Array(k));
    this.nat = grow(this.nat, n * 2, (k) => new Uint16Array(k));
  }

  private ensureNameCapacity(n: number): void {
    this.nameOwner = grow(this.nameOwner, n, (k) => new Int32Array(k));
    this.nameOrdinal = grow(this.nameOrdinal, n, (k) => new Uint8Array(k));
    this.nameBucket = grow(this.nameBucket, n, (k) => new Uint16Array(k));
    this.lastUnit = grow(this.lastUnit, n, (k) => new Int32Array(k));
    this.acc = grow(this.acc, n, (k) => new Float32Array(k));
    this.hits = grow(this.hits, n, (k) => new Uint8Array(k));
  }

  private ensurePartCapacity(n: number): void {
    this.partScript = grow(this.partScript, n, (k) => new Uint8Array(k));
    this.partWeight = grow(this.partWeight, n, (k) => new Uint8Array(k));
    this.partDf = grow(this.partDf, n, (k) => new Int32Array(k));
    this.bucketBase = grow(this.bucketBase, n, (k) => new Int32Array(k));
    this.foundStamp = grow(this.foundStamp, n, (k) => new Int32Array(k));
    this.foundScore = grow(this.foundScore, n, (k) => new Float32Array(k));
  }
}

function invalidSex(): never {
  throw new NameError('person.sex_invalid', 'sex must be M, F or X');
}

function syntheticPart(form: string, script: Script, weight: number): AnalyzedPart {
  const pf = phoneticForm(form);
  return { text: form, script, pforms: [pf], skels: [skeleton(pf)], classes: [], initial: false, weight };
}

function joinedPart(a: AnalyzedPart, b: AnalyzedPart): AnalyzedPart {
  const pforms: string[] = [];
  for (const x of a.pforms.slice(0, 2)) for (const y of b.pforms.slice(0, 2)) {
    const p = phoneticForm(x + y);
    if (!pforms.includes(p)) pforms.push(p);
  }
  return { text: a.text + b.text, script: a.script, pforms, skels: pforms.map(skeleton), classes: [], initial: false, weight: a.weight + b.weight };
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

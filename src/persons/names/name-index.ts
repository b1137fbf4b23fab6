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
 * The pieces, in name-index/: types.ts (what goes in and out), person-columns.ts and name-store.ts
 * (the persons, names, parts and postings, packed), birth-years.ts (postings of common parts by birth
 * year), query-units.ts (what a screening looks up), follow-units.ts with accumulator.ts and
 * name-bound.ts (following the units to the names, bounded), pre-rank.ts, full-score.ts, and
 * commonness.ts (namesakes).
 *
 * Memory: per name about 4 bytes per part in postings, 4 per part in the
 * name's part list, a few bytes of columns and scratch, and the dictionary of
 * distinct parts (shared by every name holding them). `memory()` reports it.
 */
import { parseBirthDate } from './birth-date.js';
import { analyzePart } from './match.js';
import { normalizeName } from './normalize.js';
import { NameError } from './errors.js';
import { PartFinder, type PartFinderLimits } from './part-finder.js';
import { Accumulator } from './name-index/accumulator.js';
import { BUCKET_FROM, bucketOf, yearsAsked } from './name-index/birth-years.js';
import { nameKey, NamesakeCount } from './name-index/commonness.js';
import { followUnits } from './name-index/follow-units.js';
import { scoreChosen } from './name-index/full-score.js';
import { SlotBits } from './name-index/name-bound.js';
import { NameStore } from './name-index/name-store.js';
import { encodeCountry, MAX_PERSON_ID, personFacts, PersonColumns, sexCode } from './name-index/person-columns.js';
import { preRank } from './name-index/pre-rank.js';
import { prepareQuery, queryUnits, splitSurname } from './name-index/query-units.js';
import { MAX_LIMIT, MAX_NAMES_PER_PERSON, type Candidate, type IndexOptions, type PersonNames, type ScreeningOptions, type ScreeningQuery, type ScreeningWork } from './name-index/types.js';

export type { Candidate, IndexOptions, PersonNames, ScreeningOptions, ScreeningQuery, ScreeningWork, Sex } from './name-index/types.js';
export { MAX_LIMIT, MAX_NAMES_PER_PERSON } from './name-index/types.js';
export { BUCKET_FROM } from './name-index/birth-years.js';
export { commonNameFactor } from './name-index/commonness.js';

/** A unit whose parts so many names hold is big: its names are touched only when the name bound admits them (name-index/name-bound.ts). */
export const BIG_FROM = 1024;

const NO_WORK: ScreeningWork = { partsCompared: 0, postings: 0, touched: 0, skipped: 0, credited: 0, scored: 0 };

export class NameIndex {
  private readonly persons = new PersonColumns();
  private readonly store: NameStore;
  private readonly namesakes = new NamesakeCount();
  private readonly acc = new Accumulator();
  private readonly finder: PartFinder;
  private readonly bigBits: SlotBits[] = [];
  private readonly touchedBits = new SlotBits();
  private work: ScreeningWork = { ...NO_WORK };
  private readonly nearYearsOnly: boolean;
  private readonly bigFrom: number;

  /**
   * `options` (tests): `bucketFrom`, how many names make a part common (its postings split by birth
   * year); `nearYearsOnly: false`, a dated screening reads every year; `nameBound: false`, every name of
   * the units followed is touched; `bigFrom`, how many postings make a unit big. The last three are
   * references: the answers are the same (name-bound.ts says how nearly), only slower.
   */
  constructor(finderLimits?: PartFinderLimits, options: IndexOptions = {}) {
    this.store = new NameStore(options.bucketFrom ?? BUCKET_FROM);
    this.nearYearsOnly = options.nearYearsOnly ?? true;
    this.bigFrom = options.nameBound === false ? 0 : options.bigFrom ?? BIG_FROM;
    const store = this.store;
    this.finder = new PartFinder({
      keyId: (key) => store.keyIds.get(key),
      keyParts: store.keyParts,
      analysis: (part) => store.partAnalysis[part]!,
      df: (part) => store.partDf[part]!,
      partCount: () => store.partAnalysis.length,
    }, finderLimits);
  }

  get size(): number {
    return this.persons.size;
  }

  /** Names held (aliases and alternative segmentations included). */
  get nameCount(): number {
    return this.store.names;
  }

  get partCount(): number {
    return this.store.partText.length;
  }

  /** The work the last screening did (counts, for benchmarks and tests). */
  get lastWork(): Readonly<ScreeningWork> {
    return this.work;
  }

  has(personId: number): boolean {
    return this.persons.slot(personId) !== undefined;
  }

  /** The parts of the dictionary the part finder finds for one part written as `text` (what a screening's units credit). */
  partsFound(text: string): string[] {
    const n = normalizeName(text);
    const found = this.finder.find(analyzePart(n.parts[0]!, n.script), 'part');
    this.finder.takeCompared();
    return found.map((f) => this.store.partText[f.part]!);
  }

  /** Adds a person. Validates everything first: on error nothing is stored. */
  add(personId: number, person: PersonNames): void {
    if (!Number.isInteger(personId) || personId < 0 || personId > MAX_PERSON_ID) throw new NameError('person.id_invalid');
    if (this.persons.slot(personId) !== undefined) throw new NameError('person.duplicate', `Person ${personId} is already in the index`);
    if (!person || !Array.isArray(person.names) || person.names.length === 0) throw new NameError('person.names_missing');
    if (person.names.length > MAX_NAMES_PER_PERSON) throw new NameError('person.names_too_many');
    const names: { script: Parameters<NameStore['addName']>[2]; ordinal: number; parts: string[] }[] = [];
    const personNames: readonly string[] = person.names;
    personNames.forEach((raw, ordinal) => {
      const normalized = normalizeName(raw);
      names.push({ script: normalized.script, ordinal, parts: [...normalized.parts] });
      const split = splitSurname(normalized);
      if (split) names.push({ script: normalized.script, ordinal, parts: split });
    });
    const facts = personFacts(person);

    const slot = this.persons.add(personId, facts);
    const bucket = bucketOf(facts.birth);
    for (const n of names) {
      const name = this.store.addName(slot, n.ordinal, n.script, n.parts, bucket);
      this.persons.names.push(slot, name);
      this.acc.ensureNames(name + 1);
    }
    this.namesakes.add(this.nameKeysOf(slot));
  }

  /**
   * Searches the `count` commonest parts of the dictionary once, so that the part finder remembers what
   * resembles them (a hub calls it after building the index: the first screenings of common names are
   * then as fast as later ones). Answers the parts searched. Changes no answer.
   */
  warm(count = 5000): number {
    const { partAnalysis, partDf } = this.store;
    const order: number[] = [];
    for (let p = 0; p < partAnalysis.length; p++) if (partDf[p]! > 0 && !partAnalysis[p]!.initial) order.push(p);
    order.sort((a, b) => partDf[b]! - partDf[a]! || a - b);
    const chosen = order.slice(0, count);
    for (const p of chosen) this.finder.find(partAnalysis[p]!, 'part');
    this.finder.takeCompared();
    return chosen.length;
  }

  /** Removes a person; false when it was not there. */
  remove(personId: number): boolean {
    const slot = this.persons.slot(personId);
    if (slot === undefined) return false;
    this.namesakes.remove(this.nameKeysOf(slot));
    const arena = this.persons.names;
    while (arena.length(slot) > 0) {
      const nameSlot = arena.values[arena.start0(slot) + arena.length(slot) - 1]!;
      arena.remove(slot, nameSlot);
      this.store.removeName(nameSlot);
    }
    this.persons.remove(personId, slot);
    return true;
  }

  /** Screens a query against the index: candidates at or above the threshold, best first, at most `limit`. */
  screen(query: ScreeningQuery, opts: ScreeningOptions): Candidate[] {
    if (!Number.isInteger(opts.limit) || opts.limit < 1 || opts.limit > MAX_LIMIT || !(opts.threshold >= 0 && opts.threshold <= 1)) {
      throw new NameError('screening.limit_invalid', `limit must be 1…${MAX_LIMIT} and threshold 0…1`);
    }
    if (!Array.isArray(query.names) || query.names.length === 0) throw new NameError('person.names_missing');
    if (query.names.length > MAX_NAMES_PER_PERSON) throw new NameError('person.names_too_many');
    const birth = query.birthDate === undefined ? undefined : parseBirthDate(query.birthDate);
    const sex = sexCode(query.sex);
    const nat = (query.nationalities ?? []).map(encodeCountry);
    const prepared = prepareQuery(query.names);
    const units = queryUnits(prepared);
    let minWeight = Infinity;
    for (const p of prepared) minWeight = Math.min(minWeight, p.parts.reduce((s, x) => s + x.weight, 0));

    const work: ScreeningWork = { ...NO_WORK };
    this.work = work;
    this.finder.takeCompared();
    this.acc.begin(this.store.partAnalysis.length);
    // 1. Candidate parts by key, scored; 2. their names, accumulated (a dated screening reads only the
    // years near its date: birth-years.ts). The name bound is taken on the name score that could still
    // reach the threshold: with an exact birth date a name score s becomes s + (1 − s) / 4.
    const { lo, hi } = yearsAsked(birth, opts.threshold, this.nearYearsOnly);
    const nameThreshold = birth === undefined ? opts.threshold : (opts.threshold - 0.25) / 0.75;
    const touched = followUnits(
      { names: this.store, finder: this.finder, acc: this.acc, bigBits: this.bigBits, touchedBits: this.touchedBits, bigFrom: this.bigFrom },
      units, prepared, opts.threshold, nameThreshold, lo, hi, work,
    );

    // 3. Pre-rank; keep the best few.
    const chosen = preRank(touched, Math.max(opts.limit * 2, 60), minWeight, {
      acc: this.acc.acc,
      hits: this.acc.hits,
      parts: (name) => this.store.nameParts.length(name),
      agreement: (name) => this.persons.quickAgreement(this.store.nameOwner[name]!, birth, sex),
    });

    // 4. Score the chosen names in full.
    let namesakes = 0;
    for (const p of prepared) namesakes = Math.max(namesakes, this.namesakes.get(nameKey(p.parts)));
    return scoreChosen(chosen, { prepared, birth, sex, nat, namesakes }, this.store, this.persons, opts, work);
  }

  /** Bytes held by the index, by component: typed arrays exactly, strings and maps estimated. */
  memory(): { bytes: number; perName: number; parts: Record<string, number> } {
    const store = this.store.memory();
    const acc = this.acc.bytes();
    const parts: Record<string, number> = {
      persons: this.persons.bytes() + this.namesakes.bytes(),
      names: store.names,
      postings: store.postings,
      partColumns: store.partColumns + acc.partColumns,
      partAnalyses: store.partAnalyses,
      dictionaries: store.dictionaries,
      scratch: acc.scratch + this.touchedBits.bytes() + this.bigBits.reduce((s, b) => s + b.bytes(), 0),
      rememberedParts: this.finder.bytes(),
    };
    const bytes = Object.values(parts).reduce((a, b) => a + b, 0);
    return { bytes, perName: this.store.names === 0 ? 0 : bytes / this.store.names, parts };
  }

  /** The distinct name keys of a person's names. */
  private nameKeysOf(personSlot: number): Set<number> {
    const keys = new Set<number>();
    const arena = this.persons.names;
    const s = arena.start0(personSlot);
    for (let i = 0; i < arena.length(personSlot); i++) keys.add(nameKey(this.store.partsOf(arena.values[s + i]!)));
    return keys;
  }
}

/**
 * The names of the name index and their parts: each name's parts (by slot), the dictionary of distinct
 * parts (text, analysis, how many names hold each), the postings from a part to the names holding it
 * (one list per birth year once the part is common: birth-years.ts), and the keys leading to parts.
 * Typed columns and packed lists (postings.ts), read directly by the screening.
 */
import { analyzePart, type AnalyzedPart } from '../match.js';
import type { Script } from '../normalize.js';
import { indexKeys } from '../phonetic.js';
import { grow, PostingArena } from '../postings.js';
import { BUCKETS, forBuckets } from './birth-years.js';

const SCRIPTS: readonly Script[] = ['latin', 'cyrillic', 'greek', 'arabic', 'hebrew', 'han', 'japanese', 'korean', 'other'];
const SCRIPT_CODE = new Map<Script, number>(SCRIPTS.map((s, i) => [s, i]));

export class NameStore {
  // names, by slot
  nameOwner = new Int32Array(1 << 10);
  nameOrdinal = new Uint8Array(1 << 10);
  /** Per name: its person's birth-year buckets (see `bucketOf`). */
  nameBucket = new Uint16Array(1 << 10);
  /** A bit per name: it holds an initial (name-bound.ts). */
  nameInitial = new Int32Array(1 << 5);
  readonly nameParts = new PostingArena(1 << 12, 1 << 10);
  private readonly freeNames: number[] = [];
  /** One past the highest name slot ever used. */
  nameTop = 0;
  names = 0;

  // distinct parts
  private readonly partIds = new Map<string, number>();
  readonly partText: string[] = [];
  /** Each part's analysis (phonetic forms, skeletons, classes): computed once, shared by every name holding it. */
  readonly partAnalysis: AnalyzedPart[] = [];
  private partScript = new Uint8Array(1 << 10);
  private partWeight = new Uint8Array(1 << 10);
  partDf = new Int32Array(1 << 10);
  readonly partNames = new PostingArena(1 << 12, 1 << 10);
  /** Per part: 0, or 1 + the first of its `BUCKETS` lists in `yearNames` once it is common (see BUCKET_FROM). */
  bucketBase = new Int32Array(1 << 10);
  readonly yearNames = new PostingArena(1 << 12, 1 << 10);
  private bucketLists = 0;

  // keys → parts
  readonly keyIds = new Map<string, number>();
  readonly keyParts = new PostingArena(1 << 12, 1 << 10);

  constructor(private readonly bucketFrom: number) {}

  /** Adds a name of a person (its parts as normalised, in `script`); answers its slot. */
  addName(personSlot: number, ordinal: number, script: Script, parts: readonly string[], bucket: number): number {
    const slot = this.freeNames.pop() ?? this.nameTop++;
    this.nameOwner = grow(this.nameOwner, slot + 1, (k) => new Int32Array(k));
    this.nameOrdinal = grow(this.nameOrdinal, slot + 1, (k) => new Uint8Array(k));
    this.nameBucket = grow(this.nameBucket, slot + 1, (k) => new Uint16Array(k));
    this.nameInitial = grow(this.nameInitial, (slot >>> 5) + 1, (k) => new Int32Array(k));
    this.nameOwner[slot] = personSlot;
    this.nameOrdinal[slot] = ordinal;
    this.nameBucket[slot] = bucket;
    const seen = new Set<number>();
    for (const text of parts) {
      const part = this.internPart(text, script);
      this.nameParts.push(slot, part);
      if (this.partAnalysis[part]!.initial) this.nameInitial[slot >>> 5]! |= 1 << (slot & 31);
      if (seen.has(part)) continue; // a part twice in one name is posted once
      seen.add(part);
      const base = this.bucketBase[part]!;
      if (base > 0) forBuckets(bucket, (b) => this.yearNames.push(base - 1 + b, slot));
      else this.partNames.push(part, slot);
      const df = this.partDf[part]! + 1;
      this.partDf[part] = df;
      if (base === 0 && df >= this.bucketFrom) this.splitByYear(part);
    }
    this.names++;
    return slot;
  }

  removeName(slot: number): void {
    const arena = this.nameParts;
    const seen = new Set<number>();
    const s = arena.start0(slot);
    for (let i = 0; i < arena.length(slot); i++) {
      const part = arena.values[s + i]!;
      if (seen.has(part)) continue;
      seen.add(part);
      const base = this.bucketBase[part]!;
      if (base > 0) forBuckets(this.nameBucket[slot]!, (b) => this.yearNames.remove(base - 1 + b, slot));
      else this.partNames.remove(part, slot);
      this.partDf[part] = this.partDf[part]! - 1;
    }
    arena.clear(slot);
    this.nameInitial[slot >>> 5]! &= ~(1 << (slot & 31));
    this.freeNames.push(slot);
    this.names--;
  }

  /** A name's parts, analysed. */
  partsOf(name: number): AnalyzedPart[] {
    const arena = this.nameParts;
    const s = arena.start0(name);
    const out: AnalyzedPart[] = [];
    for (let i = 0; i < arena.length(name); i++) out.push(this.partAnalysis[arena.values[s + i]!]!);
    return out;
  }

  /** Calls `f` with each postings list of `part` a screening reading buckets `lo`…`hi` reads (and the wide one). */
  forLists(part: number, lo: number, hi: number, f: (arena: PostingArena, list: number, yearChecked: boolean) => void): void {
    const base = this.bucketBase[part]!;
    // A rare part: one list, its names outside the years asked skipped one by one.
    if (base === 0) { f(this.partNames, part, true); return; }
    f(this.yearNames, base - 1, false);
    for (let b = lo; b <= hi; b++) f(this.yearNames, base - 1 + b, false);
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
      forBuckets(this.nameBucket[name]!, (b) => this.yearNames.push(base + b, name));
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
    this.partScript = grow(this.partScript, id + 1, (k) => new Uint8Array(k));
    this.partWeight = grow(this.partWeight, id + 1, (k) => new Uint8Array(k));
    this.partDf = grow(this.partDf, id + 1, (k) => new Int32Array(k));
    this.bucketBase = grow(this.bucketBase, id + 1, (k) => new Int32Array(k));
    this.partScript[id] = SCRIPT_CODE.get(script)!;
    this.partWeight[id] = Math.round(a.weight * 100);
    this.partDf[id] = 0;
    // Initials are never looked up by key (a "V." would fetch half the index); they count when the rest matched.
    if (!a.initial) {
      const keys = new Set<string>();
      for (const sk of a.skels) for (const k of indexKeys(sk)) keys.add(k);
      for (const c of a.classes) keys.add(`v:${c}`);
      for (const k of keys) this.keyParts.push(this.keyId(k), id);
    }
    return id;
  }

  private keyId(key: string): number {
    let id = this.keyIds.get(key);
    if (id === undefined) {
      id = this.keyIds.size;
      this.keyIds.set(key, id);
    }
    return id;
  }

  /** Bytes, by component: typed arrays exactly, strings and maps estimated. */
  memory(): { names: number; postings: number; partColumns: number; partAnalyses: number; dictionaries: number } {
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
    return {
      names: this.nameOwner.byteLength + this.nameOrdinal.byteLength + this.nameBucket.byteLength + this.nameInitial.byteLength + this.nameParts.bytes(),
      postings: this.partNames.bytes() + this.yearNames.bytes() + this.keyParts.bytes(),
      partColumns: this.partScript.byteLength + this.partWeight.byteLength + this.partDf.byteLength + this.bucketBase.byteLength,
      partAnalyses: strings,
      dictionaries: dict,
    };
  }
}

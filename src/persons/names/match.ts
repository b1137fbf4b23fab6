/**
 * Comparing names: the analysis of a name part (its Latin forms, their
 * phonetic forms and skeletons, its variant classes), the similarity of two
 * parts with the way they matched, and the score of a whole name against
 * another with the explanation a person can check.
 *
 * Scores are in [0, 1]. A part pair scores 1 when identical, 0.97 when one
 * is a transliteration of the other or they sound the same (same phonetic
 * form), 0.9 for a known variant (Yusuf/Joseph), 0.75 for an initial, and the
 * calibrated string similarity otherwise (at most 0.95). A name scores the
 * weighted share of its parts matched, parts of the record not matched
 * costing half as much as parts of the query not matched (a query often
 * leaves out a middle name or patronymic; a record rarely misses a part
 * the query has).
 */
import type { Script } from './normalize.js';
import { displayForm, phoneticForm, skeleton } from './phonetic.js';
import { jaroWinkler, levenshtein, phoneticSimilarity, phoneticWeight } from './similarity.js';
import { romanizeHan } from './translit/han.js';
import { romanizePart } from './translit/index.js';
import { variantClasses } from './variants.js';

export type MatchMethod = 'exact' | 'transliteration' | 'phonetic' | 'variant' | 'fuzzy' | 'initial' | 'joined';

export interface AnalyzedPart {
  /** The normalised part in its own script. */
  readonly text: string;
  readonly script: Script;
  /** Phonetic forms of its Latin forms, without duplicates (never empty). */
  readonly pforms: readonly string[];
  /** Skeleton of each phonetic form (same order). */
  readonly skels: readonly string[];
  readonly classes: readonly number[];
  /** A single letter: an initial. */
  readonly initial: boolean;
  /** A particle (al, bin, van, de…) or a patronymic: weighs less. */
  readonly weight: number;
  /**
   * Han characters only: how many of `pforms` (the first ones) are Chinese
   * readings; the rest are Japanese readings, which compare a Han part with
   * a Latin, kana or Cyrillic one (the scripts a Japanese name written in
   * kanji is also found in) but never two Han parts (姜 and 子产 are both
   * "ko" in Japanese and nothing alike in Chinese), nor an Arabic, Hebrew or
   * Hangul one (ساتو met 敏 through its name reading "sato").
   */
  readonly chineseForms?: number;
}

const PARTICLES = new Set([
  'al', 'el', 'ul', 'bin', 'ibn', 'ben', 'bint', 'binti', 'bte', 'abu', 'abou', 'ould', 'van', 'von', 'der', 'den', 'de', 'del',
  'della', 'da', 'di', 'du', 'la', 'le', 'dos', 'das', 'do', 'y', 'e', 'ter', 'ten', 'zu', 'mac', 'st',
]);
const PATRONYMIC = /(ovich|evich|ovitch|evitch|owitsch|ewitsch|ovic|evic|ovics|ovna|evna|ichna|ovych|ovici|ovitj|ovitx|owicz|ewicz)$/u;

/** Analyses one normalised part of a name written in `script`. */
export function analyzePart(text: string, script: Script): AnalyzedPart {
  const forms = romanizePart(text, script);
  const pforms: string[] = [];
  for (const f of forms) {
    const p = phoneticForm(f);
    if (p !== '' && !pforms.includes(p)) pforms.push(p);
  }
  if (pforms.length === 0) pforms.push(forms[0] ?? text);
  const skels = pforms.map(skeleton);
  const classes: number[] = [];
  for (const p of pforms) for (const c of variantClasses(p)) if (!classes.includes(c)) classes.push(c);
  const initial = Array.from(text).length === 1 && script !== 'han' && script !== 'korean' && script !== 'japanese';
  const first = forms[0] ?? '';
  const weight = initial ? 0.5 : PARTICLES.has(first) ? 0.3 : PATRONYMIC.test(first) ? 0.6 : 1;
  if (script === 'han') {
    // romanizeHan gives the Chinese readings first: the phonetic forms of those are the first pforms.
    const chinese = new Set(romanizeHan(text, { chinese: true, japanese: false }).map(phoneticForm).filter((p) => p !== ''));
    const chineseForms = Math.max(1, pforms.filter((p) => chinese.has(p)).length);
    if (chineseForms < pforms.length) return { text, script, pforms, skels, classes, initial, weight, chineseForms };
  }
  return { text, script, pforms, skels, classes, initial, weight };
}

/** The scripts a Han part's Japanese readings are compared with (see `chineseForms`). */
const READS_JAPANESE: ReadonlySet<Script> = new Set<Script>(['latin', 'japanese', 'cyrillic']);

/** How a pair of scripts is related: the loss a transliteration between them brings. */
type Pairing = 'same' | 'alphabet' | 'abjad' | 'syllabic' | 'han';

function pairing(a: Script, b: Script): Pairing {
  if (a === b) return 'same';
  if (a === 'han' || b === 'han') return 'han';
  if (a === 'arabic' || b === 'arabic' || a === 'hebrew' || b === 'hebrew') return 'abjad';
  if (a === 'japanese' || b === 'japanese' || a === 'korean' || b === 'korean') return 'syllabic';
  return 'alphabet';
}

/**
 * Per pairing: what inserting or deleting a vowel costs in the phonetic
 * distance (`vowelIndel`: scripts that omit vowels, or add their own, make
 * vowels weak evidence), and how far the similarity is raised to make up for
 * what the transliteration loses (`lift`: the distance to 1 is multiplied by
 * it). Set on the development half of the transliteration pairs (see
 * bench/names-eval.ts), never on the test half. The han and syllabic lifts
 * were lowered (0.8 → 0.85, 0.85 → 0.875) once the readings of foreign
 * names in Han and kana had improved (decision 0010): the same recall@10 on
 * the dev half with a million neighbours, false candidates at 0.8 from 0.29
 * to 0.25 per query (Chinese 0.47 → 0.32).
 */
export const CALIBRATION: Record<Pairing, { vowelIndel: number; lift: number }> = {
  same: { vowelIndel: 1, lift: 1 },
  alphabet: { vowelIndel: 0.8, lift: 0.9 },
  abjad: { vowelIndel: 0.35, lift: 0.85 },
  syllabic: { vowelIndel: 0.35, lift: 0.875 },
  han: { vowelIndel: 0.35, lift: 0.85 },
};

export interface PartSimilarity {
  readonly score: number;
  readonly method: MatchMethod;
  /** The Latin (phonetic) forms that met, e.g. "vladimir ~ vladimir". */
  readonly via: string;
}

export const SCORE_EXACT = 1;
export const SCORE_SAME_SOUND = 0.97;
export const SCORE_VARIANT = 0.9;
export const SCORE_INITIAL = 0.75;
export const MAX_FUZZY = 0.95;

/** The similarity of two parts, with how they matched. Symmetric. Below `floor` the exact value is not computed (0 is returned). */
export function partSimilarity(q: AnalyzedPart, r: AnalyzedPart, floor = 0): PartSimilarity {
  if (q.text === r.text) return { score: SCORE_EXACT, method: 'exact', via: q.pforms[0] ?? q.text };
  if (q.initial || r.initial) {
    const letter = (p: AnalyzedPart): string[] => p.pforms.map((f) => f[0] ?? '');
    const qi = letter(q);
    const ri = letter(r);
    if (qi.some((c) => c !== '' && ri.includes(c))) return { score: SCORE_INITIAL, method: 'initial', via: `${q.pforms[0] ?? ''} ~ ${r.pforms[0] ?? ''}` };
    return { score: 0, method: 'initial', via: '' };
  }
  // A Han part's Japanese readings meet only the scripts Japanese names are written in beside kanji.
  const qForms = q.chineseForms !== undefined && !READS_JAPANESE.has(r.script) ? q.pforms.slice(0, q.chineseForms) : q.pforms;
  const rForms = r.chineseForms !== undefined && !READS_JAPANESE.has(q.script) ? r.pforms.slice(0, r.chineseForms) : r.pforms;
  for (const a of qForms) {
    if (rForms.includes(a)) return { score: SCORE_SAME_SOUND, method: q.script === r.script ? 'phonetic' : 'transliteration', via: a };
  }
  const pair = pairing(q.script, r.script);
  const cal = CALIBRATION[pair];
  // The raw similarity that lifts to the floor (a variant class can still rescue a pair below it).
  const variant = q.classes.length > 0 && r.classes.length > 0 && q.classes.some((c) => r.classes.includes(c));
  const rawFloor = variant ? 0 : Math.max(0, 1 - (1 - floor) / cal.lift);
  let best = 0;
  let bestA = '';
  let bestB = '';
  for (const a of qForms) {
    for (const b of rForms) {
      const s = phoneticSimilarity(a, b, cal.vowelIndel, Math.max(rawFloor, best));
      if (s > best) { best = s; bestA = a; bestB = b; }
    }
  }
  const lifted = Math.min(MAX_FUZZY, 1 - (1 - best) * cal.lift);
  if (variant && lifted < SCORE_VARIANT) {
    return { score: SCORE_VARIANT, method: 'variant', via: `${q.pforms[0] ?? ''} ~ ${r.pforms[0] ?? ''}` };
  }
  if (best === 0) return { score: 0, method: 'fuzzy', via: '' };
  return { score: lifted, method: 'fuzzy', via: `${bestA} ~ ${bestB}` };
}

/** The raw similarity below which a join is not computed. */
const JOIN_FLOOR = 0.8;

/** The similarity of one part against two parts written together (Abdul Rahman / Abdulrahman, Mao Zedong / Maozedong). */
export function joinedSimilarity(single: AnalyzedPart, a: AnalyzedPart, b: AnalyzedPart): PartSimilarity {
  if (!joinable(single, a, b)) return { score: 0, method: 'joined', via: '' };
  let best = 0;
  let via = '';
  for (const s of single.pforms) {
    for (const x of a.pforms.slice(0, 3)) {
      for (const y of b.pforms.slice(0, 3)) {
        for (const joined of [x + y, y + x]) {
          const v = s === joined ? SCORE_SAME_SOUND : phoneticSimilarity(s, joined, CALIBRATION[pairing(single.script, a.script)].vowelIndel, Math.max(best, JOIN_FLOOR));
          if (v > best) { best = v; via = `${s} ~ ${joined}`; }
        }
      }
    }
  }
  const cal = CALIBRATION[pairing(single.script, a.script)];
  const score = best >= SCORE_SAME_SOUND ? SCORE_SAME_SOUND : Math.min(MAX_FUZZY, 1 - (1 - best) * cal.lift);
  return { score, method: 'joined', via };
}

/**
 * Whether two parts written together can reach 0.8 of one part at all: the
 * similarity is at most the ratio of the two sides' phonetic weights, and the
 * weight of a join is the sum of its parts' (the join test runs for every
 * candidate name, so it is decided here without building the joins).
 */
function joinable(single: AnalyzedPart, a: AnalyzedPart, b: AnalyzedPart): boolean {
  const v = CALIBRATION[pairing(single.script, a.script)].vowelIndel;
  // Over all the forms (the join uses the first three of a and b): a wider range, so never a join wrongly skipped.
  const [sLo, sHi] = weightRange(single, v);
  const [aLo, aHi] = weightRange(a, v);
  const [bLo, bHi] = weightRange(b, v);
  return sHi >= JOIN_FLOOR * (aLo + bLo) && aHi + bHi >= JOIN_FLOOR * sLo;
}

/** The least and greatest phonetic weight of a part's forms at a vowel cost, remembered per part (only parts that meet a join test). */
const weightRanges = new WeakMap<AnalyzedPart, Map<number, readonly [number, number]>>();
function weightRange(p: AnalyzedPart, vowelIndel: number): readonly [number, number] {
  let byCost = weightRanges.get(p);
  if (!byCost) { byCost = new Map(); weightRanges.set(p, byCost); }
  let range = byCost.get(vowelIndel);
  if (!range) {
    let lo = Infinity;
    let hi = 0;
    for (const f of p.pforms) { const w = phoneticWeight(f, vowelIndel); if (w < lo) lo = w; if (w > hi) hi = w; }
    range = [lo, hi];
    byCost.set(vowelIndel, range);
  }
  return range;
}

/** One part of the query matched to one of the record. */
export interface PartMatch {
  readonly query: string;
  readonly record: string;
  readonly method: MatchMethod;
  readonly score: number;
  readonly via: string;
  readonly editDistance?: number;
  readonly jaroWinkler?: number;
}

export interface NameComparison {
  readonly score: number;
  readonly matches: readonly PartMatch[];
  readonly unmatchedQuery: readonly string[];
  readonly unmatchedRecord: readonly string[];
}

/** A part pair below this similarity is not a match. */
export const PART_MATCH_FLOOR = 0.6;
/** What an unmatched record part costs, relative to an unmatched query part. */
export const RECORD_EXTRA_COST = 0.5;

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/**
 * Scores a query name against a record name, parts in any order. `sim` is
 * given so the index can cache part similarities within one screening.
 * With `explain` false the matches carry no `via`, edit distance or
 * Jaro–Winkler (the index ranks hundreds of names and explains the few it
 * returns); the score is the same.
 */
export function compareNames(
  query: readonly AnalyzedPart[],
  record: readonly AnalyzedPart[],
  sim: (q: AnalyzedPart, r: AnalyzedPart) => PartSimilarity = partSimilarity,
  joined: (single: AnalyzedPart, a: AnalyzedPart, b: AnalyzedPart) => PartSimilarity = joinedSimilarity,
  explain = true,
): NameComparison {
  const match = explain ? partMatch : bareMatch;
  const pairs: { i: number; j: number; s: PartSimilarity }[] = [];
  for (let i = 0; i < query.length; i++) {
    for (let j = 0; j < record.length; j++) {
      const s = sim(query[i]!, record[j]!);
      if (s.score >= PART_MATCH_FLOOR) pairs.push({ i, j, s });
    }
  }
  // Parts written together on one side and apart on the other (Abdul Rahman / Abdulrahman, Ji-sung / 지성):
  // considered with the single pairs, so a weak single match does not take a part a join needs.
  const joins: Join[] = [];
  if (query.length <= 4 && record.length <= 4) {
    findJoins(query, record, false, joins, joined);
    findJoins(record, query, true, joins, joined);
  }
  type Entry = { kind: 'pair'; score: number; tq: string; tr: string; i: number; j: number; s: PartSimilarity } | { kind: 'join'; score: number; tq: string; tr: string; join: Join };
  const entries: Entry[] = [
    ...pairs.map((p) => ({ kind: 'pair' as const, score: p.s.score, tq: query[p.i]!.text, tr: record[p.j]!.text, i: p.i, j: p.j, s: p.s })),
    ...joins.map((j) => ({ kind: 'join' as const, score: j.sim.score, tq: j.queryParts.map((k) => query[k]!.text).join(' '), tr: j.recordParts.map((k) => record[k]!.text).join(' '), join: j })),
  ];
  // Greedy by score; ties by the parts' text, so the order the parts came in changes nothing.
  entries.sort((x, y) => y.score - x.score || (x.kind === y.kind ? 0 : x.kind === 'join' ? -1 : 1) || cmp(x.tq, y.tq) || cmp(x.tr, y.tr));
  const qUsed = new Array<boolean>(query.length).fill(false);
  const rUsed = new Array<boolean>(record.length).fill(false);
  const matches: PartMatch[] = [];
  const contributions: { c: number; w: number }[] = [];
  for (const e of entries) {
    if (e.kind === 'pair') {
      if (qUsed[e.i] || rUsed[e.j]) continue;
      qUsed[e.i] = true;
      rUsed[e.j] = true;
      const q = query[e.i]!;
      const r = record[e.j]!;
      matches.push(match(q.text, r.text, e.s));
      contributions.push({ c: e.s.score, w: Math.max(q.weight, r.weight) });
    } else {
      const { queryParts, recordParts, sim: js } = e.join;
      if (queryParts.some((k) => qUsed[k]) || recordParts.some((k) => rUsed[k])) continue;
      for (const k of queryParts) qUsed[k] = true;
      for (const k of recordParts) rUsed[k] = true;
      const qw = queryParts.reduce((s, k) => s + query[k]!.weight, 0);
      const rw = recordParts.reduce((s, k) => s + record[k]!.weight, 0);
      matches.push(match(queryParts.map((k) => query[k]!.text).sort().join(' + '), recordParts.map((k) => record[k]!.text).sort().join(' + '), js));
      contributions.push({ c: js.score, w: Math.max(qw, rw) });
    }
  }

  // Denominator: every query part (a matched one at the weight it was credited with) and a share of the record's leftovers.
  // Sums taken in a fixed order (sorted), so the order the parts came in cannot change a bit of the score.
  let queryWeight = 0;
  for (const w of query.filter((_, i) => !qUsed[i]).map((p) => p.weight).sort((a, b) => a - b)) queryWeight += w;
  let extra = 0;
  for (const w of record.filter((_, j) => !rUsed[j]).map((p) => p.weight).sort((a, b) => a - b)) extra += w;
  contributions.sort((a, b) => a.c - b.c || a.w - b.w);
  let num = 0;
  for (const { c, w } of contributions) { num += c * w; queryWeight += w; }
  const score = queryWeight === 0 ? 0 : num / (queryWeight + RECORD_EXTRA_COST * extra);
  return {
    score: round(Math.min(1, score)),
    matches,
    unmatchedQuery: query.filter((_, i) => !qUsed[i]).map((p) => p.text).sort(),
    unmatchedRecord: record.filter((_, j) => !rUsed[j]).map((p) => p.text).sort(),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function bareMatch(query: string, record: string, s: PartSimilarity): PartMatch {
  return { query, record, method: s.method, score: round(s.score), via: '' };
}

function partMatch(query: string, record: string, s: PartSimilarity): PartMatch {
  const [a = '', b = ''] = s.via.split(' ~ ');
  const fuzzy = s.method === 'fuzzy' || s.method === 'joined';
  return {
    query, record, method: s.method, score: round(s.score), via: s.via.split(' ~ ').map(displayForm).join(' ~ '),
    // The edit distance and Jaro–Winkler of the phonetic forms that met, for the reader of a fuzzy match.
    ...(fuzzy ? { editDistance: levenshtein(a, b), jaroWinkler: Math.round(jaroWinkler(a, b) * 1000) / 1000 } : {}),
  };
}

interface Join { queryParts: number[]; recordParts: number[]; sim: PartSimilarity }

/** Every part of `singles` that matches two parts of `others` written together (at 0.85 or more). */
function findJoins(
  singles: readonly AnalyzedPart[],
  others: readonly AnalyzedPart[],
  singleIsRecord: boolean,
  out: Join[],
  joined: (single: AnalyzedPart, a: AnalyzedPart, b: AnalyzedPart) => PartSimilarity,
): void {
  if (others.length < 2) return;
  for (let s = 0; s < singles.length; s++) {
    if (singles[s]!.initial) continue;
    for (let a = 0; a < others.length; a++) {
      if (others[a]!.initial) continue;
      for (let b = a + 1; b < others.length; b++) {
        if (others[b]!.initial) continue;
        const sim = joined(singles[s]!, others[a]!, others[b]!);
        if (sim.score < 0.85) continue;
        out.push(singleIsRecord ? { queryParts: [a, b], recordParts: [s], sim } : { queryParts: [s], recordParts: [a, b], sim });
      }
    }
  }
}

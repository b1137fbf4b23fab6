/**
 * The full score of the names a screening chose (match.ts's `compareNames` against each of the query's
 * segmentations; a person's score is its best name's), adjusted by birth date, commonness, sex and
 * nationality; the candidates at or above the threshold, best first, the returned ones explained.
 */
import { applyBirth, compareBirthDates, type BirthComparison, type BirthDate } from '../birth-date.js';
import { compareNames, joinedSimilarity, partSimilarity, PART_MATCH_FLOOR, type AnalyzedPart, type NameComparison, type PartSimilarity } from '../match.js';
import { commonNameFactor, SAME_NAME } from './commonness.js';
import type { NameStore } from './name-store.js';
import { NATIONALITY_DIFFERS, SEX_DIFFERS, type PersonColumns } from './person-columns.js';
import type { PreparedName } from './query-units.js';
import type { Candidate, ScreeningOptions, ScreeningWork } from './types.js';

export interface FullScoreQuery {
  readonly prepared: readonly PreparedName[];
  readonly birth: BirthDate | undefined;
  readonly sex: number;
  readonly nat: readonly number[];
  /** The persons in the index bearing the query's name (by name key). */
  readonly namesakes: number;
}

type Sim = (q: AnalyzedPart, r: AnalyzedPart) => PartSimilarity;
type Joined = (single: AnalyzedPart, a: AnalyzedPart, b: AnalyzedPart) => PartSimilarity;

/** Part similarities remembered for one screening (candidates share parts: every Kenji Tanaka). */
function cachedSimilarities(): { sim: Sim; joined: Joined } {
  const simCache = new Map<AnalyzedPart, Map<AnalyzedPart, PartSimilarity>>();
  const sim: Sim = (q, r) => {
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
  // A join is tested once per screening.
  const joinCache = new Map<AnalyzedPart, Map<AnalyzedPart, Map<AnalyzedPart, PartSimilarity>>>();
  const joined: Joined = (single, a, b) => {
    let bySingle = joinCache.get(single);
    if (!bySingle) { bySingle = new Map(); joinCache.set(single, bySingle); }
    let byA = bySingle.get(a);
    if (!byA) { byA = new Map(); bySingle.set(a, byA); }
    let s = byA.get(b);
    if (!s) { s = joinedSimilarity(single, a, b); byA.set(b, s); }
    return s;
  };
  return { sim, joined };
}

export function scoreChosen(chosen: readonly number[], query: FullScoreQuery, names: NameStore, persons: PersonColumns, opts: ScreeningOptions, work: ScreeningWork): Candidate[] {
  const { sim, joined } = cachedSimilarities();
  const best = new Map<number, { cmp: NameComparison; name: number; queryName: number; parts: readonly AnalyzedPart[] }>();
  for (const name of chosen) {
    const recordParts = names.partsOf(name);
    const slot = names.nameOwner[name]!;
    for (const p of query.prepared) {
      work.scored++;
      const cmp = compareNames(p.parts, recordParts, sim, joined, false);
      const prev = best.get(slot);
      if (!prev || cmp.score > prev.cmp.score || (cmp.score === prev.cmp.score && names.nameOrdinal[name]! < names.nameOrdinal[prev.name]!)) {
        best.set(slot, { cmp, name, queryName: p.queryName, parts: p.parts });
      }
    }
  }

  // Namesakes: the persons in the index bearing the query's name, counted by name key whatever their
  // birth dates (a dated screening does not read those born in other years), or those found bearing it
  // (a score of SAME_NAME: another script or spelling of the same sound) when they are more.
  const births = new Map<number, { record: BirthDate | undefined; birth: BirthComparison }>();
  let found = 0;
  for (const [slot, b] of best) {
    if (b.cmp.score === 0) continue;
    const record = persons.birthOf(slot);
    const birth = compareBirthDates(query.birth, record);
    births.set(slot, { record, birth });
    if (b.cmp.score >= SAME_NAME && birth.agreement !== 'conflict') found++;
  }
  const namesakes = Math.max(query.namesakes, found);
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
    const sex = persons.sex(slot, query.sex);
    if (sex === 'differs') score *= SEX_DIFFERS;
    const nationality = persons.nationality(slot, query.nat);
    if (nationality === 'differs') score *= NATIONALITY_DIFFERS;
    score = Math.round(score * 10_000) / 10_000;
    if (score < opts.threshold) continue;
    out.push({ name: b.name, parts: b.parts, candidate: {
      personId: persons.id(slot),
      score,
      nameScore: b.cmp.score,
      recordName: { index: names.nameOrdinal[b.name]!, parts: names.partsOf(b.name).map((p) => p.text) },
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
    matches: compareNames(parts, names.partsOf(name), sim, joined).matches,
  }));
}

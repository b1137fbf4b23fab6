/**
 * The misses of a names-eval run, for working out why (never a figure of the
 * evaluation itself). `bench/names-eval.ts --split dev --misses FILE` writes
 * one JSON line per query whose right person was not ranked first or that
 * has false candidates at the border threshold; this
 * module adds, for each, the direct comparison of the query with the right
 * person's name (its part matches and the Latin forms of both sides), and
 * run alone it prints them grouped by script and by kind:
 *
 *   npx tsx bench/names-eval/misses.ts FILE [--bucket korean] [--kind unmatched-part] [--min 0.5] [--all] [--false]
 *
 * Kinds (from the direct comparison, not a judgement of the pair):
 * - `unmatched-part`: some part of the query matches no part of the right
 *   name at 0.6 or more (the transliteration or the pair itself is at fault);
 * - `low-score`: every part matched, but the name scores below 0.8;
 * - `not-found`: it scores 0.8 or more directly yet the index did not return it
 *   (candidate generation);
 * - `outranked`: found, but others rank above it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { normalizeName } from '../../src/persons/names/normalize.js';
import { analyzePart, compareNames, joinedSimilarity, partSimilarity, type AnalyzedPart } from '../../src/persons/names/match.js';
import { romanizePart } from '../../src/persons/names/translit/index.js';

export interface MissRecord {
  bucket: string;
  query: string;
  target: string;
  /** Rank of the right person (−1: not in the top 50 above the floor). */
  rank: number;
  targetScore: number;
  above: { name: string; score: number }[];
  falseAtBorder: number;
  /** The first few persons other than the right one at or above the border threshold. */
  falseNames?: { name: string; score: number }[];
}

export type MissKind = 'unmatched-part' | 'low-score' | 'not-found' | 'outranked';

export interface AnalysedMiss extends MissRecord {
  kind: MissKind;
  direct: number;
  /** The least, over the parts of both sides, of a part's best similarity to any part of the other side. */
  weakest: number;
  matches: string[];
  unmatchedQuery: string[];
  unmatchedRecord: string[];
  queryForms: string[][];
  targetForms: string[][];
}

function parts(name: string): { parts: AnalyzedPart[]; forms: string[][] } {
  const n = normalizeName(name);
  return { parts: n.parts.map((p) => analyzePart(p, n.script)), forms: n.parts.map((p) => romanizePart(p, n.script)) };
}

/**
 * The least, over the parts of both names, of a part's best similarity to any
 * part of the other name: below 0.5 some part has no counterpart on the other
 * side (a pair of the data that is not one name, or a transliteration the
 * engine does not know).
 */
export function weakestPart(query: string, target: string): number {
  return weakest(parts(query).parts, parts(target).parts);
}

function weakest(q: readonly AnalyzedPart[], t: readonly AnalyzedPart[]): number {
  // A part's best: alone against a part of the other side, or written together with another part of its
  // side, or against two parts of the other side written together (김지성 / kim ji sung).
  const best = (a: AnalyzedPart, own: readonly AnalyzedPart[], others: readonly AnalyzedPart[]): number => {
    let b = 0;
    for (const o of others) b = Math.max(b, partSimilarity(a, o).score);
    for (let i = 0; i < others.length; i++) for (let j = i + 1; j < others.length; j++) b = Math.max(b, joinedSimilarity(a, others[i]!, others[j]!).score);
    for (const p of own) if (p !== a) for (const o of others) b = Math.max(b, joinedSimilarity(o, a, p).score);
    return b;
  };
  return Math.min(...q.map((p) => best(p, q, t)), ...t.map((p) => best(p, t, q)));
}

export function analyseMiss(m: MissRecord): AnalysedMiss {
  const q = parts(m.query);
  const t = parts(m.target);
  const c = compareNames(q.parts, t.parts);
  const weakestPart = weakest(q.parts, t.parts);
  const kind: MissKind = c.unmatchedQuery.length > 0 || c.unmatchedRecord.length > 0 ? 'unmatched-part'
    : c.score < 0.8 ? 'low-score' : m.rank < 0 ? 'not-found' : 'outranked';
  return {
    ...m, kind, direct: c.score, weakest: weakestPart,
    matches: c.matches.map((x) => `${x.query}=${x.record} ${x.method} ${x.score.toFixed(2)} (${x.via})`),
    unmatchedQuery: [...c.unmatchedQuery], unmatchedRecord: [...c.unmatchedRecord],
    queryForms: q.forms, targetForms: t.forms,
  };
}

export function writeMisses(file: string, misses: readonly MissRecord[]): void {
  writeFileSync(file, misses.map((m) => JSON.stringify(analyseMiss(m))).join('\n') + '\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { bucket: { type: 'string' }, kind: { type: 'string' }, all: { type: 'boolean', default: false }, min: { type: 'string' }, false: { type: 'boolean', default: false } } });
  const rows = readFileSync(positionals[0]!, 'utf8').split('\n').filter((l) => l !== '').map((l) => analyseMiss(JSON.parse(l) as MissRecord));
  if (values.false === true) {
    // The queries with false candidates at the border threshold, most first.
    const withFalse = rows.filter((r) => r.falseAtBorder > 0).sort((a, b) => b.falseAtBorder - a.falseAtBorder);
    for (const r of withFalse) {
      if (values.bucket !== undefined && !r.bucket.startsWith(values.bucket)) continue;
      console.log(`[${r.bucket}] ${r.falseAtBorder} false: ${r.query} (right: ${r.target}, rank ${r.rank})  ${(r.falseNames ?? []).map((f) => `${f.name} ${f.score.toFixed(3)}`).join('; ')}`);
    }
    process.exit(0);
  }
  const top10 = rows.filter((r) => (values.all || r.rank < 0 || r.rank >= 10) && r.rank !== 0);
  const script = (b: string): string => b.split(' ')[0]!;
  const counts = new Map<string, Map<MissKind, number>>();
  for (const r of top10) {
    const m = counts.get(script(r.bucket)) ?? new Map<MissKind, number>();
    m.set(r.kind, (m.get(r.kind) ?? 0) + 1);
    counts.set(script(r.bucket), m);
  }
  console.log(`${values.all ? 'not first' : 'not in the top 10'}: ${top10.length}`);
  for (const [s, m] of counts) console.log(`  ${s}: ${[...m].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  // How alike the weakest part is to anything on the other side: below 0.5 the two sides rarely are one name.
  const bands = [0, 0.3, 0.5, 0.6, 0.8, 1.01];
  console.log(`weakest part's best similarity (bands ${bands.slice(0, -1).join(', ')}):`);
  for (const s of counts.keys()) {
    const xs = top10.filter((r) => script(r.bucket) === s);
    console.log(`  ${s}: ${bands.slice(0, -1).map((b, i) => xs.filter((r) => r.weakest >= b && r.weakest < bands[i + 1]!).length).join(' / ')}`);
  }
  for (const r of top10) {
    if (values.bucket !== undefined && !r.bucket.startsWith(values.bucket)) continue;
    if (values.kind !== undefined && r.kind !== values.kind) continue;
    if (values.min !== undefined && r.weakest < Number(values.min)) continue;
    console.log(`\n[${r.bucket}] ${r.kind} rank ${r.rank} direct ${r.direct.toFixed(3)} weakest ${r.weakest.toFixed(2)}: ${r.query}  →  ${r.target}`);
    console.log(`  query forms  ${r.queryForms.map((f) => f.slice(0, 6).join('|')).join('  ')}`);
    console.log(`  target forms ${r.targetForms.map((f) => f.slice(0, 6).join('|')).join('  ')}`);
    console.log(`  matches ${r.matches.join('; ')}${r.unmatchedQuery.length ? `; unmatched query ${r.unmatchedQuery.join(' ')}` : ''}${r.unmatchedRecord.length ? `; unmatched record ${r.unmatchedRecord.join(' ')}` : ''}`);
    if (r.above.length) console.log(`  above: ${r.above.map((a) => `${a.name} ${a.score.toFixed(3)}`).join('; ')}`);
  }
}

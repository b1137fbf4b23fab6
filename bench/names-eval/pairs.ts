/**
 * Part-level check of the transliteration pairs (a tool for working on the
 * engine, not a figure of the evaluation): for a sample of the pairs of one
 * half (the same hash split as bench/names-eval.ts; tune on `dev` only), the
 * similarity of the Latin spelling with the written form as the engine
 * scores it, and whether the index would find the one from the other by its
 * primary keys (the keys looked up first).
 *
 *   npx tsx bench/names-eval/pairs.ts [--split dev] [--sample 3000] [--script korean] [--show 0.6]
 *
 * Prints per script the share of pairs scoring ≥ 0.9, ≥ 0.8, ≥ 0.6 and
 * < 0.5 (below 0.5 the two sides share little: often not the same name),
 * the mean, and the share found by primary keys; `--show T` lists the pairs
 * scoring below T (with their Latin forms), `--hist` the weakest first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sharedDataDir } from '../../test/support/shared-data.js';
import { normalizeName } from '../../src/persons/names/normalize.js';
import { analyzePart, partSimilarity, type AnalyzedPart } from '../../src/persons/names/match.js';
import { indexKeys, queryKeys } from '../../src/persons/names/phonetic.js';
import { romanizePart } from '../../src/persons/names/translit/index.js';

const { values } = parseArgs({
  options: {
    split: { type: 'string', default: 'dev' },
    sample: { type: 'string', default: '3000' },
    script: { type: 'string' },
    show: { type: 'string' },
  },
});
const SCRIPTS = ['arabic', 'chinese', 'hebrew', 'japanese', 'katakana', 'korean', 'russian'];
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h >>> 0;
}
function one(name: string): AnalyzedPart[] {
  const n = normalizeName(name);
  return n.parts.map((p) => analyzePart(p, n.script));
}
/** Whether some primary query key of `q` is an index key of `r` (either part as the query). */
function found(q: AnalyzedPart, r: AnalyzedPart): boolean {
  const rk = new Set<string>();
  for (const s of r.skels) for (const k of indexKeys(s)) rk.add(k);
  for (const c of r.classes) rk.add(`v:${c}`);
  for (const s of q.skels) for (const k of queryKeys(s).primary) if (rk.has(k)) return true;
  for (const c of q.classes) if (rk.has(`v:${c}`)) return true;
  return false;
}

const dir = join(sharedDataDir(), 'names');
const SAMPLE = Number(values.sample);
const show = values.show === undefined ? undefined : Number(values.show);
for (const script of SCRIPTS) {
  if (values.script !== undefined && values.script !== script) continue;
  const rows = readFileSync(join(dir, `wikidata-en-${script}.train.tsv`), 'utf8').split('\n').filter((l) => l !== '')
    .map((l) => { const [latin = '', other = ''] = l.split('\t'); return { latin, other: other.replace(/ /gu, '') }; })
    .filter((r) => ((fnv1a(r.latin) & 1) === 1 ? 'test' : 'dev') === values.split)
    .map((r) => ({ ...r, h: fnv1a(`${r.latin}#pairs`) }))
    .sort((a, b) => a.h - b.h)
    .slice(0, SAMPLE);
  const scores: number[] = [];
  let keyed = 0;
  // Impostors: each Latin spelling against the next pair's written form (not the same name): how many reach 0.8.
  let impostors = 0;
  let impostorsHigh = 0;
  let prev: AnalyzedPart | undefined;
  const weak: string[] = [];
  for (const r of rows) {
    let a: AnalyzedPart[];
    let b: AnalyzedPart[];
    try { a = one(r.latin); b = one(r.other); } catch { continue; }
    if (a.length !== 1 || b.length !== 1) continue;
    const s = partSimilarity(a[0]!, b[0]!).score;
    scores.push(s);
    if (prev !== undefined) { impostors++; if (partSimilarity(a[0]!, prev).score >= 0.8) impostorsHigh++; }
    prev = b[0]!;
    if (found(a[0]!, b[0]!) || found(b[0]!, a[0]!)) keyed++;
    if (show !== undefined && s < show) {
      const n = normalizeName(r.other);
      weak.push(`${s.toFixed(2)} ${r.latin} ${r.other}  [${romanizePart(normalizeName(r.latin).parts[0]!, 'latin').join('|')}] [${romanizePart(n.parts[0]!, n.script).join('|')}]`);
    }
  }
  const n = scores.length;
  const share = (f: (x: number) => boolean): string => (scores.filter(f).length / n).toFixed(3);
  console.log(`${script.padEnd(9)} n ${n}  ≥0.9 ${share((x) => x >= 0.9)}  ≥0.8 ${share((x) => x >= 0.8)}  ≥0.6 ${share((x) => x >= 0.6)}  <0.5 ${share((x) => x < 0.5)}  mean ${(scores.reduce((s, x) => s + x, 0) / n).toFixed(3)}  primary keys ${(keyed / n).toFixed(3)}  impostors ≥0.8 ${(impostorsHigh / impostors * 1000).toFixed(1)}‰`);
  for (const w of weak) console.log(`  ${w}`);
}

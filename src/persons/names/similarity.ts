/**
 * String similarity on Latin forms: Jaro–Winkler (prefix-friendly, good for
 * short names) and Levenshtein distance (what "one letter off" means to a
 * person reading the explanation).
 */

const matchA = new Uint8Array(256);
const matchB = new Uint8Array(256);

export function jaro(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  if (la === 0 && lb === 0) return 1;
  if (la === 0 || lb === 0) return 0;
  if (a === b) return 1;
  if (la > 255 || lb > 255) return a === b ? 1 : 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  matchA.fill(0, 0, la);
  matchB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const ca = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (matchB[j] === 0 && b.charCodeAt(j) === ca) {
        matchA[i] = 1;
        matchB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (matchA[i] === 0) continue;
    while (matchB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  return (matches / la + matches / lb + (matches - t / 2) / matches) / 3;
}

export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j < 0.7) return j;
  let prefix = 0;
  const max = Math.min(4, a.length, b.length);
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

const row = new Int32Array(257);

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (la === 0) return lb;
  if (lb === 0) return la;
  if (lb > 256) return Math.max(la, lb);
  for (let j = 0; j <= lb; j++) row[j] = j;
  for (let i = 1; i <= la; i++) {
    let prev = row[0]!;
    row[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const tmp = row[j]!;
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + cost);
      prev = tmp;
    }
  }
  return row[lb]!;
}

/** 1 − distance / longer length. */
export function levenshteinSimilarity(a: string, b: string): number {
  const m = Math.max(a.length, b.length);
  return m === 0 ? 1 : 1 - levenshtein(a, b) / m;
}

/** Consonant classes for the phonetic edit distance (see phonetic.ts: skeleton). */
const CLASS = new Uint8Array(128);
for (const [cls, letters] of [[1, 'bpfvw'], [2, 'td'], [3, 'kgq'], [4, 'szxjc'], [6, 'lr'], [7, 'm'], [8, 'n'], [9, 'aeiouy'], [10, 'h']] as const) {
  for (const ch of letters) CLASS[ch.charCodeAt(0)] = cls;
}
const VOWEL_CLASS = 9;
const drow = new Float64Array(257);

/**
 * A phonetic edit distance on Latin phonetic forms: substituting a letter of
 * the same class (b/p/f/v, t/d, k/g, s/z, l/r) costs 0.4, one vowel for
 * another 0.5, anything else 1; inserting or deleting a vowel costs
 * `vowelIndel` (low when one side comes from a script that does not write
 * all its vowels, or adds vowels of its own), an h 0.5, a consonant 1.
 */
export function phoneticDistance(a: string, b: string, vowelIndel: number): number {
  const la = a.length;
  const lb = b.length;
  if (lb > 256 || la > 256) return Math.max(la, lb);
  const cost = indelTable(vowelIndel);
  drow[0] = 0;
  for (let j = 1; j <= lb; j++) drow[j] = drow[j - 1]! + cost[b.charCodeAt(j - 1) & 127]!;
  for (let i = 1; i <= la; i++) {
    const ca = a.charCodeAt(i - 1);
    const da = cost[ca & 127]!;
    let prev: number = drow[0] ?? 0;
    drow[0] = prev + da;
    const ka = CLASS[ca & 127]!;
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const kb = CLASS[cb & 127]!;
      const sub = ca === cb ? 0 : ka !== 0 && ka === kb ? (ka === VOWEL_CLASS ? 0.5 : 0.4) : 1;
      const tmp = drow[j]!;
      let v = tmp + da;
      const ins = drow[j - 1]! + cost[cb & 127]!;
      if (ins < v) v = ins;
      const diag = prev + sub;
      if (diag < v) v = diag;
      drow[j] = v;
      prev = tmp;
    }
  }
  return drow[lb]!;
}

/** Insertion/deletion cost per character code, for one vowel cost (a handful of values are ever used). */
const indelTables = new Map<number, Float64Array>();
function indelTable(vowelIndel: number): Float64Array {
  let t = indelTables.get(vowelIndel);
  if (!t) {
    t = new Float64Array(128);
    for (let c = 0; c < 128; c++) { const k = CLASS[c]!; t[c] = k === VOWEL_CLASS ? vowelIndel : k === 10 ? 0.5 : 1; }
    indelTables.set(vowelIndel, t);
  }
  return t;
}

/** A form's weight in the phonetic distance: what deleting all of it costs (vowels at `vowelIndel`). */
export function phoneticWeight(a: string, vowelIndel: number): number {
  return weightOf(a, indelTable(vowelIndel));
}

function weightOf(a: string, table: Float64Array): number {
  let w = 0;
  for (let i = 0; i < a.length; i++) w += table[a.charCodeAt(i) & 127]!;
  return w;
}

/**
 * 1 − phonetic distance / the longer string's weight (vowels weighing
 * `vowelIndel`). When `atLeast` is given and the strings' weights alone show
 * the similarity is below it (the distance is at least their difference),
 * returns 0 without computing the distance.
 */
export function phoneticSimilarity(a: string, b: string, vowelIndel: number, atLeast = 0): number {
  if (a === b) return 1;
  const table = indelTable(vowelIndel);
  const wa = weightOf(a, table);
  const wb = weightOf(b, table);
  const norm = wa > wb ? wa : wb;
  if (norm === 0) return 1;
  if (atLeast > 0 && 1 - Math.abs(wa - wb) / norm < atLeast) return 0;
  const s = 1 - phoneticDistance(a, b, vowelIndel) / norm;
  return s > 0 ? s : 0;
}

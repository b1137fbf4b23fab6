/**
 * Phonetic keys of Latin forms (this engine's own, made for names that went
 * through a transliteration, which Soundex and Metaphone, made for English,
 * are not).
 *
 * - `phoneticForm` spells a form the way it sounds, keeping its vowels:
 *   sch/sh/sz → x, tsch/tch/ch/cz → c (one letter each, so an edit distance
 *   counts them as one sound), dzh/dj/zh → j, kh → h, ph → f, th → t, ck/q → k,
 *   c → s before e i y else k, x → ks, w → v, y → i, doubled letters once,
 *   h only before a vowel, a silent final e dropped. Philipp and Filip,
 *   Wladimir and Vladimir, Chaikovsky and Tschaikowsky meet here.
 * - `skeleton` keeps only consonants, in eight classes that the scripts of
 *   the world confuse with each other (b p f v w; t d; k g q; s z c;
 *   sh ch j zh; l r; m; n): what an Arabic or Hebrew spelling without
 *   vowels, a syllabary that adds vowels (kana, Hangul) and Chinese
 *   characters (which lose consonants) still agree on. Mertesacker and
 *   ميرتيساكر, Munster and ミュンスター, Waisbren and 維斯伯恩 (less its r) meet here.
 * - `indexKeys` are what the inverted index is keyed by: the skeleton with
 *   sh-class merged into s, and the same without l/r (Chinese and Japanese
 *   transliterations drop or swap liquids).
 */

const VOWEL = /[aeiou]/u;

export function phoneticForm(form: string): string {
  const s = form;
  let out = '';
  let i = 0;
  const n = s.length;
  const isV = (c: string | undefined): boolean => c !== undefined && 'aeiouy'.includes(c);
  while (i < n) {
    const c = s[i]!;
    const rest = s.slice(i, i + 7);
    if (rest.startsWith('schtsch')) { out += 'xc'; i += 7; continue; }
    if (rest.startsWith('tsch')) { out += 'c'; i += 4; continue; }
    if (rest.startsWith('shch')) { out += 'xc'; i += 4; continue; }
    if (rest.startsWith('sch')) { out += 'x'; i += 3; continue; }
    if (rest.startsWith('tch')) { out += 'c'; i += 3; continue; }
    if (rest.startsWith('dzh') || rest.startsWith('dsh')) { out += 'j'; i += 3; continue; }
    const two = s.slice(i, i + 2);
    switch (two) {
      case 'dj': case 'zh': out += 'j'; i += 2; continue;
      case 'kh': out += 'h'; i += 2; continue;
      case 'gh': out += 'g'; i += 2; continue;
      case 'ph': out += 'f'; i += 2; continue;
      case 'th': case 'dh': out += two[0]!; i += 2; continue;
      case 'ck': out += 'k'; i += 2; continue;
      case 'qu': out += 'k'; i += 2; continue;
      case 'sh': case 'sz': out += 'x'; i += 2; continue;
      case 'ch': case 'cz': out += 'c'; i += 2; continue;
      case 'ts': case 'tz': out += 'z'; i += 2; continue;
      case 'ou': out += 'u'; i += 2; continue;
      case 'ee': out += 'i'; i += 2; continue;
    }
    switch (c) {
      case 'c': out += 'eiy'.includes(s[i + 1] ?? '-') ? 's' : 'k'; break;
      case 'q': out += 'k'; break;
      case 'x': out += i === 0 ? 's' : 'ks'; break;
      case 'w': out += 'v'; break;
      case 'y': out += 'i'; break;
      // h sounds before a vowel or after a consonant (Muhammad, mhmd); after a vowel before a consonant it is a lengthening (Ohno, Shah).
      case 'h': if (isV(s[i + 1]) || (i > 0 && !isV(s[i - 1]) && i + 1 < n)) out += 'h'; break;
      default: out += c;
    }
    i++;
  }
  // Doubled letters once; a silent final e after a consonant goes (Poutine, Kane) when something is left.
  out = out.replace(/(.)\1+/gu, '$1');
  if (out.length > 3 && out.endsWith('e') && !VOWEL.test(out[out.length - 2]!)) out = out.slice(0, -1);
  return out;
}

/** A phonetic form as a person reads it (its one-letter sh and ch written out). */
export function displayForm(pform: string): string {
  return pform.replace(/x/gu, 'sh').replace(/c/gu, 'ch');
}

/** Consonant classes of a phonetic form (see the header): one letter per class, vowels dropped, repeats merged. */
export function skeleton(pform: string): string {
  let out = '';
  for (let i = 0; i < pform.length; i++) {
    const c = pform[i]!;
    let k: string;
    {
      switch (c) {
        case 'b': case 'p': case 'f': case 'v': k = 'b'; break;
        case 't': case 'd': k = 't'; break;
        case 'k': case 'g': k = 'k'; break;
        case 's': case 'z': k = 's'; break;
        case 'j': case 'x': case 'c': k = 'x'; break;
        case 'l': case 'r': k = 'r'; break;
        case 'm': k = 'm'; break;
        case 'n': k = 'n'; break;
        default: k = '';
      }
    }
    if (k !== '' && !out.endsWith(k)) out += k;
  }
  return out;
}

/** The skeleton with one class left out, each way (for a skeleton of four classes or more). */
function deletions(full: string): string[] {
  if (full.length < 4) return [];
  const out: string[] = [];
  for (let i = 0; i < full.length; i++) {
    const d = (full.slice(0, i) + full.slice(i + 1)).replace(/(.)\1+/gu, '$1');
    if (!out.includes(d)) out.push(d);
  }
  return out;
}

function merged(skel: string): string {
  return skel.replace(/x/gu, 's').replace(/(.)\1+/gu, '$1');
}

/**
 * The index keys of one skeleton: the skeleton (sh-class merged with s); for
 * four classes or more, the skeleton less one class (`d:`, so a consonant
 * lost, added or changed on either side still meets, as in SymSpell); and
 * when it has a liquid, the skeleton without liquids (`l:`).
 */
export function indexKeys(skel: string): string[] {
  const full = merged(skel);
  const keys = [`s:${full}`];
  for (const d of deletions(full)) keys.push(`d:${d}`);
  if (full.includes('r')) keys.push(`l:${full.replace(/r/gu, '').replace(/(.)\1+/gu, '$1')}`);
  return keys;
}

/**
 * The keys a query form looks up, the counterparts of every index key (see
 * `indexKeys`): `primary` the skeleton and liquid-free keys; `secondary` the
 * one-class-off keys (looked up only when the primary ones found no close part).
 */
export function queryKeys(skel: string): { primary: string[]; secondary: string[] } {
  const full = merged(skel);
  const noLiquid = full.replace(/r/gu, '').replace(/(.)\1+/gu, '$1');
  const primary = new Set<string>([`s:${full}`, `l:${noLiquid}`]);
  if (noLiquid !== full) primary.add(`s:${noLiquid}`);
  const secondary = new Set<string>();
  if (full.length >= 3) secondary.add(`d:${full}`);
  for (const d of deletions(full)) { secondary.add(`s:${d}`); secondary.add(`d:${d}`); }
  for (const k of primary) secondary.delete(k);
  return { primary: [...primary], secondary: [...secondary] };
}

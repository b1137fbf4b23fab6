/**
 * Name normalisation: Unicode NFKC, case folding, removal of the marks that
 * carry no identity (stress accents, Arabic short vowels, Hebrew points),
 * tokenisation into name parts, and the checks that reject what is not a
 * name (empty, punctuation only, too long, mixed writing systems).
 *
 * The parts keep their own script (a Cyrillic part stays Cyrillic, Latin
 * diacritics are kept): transliteration into Latin is the next step
 * (`romanize.ts`), and it needs them (ü → u and ue, й is not и).
 */
import { NameError } from './errors.js';

/** The limit on one name, in Unicode code points after NFKC. */
export const MAX_NAME_CHARS = 200;
/** The limit on the number of parts of one name. */
export const MAX_NAME_PARTS = 16;

/**
 * The writing system of a whole name. `japanese` is any name holding kana
 * (with or without kanji), `korean` any name holding Hangul; a name made of
 * Han characters only is `han` (Chinese, or Japanese kanji, or Korean hanja:
 * the romaniser produces readings for more than one).
 */
export type Script =
  | 'latin'
  | 'cyrillic'
  | 'greek'
  | 'arabic'
  | 'hebrew'
  | 'han'
  | 'japanese'
  | 'korean'
  | 'other';

export interface NormalizedName {
  /** The input as given. */
  readonly original: string;
  readonly script: Script;
  /** The name parts: lower case, NFC, identity-free marks removed; still in their script. */
  readonly parts: readonly string[];
}

/** A letter's script: one of Script's (less the name-level ones) or kana, hangul, or another script's name. */
type CharScript = string;

const OTHER_SCRIPTS = [
  'Armenian', 'Georgian', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu',
  'Kannada', 'Malayalam', 'Sinhala', 'Thai', 'Lao', 'Tibetan', 'Myanmar', 'Khmer', 'Ethiopic', 'Thaana',
  'Syriac', 'Mongolian', 'Tifinagh', 'Cherokee', 'Canadian_Aboriginal', 'Nko', 'Vai', 'Bopomofo', 'Yi',
] as const;
const OTHER_SCRIPT_RES = OTHER_SCRIPTS.map((s) => [s.toLowerCase(), new RegExp(`\\p{Script=${s}}`, 'u')] as const);

const RE = {
  latin: /\p{Script=Latin}/u,
  cyrillic: /\p{Script=Cyrillic}/u,
  greek: /\p{Script=Greek}/u,
  arabic: /\p{Script=Arabic}/u,
  hebrew: /\p{Script=Hebrew}/u,
  han: /\p{Script=Han}/u,
  kana: /[\p{Script=Hiragana}\p{Script=Katakana}]/u,
  hangul: /\p{Script=Hangul}/u,
  letter: /\p{L}/u,
  mark: /\p{M}/u,
  digit: /\p{N}/u,
  format: /\p{Cf}/u,
  invalid: /[\p{Cc}\p{Cn}\p{Co}\p{Cs}]/u,
  space: /\s/u,
};

/** Apostrophes and the Hebrew geresh: kept inside a part, never a separator. */
const APOSTROPHES = new Set(["'", '\u2019', '\u02BC', '\u02BB', '`', '\u00B4', '\u05F3', '\u05F4', '\u2018']);
/** Letters that belong to kana or Han runs though their script property says Common. */
const KANA_EXTENDERS = new Set(['\u30FC', '\u30FD', '\u30FE', '\u309D', '\u309E', '\u3005', '\u303B']);

export function charScript(ch: string): CharScript | null {
  const c = ch.codePointAt(0) ?? 0;
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) ? 'latin' : null;
  if (KANA_EXTENDERS.has(ch)) return ch === '\u3005' ? 'han' : 'kana';
  if (!RE.letter.test(ch)) return null;
  if (RE.latin.test(ch)) return 'latin';
  if (RE.cyrillic.test(ch)) return 'cyrillic';
  if (RE.greek.test(ch)) return 'greek';
  if (RE.arabic.test(ch)) return 'arabic';
  if (RE.hebrew.test(ch)) return 'hebrew';
  if (RE.han.test(ch)) return 'han';
  if (RE.kana.test(ch)) return 'kana';
  if (RE.hangul.test(ch)) return 'hangul';
  for (const [name, re] of OTHER_SCRIPT_RES) if (re.test(ch)) return name;
  return 'unknown';
}

/** The script of a whole name from the set of its letters' scripts, or null when they do not go together. */
function nameScript(scripts: ReadonlySet<CharScript>): Script | null {
  if (scripts.size === 1) {
    const [only] = scripts;
    switch (only) {
      case 'latin': case 'cyrillic': case 'greek': case 'arabic': case 'hebrew': case 'han':
        return only;
      case 'kana':
        return 'japanese';
      case 'hangul':
        return 'korean';
      default:
        return 'other';
    }
  }
  const rest = new Set(scripts);
  rest.delete('han');
  if (rest.size === 1 && rest.has('kana')) return 'japanese';
  if (rest.size === 1 && rest.has('hangul')) return 'korean';
  return null;
}

/** Marks removed from every part: they change no identity (stress, vowel points, cantillation). */
function stripMarks(token: string, script: CharScript): string {
  switch (script) {
    case 'latin':
      // Diacritics are kept here (the romaniser needs ü for ue); only stray marks after non-letters go.
      return token.normalize('NFC');
    case 'cyrillic': {
      // Stress accents go; й (и + breve) and ї, ё keep their marks.
      return token.normalize('NFD').replace(/[\u0300\u0301\u0302\u0303\u0304\u030B\u030F]/gu, '').normalize('NFC');
    }
    case 'greek':
      return token.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC').replace(/ς/gu, 'σ');
    case 'arabic':
      // Harakat, tanwin, shadda, sukun, superscript alef and the tatweel.
      return token.replace(/[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/gu, '');
    case 'hebrew':
      // Points and cantillation; the geresh (U+05F3 or ') is kept: it changes the letter.
      return token.replace(/[\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7]/gu, '');
    default:
      return token;
  }
}

/**
 * Normalises one name (one full name as written: "PUTIN, Vladimir
 * Vladimirovich", "Владимир Путин", "박지성"). Throws a `NameError` with a
 * stable code for what is not a name.
 */
export function normalizeName(input: string, limit: number = MAX_NAME_CHARS): NormalizedName {
  if (typeof input !== 'string') throw new NameError('person.name_empty', 'The name is not a string');
  // Cheap early refusal before any Unicode work: NFKC can expand, never shrink below a quarter.
  if (input.length > limit * 4) throw new NameError('person.name_too_long', `The name is longer than ${limit} characters`);
  const text = input.normalize('NFKC');
  const chars = Array.from(text.trim());
  if (chars.length === 0) throw new NameError('person.name_empty');
  if (chars.length > limit) throw new NameError('person.name_too_long', `The name is longer than ${limit} characters (${chars.length})`);

  const tokens: string[] = [];
  const tokenScripts: CharScript[] = [];
  const scripts = new Set<CharScript>();
  let current = '';
  let currentScript: CharScript | null = null;
  const flush = (): void => {
    if (current !== '' && currentScript !== null) {
      tokens.push(current);
      tokenScripts.push(currentScript);
    }
    current = '';
    currentScript = null;
  };
  for (const ch of chars) {
    if (ch === '\t' || ch === '\n' || ch === '\r') { flush(); continue; }
    if (RE.invalid.test(ch)) throw new NameError('person.name_invalid_characters', `The name holds the character U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
    if (RE.format.test(ch)) continue; // zero-width joiners, bidi marks, soft hyphens: nothing
    const script = charScript(ch);
    if (script !== null) {
      scripts.add(script);
      // A change of script inside a token (Japanese kanji + kana) stays one token; Latin next to non-Latin is mixed.
      if (currentScript === null || currentScript === script) currentScript = script;
      else if ((currentScript === 'han' && (script === 'kana' || script === 'hangul')) || (script === 'han' && (currentScript === 'kana' || currentScript === 'hangul'))) currentScript = currentScript === 'han' ? script : currentScript;
      current += ch;
      continue;
    }
    if (RE.mark.test(ch)) { if (current !== '') current += ch; continue; }
    if (APOSTROPHES.has(ch)) { if (current !== '') current += ch === '\u05F3' ? "'" : "'"; continue; }
    flush(); // spaces, punctuation, digits, symbols separate parts
  }
  flush();

  if (tokens.length === 0) throw new NameError('person.name_no_letters');
  const script = nameScript(scripts);
  if (script === null) throw new NameError('person.name_mixed_scripts', `The name mixes ${[...scripts].sort().join(' and ')}`);

  const parts: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tokenScript = tokenScripts[i] ?? script;
    let part = stripMarks(tokens[i]!.toLowerCase(), tokenScript);
    // Apostrophes at the edges carry nothing; inside Latin parts they go (O'Brien = OBrien).
    part = part.replace(/^'+|'+$/gu, '');
    if (tokenScript !== 'hebrew') part = part.replace(/'/gu, '');
    if (part !== '') parts.push(part);
  }
  if (parts.length === 0) throw new NameError('person.name_no_letters');
  if (parts.length > MAX_NAME_PARTS) throw new NameError('person.name_too_many_parts', `The name has ${parts.length} parts; the limit is ${MAX_NAME_PARTS}`);
  return { original: input, script, parts };
}

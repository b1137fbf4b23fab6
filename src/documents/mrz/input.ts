/**
 * Turning input text into MRZ lines: the strict reading `parseMrz` uses, and
 * the lenient clean-up a caller may choose to apply first.
 */
import { fieldAt, formatFor, LAYOUTS, SIZES, type Layout, type MrzSize } from './formats.js';
import type { MrzError } from './types.js';

/** Longer input is refused before it is scanned; the longest MRZ with line breaks is 94 characters. */
const MAX_INPUT = 512;
/** At most this many invalid characters are reported. */
const MAX_CHARACTER_ERRORS = 10;

const RUN_TOGETHER: ReadonlyMap<number, MrzSize> = new Map([
  [90, '3x30'],
  [72, '2x36'],
  [88, '2x44'],
]);

export function positioned(line: number, column: number, text: string): string {
  return line > 0 ? (column > 0 ? `line ${line}, column ${column}: ${text}` : `line ${line}: ${text}`) : text;
}

function whole(code: MrzError['code'], message: string): MrzError {
  return { code, field: 'mrz', line: 0, column: 0, message };
}

function describeCharacter(ch: string): string {
  if (ch >= 'a' && ch <= 'z') return `'${ch}' is not allowed (use upper case)`;
  if (ch === ' ') return `' ' (space) is not allowed (use '<' as the filler)`;
  if (ch === '\t') return 'a tab is not allowed';
  if (ch === '\r') return 'a carriage return is not allowed (separate lines with \\n or \\r\\n)';
  const cp = ch.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp >= 0x21 && cp <= 0x7e) return `'${ch}' is not allowed (only A-Z, 0-9 and '<')`;
  if (cp > 0x7e && !/\p{C}/u.test(ch)) return `'${ch}' (${hex}) is not allowed (only A-Z, 0-9 and '<')`;
  return `${hex} is not allowed (only A-Z, 0-9 and '<')`;
}

/** The size the lines have, if they have one, without reporting anything. */
function sizeOf(lines: readonly string[]): MrzSize | undefined {
  for (const [size, s] of Object.entries(SIZES) as [MrzSize, (typeof SIZES)[MrzSize]][]) {
    if (lines.length === s.lines && lines.every((l) => l.length === s.width)) return size;
  }
  return undefined;
}

function characterErrors(lines: readonly string[], layout: Layout | undefined): MrzError[] {
  const errors: MrzError[] = [];
  lines.forEach((line, li) => {
    let column = 0;
    for (const ch of line) {
      column++;
      if (/^[A-Z0-9<]$/.test(ch)) continue;
      if (errors.length >= MAX_CHARACTER_ERRORS) return;
      const field = layout ? fieldAt(layout, li, column - 1) : 'mrz';
      errors.push({ code: 'mrz.invalid_character', field, line: li + 1, column, message: positioned(li + 1, column, describeCharacter(ch)) });
    }
  });
  return errors;
}

function sizeErrors(lines: readonly string[]): MrzError[] {
  const n = lines.length;
  const blank = lines.findIndex((l) => l.length === 0);
  if (blank >= 0) {
    return [{ code: 'mrz.blank_line', field: 'mrz', line: blank + 1, column: 0, message: positioned(blank + 1, 0, 'the line is empty (blank lines are not allowed)') }];
  }
  if (n === 1) {
    const len = lines[0]?.length ?? 0;
    if (len === 30 || len === 36 || len === 44) {
      const which = len === 30 ? 'a TD1 MRZ has 3 lines' : len === 36 ? 'a TD2 or MRV-B MRZ has 2 lines' : 'a TD3 or MRV-A MRZ has 2 lines';
      return [whole('mrz.invalid_line_count', `found 1 line of ${len} characters; ${which}`)];
    }
    return [whole('mrz.invalid_length', `found one line of ${len} characters; an MRZ is 2 or 3 lines, or 90 (TD1), 72 (TD2, MRV-B) or 88 (TD3, MRV-A) characters run together`)];
  }
  if (n !== 2 && n !== 3) {
    return [whole('mrz.invalid_line_count', `found ${n} lines; an MRZ has 2 (TD2, TD3, MRV-A, MRV-B) or 3 (TD1)`)];
  }
  if (n === 2 && lines.every((l) => l.length === 30)) {
    return [whole('mrz.invalid_line_count', 'found 2 lines of 30 characters; a TD1 MRZ has 3 lines')];
  }
  if (n === 3 && (lines.every((l) => l.length === 36) || lines.every((l) => l.length === 44))) {
    return [whole('mrz.invalid_line_count', `found 3 lines of ${lines[0]?.length ?? 0} characters; that width has 2 lines`)];
  }
  const errors: MrzError[] = [];
  if (n === 3) {
    lines.forEach((l, i) => {
      if (l.length !== 30) errors.push(lineLength(i, l.length, 'a TD1 MRZ (3 lines) has 30 characters per line'));
    });
    return errors;
  }
  const first = lines[0]?.length ?? 0;
  const second = lines[1]?.length ?? 0;
  const expected = first === 36 || first === 44 ? first : second === 36 || second === 44 ? second : undefined;
  const rule = expected === undefined ? 'a 2-line MRZ has 36 (TD2, MRV-B) or 44 (TD3, MRV-A) characters per line' : `the other line has ${expected}, and both lines of a 2-line MRZ have the same length`;
  lines.forEach((l, i) => {
    if (l.length !== expected) errors.push(lineLength(i, l.length, rule));
  });
  return errors;
}

function lineLength(index: number, length: number, rule: string): MrzError {
  return { code: 'mrz.invalid_line_length', field: 'mrz', line: index + 1, column: 0, message: positioned(index + 1, 0, `has ${length} characters; ${rule}`) };
}

export type ReadInput =
  | { readonly ok: true; readonly lines: readonly string[]; readonly layout: Layout }
  | { readonly ok: false; readonly errors: readonly MrzError[] };

/**
 * The strict reading: surrounding white space trimmed, lines split at `\n` or
 * `\r\n`, one run-together line of 90, 72 or 88 characters cut into lines;
 * then every character checked, then the line count and lengths, then the
 * document code that picks the format. Anything else is an error.
 */
export function readInput(text: unknown): ReadInput {
  if (typeof text !== 'string') return { ok: false, errors: [whole('mrz.empty', 'the MRZ is not text')] };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, errors: [whole('mrz.empty', 'the MRZ is empty')] };
  if (trimmed.length > MAX_INPUT) {
    return { ok: false, errors: [whole('mrz.invalid_length', `the input has ${trimmed.length} characters; an MRZ has at most 90 and line breaks`)] };
  }
  let lines = trimmed.split(/\r?\n/);
  const runTogether = lines.length === 1 ? RUN_TOGETHER.get(trimmed.length) : undefined;
  if (runTogether !== undefined) {
    const { lines: count, width } = SIZES[runTogether];
    lines = Array.from({ length: count }, (_, i) => trimmed.slice(i * width, (i + 1) * width));
  }

  const size = sizeOf(lines);
  const first = lines[0]?.charAt(0) ?? '';
  const format = size === undefined ? undefined : formatFor(size, first);
  const layout = format === undefined ? undefined : LAYOUTS[format];
  // For naming the field of a bad character only: a lower-case or unknown document code still has a likely layout.
  const likely = size === undefined ? undefined : LAYOUTS[formatFor(size, first.toUpperCase()) ?? SIZES[size].formats[0] ?? 'TD1'];

  const badCharacters = characterErrors(lines, layout ?? likely);
  if (badCharacters.length > 0) return { ok: false, errors: badCharacters };
  if (size === undefined) return { ok: false, errors: sizeErrors(lines) };
  if (layout === undefined) {
    const code = lines[0]?.slice(0, 2) ?? '';
    const expected = size === '3x30' ? 'A, C or I (TD1)' : size === '2x36' ? 'A, C or I (TD2), or V (MRV-B visa)' : 'P (TD3 passport) or V (MRV-A visa)';
    const { lines: count, width } = SIZES[size];
    return {
      ok: false,
      errors: [{ code: 'mrz.invalid_document_code', field: 'documentCode', line: 1, column: 1, message: positioned(1, 1, `document code '${code}' does not fit a ${count}-line MRZ of ${width} characters, whose document code starts with ${expected}`) }],
    };
  }
  return { ok: true, lines, layout };
}

export interface MrzNormalisation {
  readonly kind: 'trimmed' | 'line-breaks' | 'blank-lines' | 'white-space' | 'upper-case';
  /** How many characters or lines were changed. */
  readonly count: number;
  readonly description: string;
}

export interface NormalisedMrzInput {
  readonly text: string;
  /** What was changed, in the order applied; empty when the text was already clean. */
  readonly changes: readonly MrzNormalisation[];
}

/**
 * The lenient clean-up, for callers who want it (OCR, hand typing); `parseMrz`
 * never does this itself. It trims the text, turns every line break (`\r\n`,
 * `\r`, U+2028, U+2029) into `\n`, drops blank lines, removes spaces and other
 * white space inside lines, and upper-cases `a`–`z`. Nothing else: it does not
 * guess at look-alike characters (`O`/`0`) or fillers.
 */
export function normaliseMrzInput(text: string): NormalisedMrzInput {
  const changes: MrzNormalisation[] = [];
  const trimmed = text.trim();
  if (trimmed.length !== text.length) {
    changes.push({ kind: 'trimmed', count: text.length - trimmed.length, description: `removed ${text.length - trimmed.length} white-space characters around the text` });
  }
  const breaks = trimmed.match(/\r(?!\n)|\u2028|\u2029/g)?.length ?? 0;
  if (breaks > 0) {
    changes.push({ kind: 'line-breaks', count: breaks, description: `turned ${breaks} carriage returns or Unicode line separators into \\n` });
  }
  // \r\n is a valid separator already, so rewriting it to \n is not reported as a change.
  let lines = trimmed.replace(/\r\n|\r|\u2028|\u2029/g, '\n').split('\n');

  let whiteSpace = 0;
  lines = lines.map((l) => {
    const cleaned = l.replace(/\s+/g, '');
    whiteSpace += l.length - cleaned.length;
    return cleaned;
  });
  const nonBlank = lines.filter((l) => l !== '');
  const blank = lines.length - nonBlank.length;
  if (blank > 0) changes.push({ kind: 'blank-lines', count: blank, description: `removed ${blank} blank lines` });
  if (whiteSpace > 0) changes.push({ kind: 'white-space', count: whiteSpace, description: `removed ${whiteSpace} spaces or other white space inside lines` });

  let lower = 0;
  const upper = nonBlank.map((l) =>
    l.replace(/[a-z]/g, (c) => {
      lower++;
      return c.toUpperCase();
    }),
  );
  if (lower > 0) changes.push({ kind: 'upper-case', count: lower, description: `upper-cased ${lower} letters` });
  return { text: upper.join('\n'), changes };
}

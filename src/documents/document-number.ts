/**
 * Travel-document numbers as they are stored and searched: the one form that
 * a number typed by an officer, printed in a visual zone or read from a
 * machine-readable zone (MRZ) all come down to.
 *
 * Normalisation, in this order of thought:
 *   - ASCII letters are upper-cased (`a`–`z` only: a full Unicode upper-case
 *     would quietly turn `ß` into `SS` or the dotless `ı` into `I`);
 *   - separators are removed: white space of any kind (spaces, tabs, the
 *     no-break spaces that copy and paste brings), hyphens (`-` and the
 *     Unicode dashes U+2010–U+2015, U+2212, U+FE63, U+FF0D), and the MRZ
 *     filler `<`;
 *   - what is left must be 1 to {@link DOCUMENT_NUMBER_MAX_LENGTH} characters
 *     of `A-Z` and `0-9`. Anything else (accented or Cyrillic look-alike
 *     letters, full-width digits, punctuation) is refused, never guessed at:
 *     the refusal names the character and its position in the input.
 *
 * Runs once for every search, so it is a single pass over char codes.
 */

/** Longest normalised document number accepted. */
export const DOCUMENT_NUMBER_MAX_LENGTH = 20;

export type DocumentNumberErrorCode =
  | 'document_number.empty'
  | 'document_number.too_long'
  | 'document_number.invalid_character';

export type DocumentNumberResult =
  | { readonly ok: true; readonly value: string }
  | {
      readonly ok: false;
      readonly code: 'document_number.empty' | 'document_number.too_long';
      readonly message: string;
    }
  | {
      readonly ok: false;
      readonly code: 'document_number.invalid_character';
      readonly message: string;
      /** The refused character (a whole code point). */
      readonly character: string;
      /** 1-based position in the raw input, counted in code points. */
      readonly position: number;
    };

function isSeparator(c: number): boolean {
  switch (c) {
    case 0x3c: // <  MRZ filler
    case 0x2d: // -  hyphen-minus
    case 0x2212: // minus sign
    case 0xfe63: // small hyphen-minus
    case 0xff0d: // full-width hyphen-minus
      return true;
    default:
      if (c >= 0x2010 && c <= 0x2015) return true; // hyphen … horizontal bar
      // White space as JavaScript's \s defines it.
      return (
        c === 0x20 ||
        (c >= 0x09 && c <= 0x0d) ||
        c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff
      );
  }
}

function describe(character: string): string {
  const cp = character.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  // Control characters, lone surrogates and the like are named by code only.
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(character) ? `"${character}" (${hex})` : hex;
}

/** Already normal: 1 to 20 of A-Z and 0-9 (what systems send); kept as it is, without a copy. */
function isNormal(raw: string): boolean {
  if (raw.length === 0 || raw.length > DOCUMENT_NUMBER_MAX_LENGTH) return false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a))) return false;
  }
  return true;
}

export function normaliseDocumentNumber(raw: string): DocumentNumberResult {
  if (isNormal(raw)) return { ok: true, value: raw };
  let value = '';
  let length = 0;
  let position = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    position++;
    if (c >= 0x30 && c <= 0x39) {
      // 0-9
    } else if (c >= 0x41 && c <= 0x5a) {
      // A-Z
    } else if (c >= 0x61 && c <= 0x7a) {
      length++;
      if (length <= DOCUMENT_NUMBER_MAX_LENGTH) value += String.fromCharCode(c - 0x20);
      continue;
    } else if (isSeparator(c)) {
      continue;
    } else {
      const character = String.fromCodePoint(raw.codePointAt(i) ?? c);
      return {
        ok: false,
        code: 'document_number.invalid_character',
        message: `Character ${describe(character)} at position ${position} is not allowed in a document number; only A-Z and 0-9 are (spaces, hyphens and "<" are ignored)`,
        character,
        position,
      };
    }
    length++;
    if (length <= DOCUMENT_NUMBER_MAX_LENGTH) value += raw[i];
  }
  if (length === 0) {
    return { ok: false, code: 'document_number.empty', message: 'The document number is empty once spaces, hyphens and "<" are removed' };
  }
  if (length > DOCUMENT_NUMBER_MAX_LENGTH) {
    return {
      ok: false,
      code: 'document_number.too_long',
      message: `The document number has ${length} characters once spaces, hyphens and "<" are removed; at most ${DOCUMENT_NUMBER_MAX_LENGTH} are allowed`,
    };
  }
  return { ok: true, value };
}

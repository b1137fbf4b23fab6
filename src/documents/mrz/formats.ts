/**
 * Where each field lies in each Doc 9303 MRZ format. Positions here are
 * 0-based (line index, start offset); errors report them 1-based.
 *
 *   TD1    3 × 30  ID cards (Part 5)         document code A…, C… or I…
 *   TD2    2 × 36  ID cards (Part 6)         document code A…, C… or I…
 *   TD3    2 × 44  passports (Part 4)        document code P…
 *   MRV-A  2 × 44  visas (Part 7)            document code V…
 *   MRV-B  2 × 36  visas (Part 7)            document code V…
 */

export type MrzFormat = 'TD1' | 'TD2' | 'TD3' | 'MRV-A' | 'MRV-B';

export const MRZ_FORMATS: readonly MrzFormat[] = ['TD1', 'TD2', 'TD3', 'MRV-A', 'MRV-B'];

export interface Span {
  readonly line: number;
  readonly start: number;
  readonly length: number;
}

export interface Layout {
  readonly format: MrzFormat;
  readonly lines: number;
  readonly width: number;
  readonly documentCode: Span;
  readonly issuingState: Span;
  readonly documentNumber: Span;
  readonly documentNumberCheck: Span;
  readonly dateOfBirth: Span;
  readonly dateOfBirthCheck: Span;
  readonly sex: Span;
  readonly dateOfExpiry: Span;
  readonly dateOfExpiryCheck: Span;
  readonly nationality: Span;
  readonly optionalData1: Span;
  readonly optionalData2: Span | null;
  /** TD3 only: the check digit over optional data 1 (the personal number). */
  readonly personalNumberCheck: Span | null;
  readonly name: Span;
  /** The parts covered by the composite check digit, in order; empty on visas. */
  readonly compositeParts: readonly Span[];
  readonly compositeCheck: Span | null;
  /** Whether a document number longer than 9 characters may overflow into optional data 1. */
  readonly longDocumentNumber: boolean;
}

const span = (line: number, start: number, length: number): Span => ({ line, start, length });

const TD1: Layout = {
  format: 'TD1',
  lines: 3,
  width: 30,
  documentCode: span(0, 0, 2),
  issuingState: span(0, 2, 3),
  documentNumber: span(0, 5, 9),
  documentNumberCheck: span(0, 14, 1),
  optionalData1: span(0, 15, 15),
  dateOfBirth: span(1, 0, 6),
  dateOfBirthCheck: span(1, 6, 1),
  sex: span(1, 7, 1),
  dateOfExpiry: span(1, 8, 6),
  dateOfExpiryCheck: span(1, 14, 1),
  nationality: span(1, 15, 3),
  optionalData2: span(1, 18, 11),
  compositeCheck: span(1, 29, 1),
  name: span(2, 0, 30),
  personalNumberCheck: null,
  compositeParts: [span(0, 5, 25), span(1, 0, 7), span(1, 8, 7), span(1, 18, 11)],
  longDocumentNumber: true,
};

/** Line 1 and the first 28 positions of line 2 are the same in TD2, TD3, MRV-A and MRV-B. */
function twoLine(format: MrzFormat, width: 36 | 44) {
  return {
    format,
    lines: 2,
    width,
    documentCode: span(0, 0, 2),
    issuingState: span(0, 2, 3),
    name: span(0, 5, width - 5),
    documentNumber: span(1, 0, 9),
    documentNumberCheck: span(1, 9, 1),
    nationality: span(1, 10, 3),
    dateOfBirth: span(1, 13, 6),
    dateOfBirthCheck: span(1, 19, 1),
    sex: span(1, 20, 1),
    dateOfExpiry: span(1, 21, 6),
    dateOfExpiryCheck: span(1, 27, 1),
    optionalData2: null,
  } as const;
}

const TD2: Layout = {
  ...twoLine('TD2', 36),
  optionalData1: span(1, 28, 7),
  personalNumberCheck: null,
  compositeParts: [span(1, 0, 10), span(1, 13, 7), span(1, 21, 14)],
  compositeCheck: span(1, 35, 1),
  longDocumentNumber: true,
};

const TD3: Layout = {
  ...twoLine('TD3', 44),
  optionalData1: span(1, 28, 14),
  personalNumberCheck: span(1, 42, 1),
  compositeParts: [span(1, 0, 10), span(1, 13, 7), span(1, 21, 22)],
  compositeCheck: span(1, 43, 1),
  longDocumentNumber: false,
};

const MRV_A: Layout = {
  ...twoLine('MRV-A', 44),
  optionalData1: span(1, 28, 16),
  personalNumberCheck: null,
  compositeParts: [],
  compositeCheck: null,
  longDocumentNumber: false,
};

const MRV_B: Layout = {
  ...twoLine('MRV-B', 36),
  optionalData1: span(1, 28, 8),
  personalNumberCheck: null,
  compositeParts: [],
  compositeCheck: null,
  longDocumentNumber: false,
};

export const LAYOUTS: Readonly<Record<MrzFormat, Layout>> = { TD1, TD2, TD3, 'MRV-A': MRV_A, 'MRV-B': MRV_B };

/** Which document codes each format takes (first character). */
export const DOCUMENT_CODE_FIRST: Readonly<Record<MrzFormat, readonly string[]>> = {
  TD1: ['A', 'C', 'I'],
  TD2: ['A', 'C', 'I'],
  TD3: ['P'],
  'MRV-A': ['V'],
  'MRV-B': ['V'],
};

export type MrzSize = '3x30' | '2x36' | '2x44';

export const SIZES: Readonly<Record<MrzSize, { lines: number; width: number; formats: readonly MrzFormat[] }>> = {
  '3x30': { lines: 3, width: 30, formats: ['TD1'] },
  '2x36': { lines: 2, width: 36, formats: ['TD2', 'MRV-B'] },
  '2x44': { lines: 2, width: 44, formats: ['TD3', 'MRV-A'] },
};

/** The format for a size and a document code's first character, or `undefined`. */
export function formatFor(size: MrzSize, firstCharacter: string): MrzFormat | undefined {
  return SIZES[size].formats.find((f) => DOCUMENT_CODE_FIRST[f].includes(firstCharacter));
}

/** The text of a span. */
export function read(lines: readonly string[], s: Span): string {
  return (lines[s.line] ?? '').slice(s.start, s.start + s.length);
}

/** Field names for error reports, by the layout key that holds the position. */
const FIELD_NAMES: readonly (readonly [keyof Layout, string])[] = [
  ['documentCode', 'documentCode'],
  ['issuingState', 'issuingState'],
  ['documentNumber', 'documentNumber'],
  ['documentNumberCheck', 'documentNumber'],
  ['optionalData1', 'optionalData1'],
  ['dateOfBirth', 'dateOfBirth'],
  ['dateOfBirthCheck', 'dateOfBirth'],
  ['sex', 'sex'],
  ['dateOfExpiry', 'dateOfExpiry'],
  ['dateOfExpiryCheck', 'dateOfExpiry'],
  ['nationality', 'nationality'],
  ['optionalData2', 'optionalData2'],
  ['personalNumberCheck', 'personalNumber'],
  ['compositeCheck', 'composite'],
  ['name', 'name'],
];

/** The name of the field at a 0-based position. */
export function fieldAt(layout: Layout, line: number, column: number): string {
  for (const [key, name] of FIELD_NAMES) {
    const s = layout[key] as Span | null;
    if (s !== null && s.line === line && column >= s.start && column < s.start + s.length) {
      return name === 'optionalData1' && layout.format === 'TD3' ? 'personalNumber' : name;
    }
  }
  return 'mrz';
}

import type { MrzFormat } from './formats.js';

/**
 * Every error code `parseMrz` can return. Stable: clients may switch on them.
 *
 * Structural errors (the first seven) stop the parse: the fields cannot be
 * located. Field errors are all collected, so every check-digit failure is
 * reported, not only the first.
 */
export const MRZ_ERROR_CODES = [
  'mrz.empty', // no text (or not a string)
  'mrz.invalid_length', // one line, or the whole input, of a length no MRZ has
  'mrz.invalid_line_count', // not 2 or 3 lines, or a count that does not fit the line length
  'mrz.invalid_line_length', // a line of the wrong length for the format
  'mrz.blank_line', // an empty line between lines
  'mrz.invalid_character', // a character outside A-Z 0-9 <
  'mrz.invalid_document_code', // document code that fits no format, or a malformed second character
  'mrz.unknown_state', // issuing state or nationality that is not a Doc 9303 code
  'mrz.invalid_document_number', // empty, fillers inside, or a broken long-number overflow
  'mrz.invalid_check_digit', // a check digit position holding something other than a digit
  'mrz.check_digit_mismatch', // a check digit that does not match its field
  'mrz.invalid_date', // not YYMMDD, not a calendar date, or unknown parts where none may be
  'mrz.invalid_sex', // not M, F, X or <
  'mrz.invalid_name', // digits, an empty primary identifier, or misplaced fillers
] as const;

export type MrzErrorCode = (typeof MRZ_ERROR_CODES)[number];

export interface MrzError {
  readonly code: MrzErrorCode;
  /**
   * The field concerned, named as in `Mrz` (`documentNumber`, `dateOfBirth`,
   * `composite`, `personalNumber`, `name`, ...), or `mrz` for the whole zone.
   */
  readonly field: string;
  /** 1-based line of the MRZ; 0 when the error concerns the input as a whole. */
  readonly line: number;
  /** 1-based column; 0 when the error concerns a whole line or the whole input. */
  readonly column: number;
  /** English, starts with "line L, column C: " when there is a position. */
  readonly message: string;
}

/** Sex as written in the MRZ: `<` means unspecified. */
export type MrzSex = 'M' | 'F' | 'X' | '<';

export interface MrzDate {
  /** The six characters of the MRZ, YYMMDD, `<<` for an unknown part (dates of birth only). */
  readonly raw: string;
  /** Four-digit year, resolved by the century rule (see dates.ts); null when unknown. */
  readonly year: number | null;
  readonly month: number | null;
  readonly day: number | null;
  /** `YYYY-MM-DD` when year, month and day are all known; otherwise null. */
  readonly iso: string | null;
}

export interface MrzCheckDigits {
  readonly documentNumber: number;
  readonly dateOfBirth: number;
  readonly dateOfExpiry: number;
  /** TD3 only; `<` when the personal number is empty and the State wrote a filler. */
  readonly personalNumber: number | '<' | null;
  /** TD1, TD2 and TD3; null on visas, which have none. */
  readonly composite: number | null;
}

/** A parsed, fully checked MRZ. Strings are canonical: trailing fillers removed. */
export interface Mrz {
  readonly format: MrzFormat;
  /** The MRZ lines as read (after splitting a run-together input). */
  readonly lines: readonly string[];
  /** e.g. `P`, `PD`, `I`, `AC`, `V` (a `<` second character removed). */
  readonly documentCode: string;
  /** Canonical Doc 9303 code, e.g. `GBR`, `D`. */
  readonly issuingState: string;
  /** The full document number, including any TD1/TD2 overflow. */
  readonly documentNumber: string;
  /** True when the number was longer than 9 characters and overflowed into optional data 1. */
  readonly longDocumentNumber: boolean;
  readonly dateOfBirth: MrzDate;
  readonly sex: MrzSex;
  readonly dateOfExpiry: MrzDate;
  readonly nationality: string;
  /** Primary identifier (surname), `<` within shown as spaces. */
  readonly primaryIdentifier: string;
  /** Secondary identifiers (given names), separated by single spaces; empty when none. */
  readonly secondaryIdentifiers: string;
  /** True when the name fills the whole field (its last position is a letter): it may be cut short. */
  readonly nameTruncated: boolean;
  /**
   * The first optional data field, trailing fillers removed (fillers within
   * are kept). TD1: line 1 positions 16–30 after any document-number
   * overflow; TD2, MRV-A, MRV-B: line 2 from position 29; TD3: positions
   * 29–42, the personal number.
   */
  readonly optionalData1: string;
  /** TD1 only: line 2 positions 19–29. */
  readonly optionalData2: string | null;
  /** TD3 only: the same text as optionalData1, which Doc 9303 calls the personal number. */
  readonly personalNumber: string | null;
  readonly checkDigits: MrzCheckDigits;
}

export interface ParseMrzOptions {
  /** The date that birth and expiry centuries are resolved against. Default: now. */
  readonly now?: Date;
  /** Accept `UTO` ("Utopia", the Doc 9303 specimen State) as a state code. Default: false. */
  readonly acceptSpecimenState?: boolean;
}

export type ParseMrzResult =
  | { readonly ok: true; readonly mrz: Mrz }
  | { readonly ok: false; readonly errors: readonly MrzError[] };

/** What `formatMrz` builds an MRZ from. */
export interface MrzFields {
  readonly format: MrzFormat;
  /** One or two characters, first one fitting the format (e.g. `P`, `PD`, `I`, `V`). */
  readonly documentCode: string;
  /** Canonical code (`D`, `GBR`); membership is not checked, so specimens can use `UTO`. */
  readonly issuingState: string;
  /** Letters and digits; over 9 characters only in TD1 and TD2. */
  readonly documentNumber: string;
  /** YYMMDD; `<<` for unknown parts. Not checked against the calendar. */
  readonly dateOfBirth: string;
  readonly sex: MrzSex;
  /** YYMMDD. Not checked against the calendar. */
  readonly dateOfExpiry: string;
  readonly nationality: string;
  /** Letters and single spaces; must not be empty. */
  readonly primaryIdentifier: string;
  /** Letters and single spaces; may be empty. */
  readonly secondaryIdentifiers: string;
  /** Letters, digits and `<`; defaults to empty. TD3: the personal number. */
  readonly optionalData1?: string;
  /** TD1 only. */
  readonly optionalData2?: string;
  /** TD3 only: what to write as the check digit of an empty personal number. Default `<`. */
  readonly emptyPersonalNumberCheckDigit?: '<' | '0';
}

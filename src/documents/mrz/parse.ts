/**
 * `parseMrz`: the strict reading of a Doc 9303 machine-readable zone.
 *
 * Structural problems (input, characters, line count and length, document
 * code) stop the parse. After that every field is checked and every problem
 * collected, so that each check-digit failure is reported, naming its field
 * and the digit that was expected. The function never throws on its input.
 */
import { ICAO_SPECIMEN_CODE, canonicalIcaoCode } from '../icao-codes.js';
import { checkDigit } from './check-digit.js';
import { parseMrzDate, type DateKind } from './dates.js';
import { read, type Layout, type Span } from './formats.js';
import { positioned, readInput } from './input.js';
import { parseName } from './names.js';
import type { Mrz, MrzDate, MrzError, MrzErrorCode, MrzSex, ParseMrzOptions, ParseMrzResult } from './types.js';

/** Field names in messages. */
const LABEL: Readonly<Record<string, string>> = {
  documentNumber: 'document number',
  dateOfBirth: 'date of birth',
  dateOfExpiry: 'date of expiry',
  personalNumber: 'personal number',
  composite: 'composite',
  issuingState: 'issuing state',
  nationality: 'nationality',
};

class Collector {
  readonly errors: MrzError[] = [];

  add(code: MrzErrorCode, field: string, at: Span, offset: number, text: string): void {
    const line = at.line + 1;
    const column = at.start + offset + 1;
    this.errors.push({ code, field, line, column, message: positioned(line, column, text) });
  }

  /**
   * Checks the character at `at` against the check digit of `data` and
   * reports a mismatch or a non-digit. Returns the digit as written, or the
   * expected one when what is written is not a digit (an error is then
   * recorded, so the value is never used in a result).
   */
  checkDigit(field: string, at: Span, data: string, written: string): number {
    const expected = checkDigit(data);
    const label = LABEL[field] ?? field;
    if (!/^\d$/.test(written)) {
      this.add('mrz.invalid_check_digit', field, at, 0, `${label} check digit is '${written}', expected the digit ${expected}`);
      return expected;
    }
    const digit = Number(written);
    if (digit !== expected) {
      this.add('mrz.check_digit_mismatch', field, at, 0, `${label} check digit is ${digit}, expected ${expected}`);
    }
    return digit;
  }
}

function readState(c: Collector, field: 'issuingState' | 'nationality', at: Span, raw: string, options: ParseMrzOptions): string {
  const specimen = options.acceptSpecimenState === true && raw === ICAO_SPECIMEN_CODE;
  const canonical = specimen ? raw : canonicalIcaoCode(raw);
  if (canonical === undefined) {
    c.add('mrz.unknown_state', field, at, 0, `${LABEL[field] ?? field} '${raw}' is not an ICAO Doc 9303 code`);
    return raw.replace(/<+$/, '');
  }
  return canonical;
}

function readDate(c: Collector, field: 'dateOfBirth' | 'dateOfExpiry', at: Span, raw: string, kind: DateKind, now: Date): MrzDate {
  const parsed = parseMrzDate(raw, kind, now);
  if (parsed.ok) return parsed.date;
  c.add('mrz.invalid_date', field, at, 0, `${LABEL[field] ?? field} ${parsed.problem}`);
  return { raw, year: null, month: null, day: null, iso: null };
}

interface DocumentNumber {
  readonly number: string;
  readonly long: boolean;
  /** Optional data 1 after any overflow. */
  readonly optionalData1: string;
  readonly checkDigit: number;
}

/** The document number, with the TD1/TD2 rule for numbers longer than 9 characters. */
function readDocumentNumber(c: Collector, layout: Layout, lines: readonly string[]): DocumentNumber {
  const numberField = read(lines, layout.documentNumber);
  const written = read(lines, layout.documentNumberCheck);
  const optional = read(lines, layout.optionalData1);

  if (layout.longDocumentNumber && written === '<' && /^[A-Z0-9]{9}$/.test(numberField)) {
    const overflowAt: Span = layout.optionalData1;
    const run = /^[A-Z0-9]*/.exec(optional)?.[0] ?? '';
    if (run.length < 2) {
      c.add('mrz.invalid_document_number', 'documentNumber', overflowAt, 0,
        "the document number check digit is '<', which marks a number longer than 9 characters, but optional data 1 does not start with the rest of the number and its check digit");
      return { number: numberField, long: true, optionalData1: optional.replace(/<+$/, ''), checkDigit: 0 };
    }
    const number = numberField + run.slice(0, -1);
    const cdAt: Span = { line: overflowAt.line, start: overflowAt.start + run.length - 1, length: 1 };
    const digit = c.checkDigit('documentNumber', cdAt, number, run.slice(-1));
    const rest = optional.slice(run.length + 1).replace(/<+$/, '');
    return { number, long: true, optionalData1: rest, checkDigit: digit };
  }

  const number = numberField.replace(/<+$/, '');
  if (number === '') {
    c.add('mrz.invalid_document_number', 'documentNumber', layout.documentNumber, 0, 'the document number is empty');
  } else if (number.includes('<')) {
    c.add('mrz.invalid_document_number', 'documentNumber', layout.documentNumber, number.indexOf('<'), `the document number '${numberField}' has a filler inside it`);
  }
  const digit = c.checkDigit('documentNumber', layout.documentNumberCheck, numberField, written);
  return { number, long: false, optionalData1: optional.replace(/<+$/, ''), checkDigit: digit };
}

function readDocumentCode(c: Collector, layout: Layout, lines: readonly string[]): string {
  const code = read(lines, layout.documentCode);
  if (!/^[A-Z][A-Z<]$/.test(code)) {
    c.add('mrz.invalid_document_code', 'documentCode', layout.documentCode, 1, `document code '${code}': the second character must be a letter or '<'`);
  }
  return code.replace(/<$/, '');
}

function readSex(c: Collector, layout: Layout, lines: readonly string[]): MrzSex {
  const sex = read(lines, layout.sex);
  if (sex === 'M' || sex === 'F' || sex === 'X' || sex === '<') return sex;
  c.add('mrz.invalid_sex', 'sex', layout.sex, 0, `sex '${sex}' must be M, F, X or '<' (unspecified)`);
  return '<';
}

/** Parses and checks an MRZ of any Doc 9303 format. See the module comment and `MRZ_ERROR_CODES`. */
export function parseMrz(text: string, options: ParseMrzOptions = {}): ParseMrzResult {
  const input = readInput(text);
  if (!input.ok) return input;
  const { lines, layout } = input;
  const now = options.now ?? new Date();
  const c = new Collector();
  const at = (s: Span): string => read(lines, s);

  const documentCode = readDocumentCode(c, layout, lines);
  const issuingState = readState(c, 'issuingState', layout.issuingState, at(layout.issuingState), options);
  const documentNumber = readDocumentNumber(c, layout, lines);

  const birthRaw = at(layout.dateOfBirth);
  const dateOfBirth = readDate(c, 'dateOfBirth', layout.dateOfBirth, birthRaw, 'birth', now);
  const birthDigit = c.checkDigit('dateOfBirth', layout.dateOfBirthCheck, birthRaw, at(layout.dateOfBirthCheck));
  const sex = readSex(c, layout, lines);
  const expiryRaw = at(layout.dateOfExpiry);
  const dateOfExpiry = readDate(c, 'dateOfExpiry', layout.dateOfExpiry, expiryRaw, 'expiry', now);
  const expiryDigit = c.checkDigit('dateOfExpiry', layout.dateOfExpiryCheck, expiryRaw, at(layout.dateOfExpiryCheck));
  const nationality = readState(c, 'nationality', layout.nationality, at(layout.nationality), options);

  let personalNumberDigit: number | '<' | null = null;
  if (layout.personalNumberCheck !== null) {
    const field = at(layout.optionalData1);
    const written = at(layout.personalNumberCheck);
    // An empty personal number may have '<' for its check digit (Doc 9303 Part 4).
    personalNumberDigit = written === '<' && /^<*$/.test(field) ? '<' : c.checkDigit('personalNumber', layout.personalNumberCheck, field, written);
  }

  const compositeDigit =
    layout.compositeCheck === null ? null : c.checkDigit('composite', layout.compositeCheck, layout.compositeParts.map(at).join(''), at(layout.compositeCheck));

  const name = parseName(at(layout.name));
  if (!name.ok) c.add('mrz.invalid_name', 'name', layout.name, name.offset, name.problem);
  if (c.errors.length > 0 || !name.ok) return { ok: false, errors: c.errors };

  const optionalData2 = layout.optionalData2 === null ? null : at(layout.optionalData2).replace(/<+$/, '');
  const mrz: Mrz = {
    format: layout.format,
    lines,
    documentCode,
    issuingState,
    documentNumber: documentNumber.number,
    longDocumentNumber: documentNumber.long,
    dateOfBirth,
    sex,
    dateOfExpiry,
    nationality,
    primaryIdentifier: name.primary,
    secondaryIdentifiers: name.secondary,
    nameTruncated: name.truncated,
    optionalData1: documentNumber.optionalData1,
    optionalData2,
    personalNumber: layout.format === 'TD3' ? documentNumber.optionalData1 : null,
    checkDigits: {
      documentNumber: documentNumber.checkDigit,
      dateOfBirth: birthDigit,
      dateOfExpiry: expiryDigit,
      personalNumber: personalNumberDigit,
      composite: compositeDigit,
    },
  };
  return { ok: true, mrz };
}

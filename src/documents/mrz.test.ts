import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { icaoCodes } from './icao-codes.js';
import { LAYOUTS, type Span } from './mrz/formats.js';
import {
  MRZ_ERROR_CODES,
  MRZ_FORMATS,
  checkDigit,
  formatMrz,
  normaliseMrzInput,
  parseMrz,
  toMrzFields,
  type Mrz,
  type MrzError,
  type MrzFields,
  type MrzFormat,
  type ParseMrzOptions,
} from './mrz/index.js';

const NOW = new Date('2025-06-15T12:00:00Z');
const SPECIMEN: ParseMrzOptions = { now: NOW, acceptSpecimenState: true };
const STRICT: ParseMrzOptions = { now: NOW };

/** The Doc 9303 specimens ("Utopia"). */
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const TD1_LONG = ['I<UTOD23145890<7349<<<<<<<<<<<', '3407127M9507122UTO<<<<<<<<<<<2', 'STEVENSON<<PETER<JOHN<<<<<<<<<'];
const TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];
const MRV_A = ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L8988901C4XXX4009078F96121096ZE184226B<<<<<<'];
const MRV_B = ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'L8988901C4XXX4009078F9612109<<<<<<<<'];

function ok(text: string, options: ParseMrzOptions = SPECIMEN): Mrz {
  const result = parseMrz(text, options);
  if (!result.ok) throw new Error(`expected a valid MRZ, got ${JSON.stringify(result.errors, null, 2)}`);
  return result.mrz;
}

function errors(text: string, options: ParseMrzOptions = SPECIMEN): readonly MrzError[] {
  const result = parseMrz(text, options);
  if (result.ok) throw new Error(`expected errors, got a valid MRZ for ${JSON.stringify(text)}`);
  return result.errors;
}

/** Replaces the character at 1-based line and column. */
function put(lines: readonly string[], line: number, column: number, ch: string): string {
  return lines.map((l, i) => (i === line - 1 ? l.slice(0, column - 1) + ch + l.slice(column) : l)).join('\n');
}

const passport: MrzFields = {
  format: 'TD3',
  documentCode: 'P',
  issuingState: 'GBR',
  documentNumber: '123456789',
  dateOfBirth: '850704',
  sex: 'M',
  dateOfExpiry: '300101',
  nationality: 'GBR',
  primaryIdentifier: 'SMITH',
  secondaryIdentifiers: 'JOHN PAUL',
};

describe('checkDigit', () => {
  it.each([
    ['L898902C3', 6],
    ['740812', 2],
    ['120415', 9],
    ['D23145890', 7],
    ['D23145890734', 9],
    ['ZE184226B<<<<<', 1],
    ['<<<<<<', 0],
    ['', 0],
    ['A', 0],
    ['Z', 5],
  ])('of %j is %d', (s, digit) => {
    expect(checkDigit(s)).toBe(digit);
  });

  it('refuses characters outside A-Z 0-9 <', () => {
    expect(() => checkDigit('abc')).toThrow(RangeError);
    expect(() => checkDigit('A B')).toThrow(RangeError);
  });
});

describe('the Doc 9303 specimens', () => {
  it('reads the TD3 passport', () => {
    const mrz = ok(TD3.join('\n'));
    expect(mrz).toMatchObject({
      format: 'TD3',
      documentCode: 'P',
      issuingState: 'UTO',
      documentNumber: 'L898902C3',
      longDocumentNumber: false,
      dateOfBirth: { raw: '740812', year: 1974, month: 8, day: 12, iso: '1974-08-12' },
      sex: 'F',
      dateOfExpiry: { raw: '120415', iso: '2012-04-15' },
      nationality: 'UTO',
      primaryIdentifier: 'ERIKSSON',
      secondaryIdentifiers: 'ANNA MARIA',
      nameTruncated: false,
      optionalData1: 'ZE184226B',
      optionalData2: null,
      personalNumber: 'ZE184226B',
      checkDigits: { documentNumber: 6, dateOfBirth: 2, dateOfExpiry: 9, personalNumber: 1, composite: 0 },
    });
    expect(mrz.lines).toEqual(TD3);
  });

  it('reads the TD1 identity card', () => {
    expect(ok(TD1.join('\n'))).toMatchObject({
      format: 'TD1',
      documentCode: 'I',
      documentNumber: 'D23145890',
      dateOfBirth: { iso: '1974-08-12' },
      sex: 'F',
      dateOfExpiry: { iso: '2012-04-15' },
      primaryIdentifier: 'ERIKSSON',
      secondaryIdentifiers: 'ANNA MARIA',
      optionalData1: '',
      optionalData2: '',
      personalNumber: null,
      checkDigits: { documentNumber: 7, composite: 6, personalNumber: null },
    });
  });

  it('reads the TD1 card with a document number longer than 9 characters', () => {
    expect(ok(TD1_LONG.join('\n'))).toMatchObject({
      format: 'TD1',
      documentNumber: 'D23145890734',
      longDocumentNumber: true,
      optionalData1: '',
      dateOfBirth: { iso: '1934-07-12' },
      sex: 'M',
      dateOfExpiry: { iso: '1995-07-12' },
      primaryIdentifier: 'STEVENSON',
      secondaryIdentifiers: 'PETER JOHN',
      checkDigits: { documentNumber: 9, composite: 2 },
    });
  });

  it('reads the TD2 card', () => {
    expect(ok(TD2.join('\n'))).toMatchObject({ format: 'TD2', documentNumber: 'D23145890', optionalData1: '', checkDigits: { composite: 6 } });
  });

  it('reads the MRV-A and MRV-B visas, which have no composite check digit', () => {
    expect(ok(MRV_A.join('\n'))).toMatchObject({
      format: 'MRV-A',
      documentCode: 'V',
      documentNumber: 'L8988901C',
      nationality: 'XXX',
      dateOfBirth: { iso: '1940-09-07' },
      dateOfExpiry: { iso: '1996-12-10' },
      optionalData1: '6ZE184226B',
      checkDigits: { composite: null },
    });
    expect(ok(MRV_B.join('\n'))).toMatchObject({ format: 'MRV-B', optionalData1: '', checkDigits: { composite: null } });
  });

  it('rebuilds every specimen exactly with formatMrz', () => {
    for (const lines of [TD3, TD1, TD1_LONG, TD2, MRV_A, MRV_B]) {
      expect(formatMrz(toMrzFields(ok(lines.join('\n'))))).toBe(lines.join('\n'));
    }
  });

  it('refuses Utopia unless specimens are accepted', () => {
    const found = errors(TD3.join('\n'), STRICT);
    expect(found.map((e) => [e.code, e.field, e.line, e.column])).toEqual([
      ['mrz.unknown_state', 'issuingState', 1, 3],
      ['mrz.unknown_state', 'nationality', 2, 11],
    ]);
    expect(found[0]?.message).toBe("line 1, column 3: issuing state 'UTO' is not an ICAO Doc 9303 code");
  });
});

describe('check digits', () => {
  it.each([
    [2, 10, 'documentNumber', 'document number check digit is 3, expected 6'],
    [2, 20, 'dateOfBirth', 'date of birth check digit is 3, expected 2'],
    [2, 28, 'dateOfExpiry', 'date of expiry check digit is 3, expected 9'],
    [2, 43, 'personalNumber', 'personal number check digit is 3, expected 1'],
    [2, 44, 'composite', 'composite check digit is 3, expected 0'],
  ])('detects a wrong digit at line %d, column %d and names %s', (line, column, field, message) => {
    const found = errors(put(TD3, line, column, '3'));
    const error = found.find((e) => e.field === field);
    expect(error).toEqual({ code: 'mrz.check_digit_mismatch', field, line, column, message: `line ${line}, column ${column}: ${message}` });
  });

  it('reports every failing check digit, not only the first', () => {
    let text = TD3.join('\n');
    for (const column of [10, 20, 28, 43, 44]) text = put(text.split('\n'), 2, column, '3');
    expect(errors(text).map((e) => e.field)).toEqual(['documentNumber', 'dateOfBirth', 'dateOfExpiry', 'personalNumber', 'composite']);
  });

  it('reports a changed field through its own check digit and the composite', () => {
    const found = errors(put(TD3, 2, 1, 'M')); // L898902C3 → M898902C3
    expect(found.map((e) => [e.code, e.field])).toEqual([
      ['mrz.check_digit_mismatch', 'documentNumber'],
      ['mrz.check_digit_mismatch', 'composite'],
    ]);
  });

  it('checks the composite over exactly the fields Doc 9303 lists, on TD1 and TD2', () => {
    // Optional data is covered by the composite only: a change there is caught by it alone.
    expect(errors(put(TD1, 1, 20, '5')).map((e) => e.field)).toEqual(['composite']);
    expect(errors(put(TD1, 2, 25, '5')).map((e) => e.field)).toEqual(['composite']);
    expect(errors(put(TD2, 2, 30, '5')).map((e) => e.field)).toEqual(['composite']);
    // The 7-3-1 scheme cannot see every change: a filler (0) turned into A (10) under weight 1 goes unnoticed.
    expect(ok(put(TD1, 1, 20, 'A')).optionalData1).toBe('<<<<A');
    // The name and the nationality are not covered.
    expect(ok(put(TD1, 3, 1, 'F')).primaryIdentifier).toBe('FRIKSSON');
    expect(ok(put(TD2, 1, 6, 'F')).primaryIdentifier).toBe('FRIKSSON');
  });

  it('does not cover visa optional data', () => {
    expect(ok(put(MRV_A, 2, 40, 'A')).optionalData1).toBe('6ZE184226B<A');
  });

  it('refuses a letter or filler where a check digit must be', () => {
    const found = errors(put(TD3, 2, 20, '<'));
    expect(found).toContainEqual({
      code: 'mrz.invalid_check_digit',
      field: 'dateOfBirth',
      line: 2,
      column: 20,
      message: "line 2, column 20: date of birth check digit is '<', expected the digit 2",
    });
    expect(errors(put(TD2, 2, 10, '<')).map((e) => e.code)).toContain('mrz.invalid_document_number');
    expect(errors(put(MRV_B, 2, 10, 'A')).map((e) => e.code)).toEqual(['mrz.invalid_check_digit']);
  });

  it("allows '<' or 0 as the check digit of an empty personal number, and nothing else", () => {
    const filler = formatMrz(passport);
    expect(filler.split('\n')[1]?.slice(28, 43)).toBe('<<<<<<<<<<<<<<<');
    expect(ok(filler).checkDigits.personalNumber).toBe('<');
    const zero = formatMrz({ ...passport, emptyPersonalNumberCheckDigit: '0' });
    expect(ok(zero).checkDigits.personalNumber).toBe(0);
    expect(formatMrz(toMrzFields(ok(zero)))).toBe(zero);
    const five = errors(put(zero.split('\n'), 2, 43, '5'));
    expect(five.map((e) => [e.code, e.field])).toContainEqual(['mrz.check_digit_mismatch', 'personalNumber']);
    const withNumber = formatMrz({ ...passport, optionalData1: 'AB123' }).split('\n');
    expect(errors(put(withNumber, 2, 43, '<')).map((e) => [e.code, e.field])).toContainEqual(['mrz.invalid_check_digit', 'personalNumber']);
  });
});

describe('document numbers', () => {
  const card: MrzFields = { ...passport, format: 'TD1', documentCode: 'ID', issuingState: 'D', nationality: 'D' };

  it('writes and reads a TD1 number longer than 9 characters, with optional data after it', () => {
    const text = formatMrz({ ...card, documentNumber: 'AB1234567890', optionalData1: 'XY1' });
    expect(text.split('\n')[0]).toBe(`IDD<<AB1234567<890${checkDigit('AB1234567890')}<XY1`.padEnd(30, '<'));
    expect(ok(text)).toMatchObject({ documentNumber: 'AB1234567890', longDocumentNumber: true, optionalData1: 'XY1', issuingState: 'D' });
  });

  it('does the same on TD2, and refuses a long number on TD3 and visas', () => {
    const td2 = formatMrz({ ...card, format: 'TD2', documentNumber: '1234567890AB' });
    expect(ok(td2)).toMatchObject({ format: 'TD2', documentNumber: '1234567890AB', longDocumentNumber: true, optionalData1: '' });
    expect(() => formatMrz({ ...passport, documentNumber: '1234567890' })).toThrow(RangeError);
    expect(() => formatMrz({ ...passport, format: 'MRV-B', documentCode: 'V', documentNumber: '1234567890' })).toThrow(RangeError);
  });

  it('detects a wrong check digit in the overflow, naming the document number', () => {
    const found = errors(put(TD1_LONG, 1, 19, '8'));
    expect(found).toContainEqual({
      code: 'mrz.check_digit_mismatch',
      field: 'documentNumber',
      line: 1,
      column: 19,
      message: 'line 1, column 19: document number check digit is 8, expected 9',
    });
  });

  it("refuses a '<' check digit with no overflow after it", () => {
    for (const optional of ['<'.repeat(15), `7${'<'.repeat(14)}`]) {
      const lines = [(TD1_LONG[0] ?? '').slice(0, 15) + optional, ...TD1_LONG.slice(1)];
      expect(errors(lines.join('\n'))).toContainEqual(
        expect.objectContaining({ code: 'mrz.invalid_document_number', field: 'documentNumber', line: 1, column: 16 }),
      );
    }
  });

  it('refuses an empty number and a filler inside the number', () => {
    expect(errors(formatMrz(passport).replace('123456789', '<<<<<<<<<')).map((e) => e.code)).toContain('mrz.invalid_document_number');
    const inside = errors(put(formatMrz({ ...passport, documentNumber: '12345' }).split('\n'), 2, 3, '<'));
    expect(inside[0]).toMatchObject({ code: 'mrz.invalid_document_number', field: 'documentNumber', line: 2, column: 3 });
  });
});

describe('dates', () => {
  const withDates = (dateOfBirth: string, dateOfExpiry = '300101'): string => formatMrz({ ...passport, dateOfBirth, dateOfExpiry });

  it.each([
    ['850231', "date of birth '850231' is not a calendar date (February 1985 has 28 days)"],
    ['851301', "date of birth '851301' has month 13"],
    ['850100', "date of birth '850100' is not a calendar date (there is no day 00)"],
    ['850431', "date of birth '850431' is not a calendar date (April 1985 has 30 days)"],
    ['7<0812', "date of birth '7<0812' is not YYMMDD, each part two digits or << when unknown"],
  ])('refuses the date of birth %s even with a correct check digit', (raw, message) => {
    expect(errors(withDates(raw))).toEqual([{ code: 'mrz.invalid_date', field: 'dateOfBirth', line: 2, column: 14, message: `line 2, column 14: ${message}` }]);
  });

  it('refuses an incomplete or impossible date of expiry', () => {
    expect(errors(withDates('850704', '30<<<<'))[0]).toMatchObject({ code: 'mrz.invalid_date', field: 'dateOfExpiry', line: 2, column: 22 });
    expect(errors(withDates('850704', '290229'))[0]?.message).toContain('February 2029 has 28 days');
    expect(ok(withDates('850704', '280229')).dateOfExpiry.iso).toBe('2028-02-29');
  });

  it('takes 29 February of a year 00 by the century it resolves to', () => {
    expect(ok(withDates('000229'), { now: NOW }).dateOfBirth.iso).toBe('2000-02-29');
    expect(errors(withDates('000229'), { now: new Date('1999-01-01T00:00:00Z') })[0]?.message).toContain('February 1900 has 28 days');
  });

  it('accepts unknown parts of a date of birth', () => {
    expect(ok(withDates('85<<<<')).dateOfBirth).toEqual({ raw: '85<<<<', year: 1985, month: null, day: null, iso: null });
    expect(ok(withDates('<<<<<<')).dateOfBirth).toEqual({ raw: '<<<<<<', year: null, month: null, day: null, iso: null });
    expect(ok(withDates('<<0229')).dateOfBirth).toEqual({ raw: '<<0229', year: null, month: 2, day: 29, iso: null });
    expect(errors(withDates('<<<<32'))[0]?.message).toContain('no month has 32 days');
  });

  it('resolves a date of birth to the latest date not after now', () => {
    const birth = (raw: string): string | null => ok(withDates(raw), { now: NOW }).dateOfBirth.iso;
    expect(birth('250615')).toBe('2025-06-15');
    expect(birth('250616')).toBe('1925-06-16');
    expect(birth('991231')).toBe('1999-12-31');
    expect(birth('000101')).toBe('2000-01-01');
  });

  it('resolves a date of expiry to the window from 50 years before now to 49 after', () => {
    const expiry = (raw: string): string | null => ok(withDates('850704', raw), { now: NOW }).dateOfExpiry.iso;
    expect(expiry('740101')).toBe('2074-01-01');
    expect(expiry('750101')).toBe('1975-01-01');
    expect(expiry('150101')).toBe('2015-01-01');
    expect(expiry('991231')).toBe('1999-12-31');
  });
});

describe('fields', () => {
  it("reads Germany's one-letter code D<< as D, and refuses unknown codes", () => {
    const german = formatMrz({ ...passport, issuingState: 'D', nationality: 'D' });
    expect(german.split('\n')[0]?.slice(0, 5)).toBe('P<D<<');
    expect(ok(german, STRICT)).toMatchObject({ issuingState: 'D', nationality: 'D' });
    const unknown = errors(formatMrz({ ...passport, issuingState: 'ZZZ', nationality: 'ZZZ' }), STRICT);
    expect(unknown.map((e) => [e.code, e.field])).toEqual([
      ['mrz.unknown_state', 'issuingState'],
      ['mrz.unknown_state', 'nationality'],
    ]);
    expect(errors(put(german.split('\n'), 1, 4, 'E'), STRICT)[0]?.message).toBe("line 1, column 3: issuing state 'DE<' is not an ICAO Doc 9303 code");
  });

  it('reads every sex marker and refuses others', () => {
    for (const sex of ['M', 'F', 'X', '<'] as const) expect(ok(formatMrz({ ...passport, sex })).sex).toBe(sex);
    expect(errors(put(formatMrz(passport).split('\n'), 2, 21, 'Q'))).toContainEqual(
      expect.objectContaining({ code: 'mrz.invalid_sex', field: 'sex', line: 2, column: 21 }),
    );
  });

  it('reads document codes and refuses ones that fit no format', () => {
    expect(ok(formatMrz({ ...passport, documentCode: 'PD' })).documentCode).toBe('PD');
    expect(errors(put(TD3, 1, 1, 'I'))).toEqual([
      expect.objectContaining({ code: 'mrz.invalid_document_code', field: 'documentCode', line: 1, column: 1 }),
    ]);
    expect(errors(put(TD1, 1, 1, 'P'))[0]?.code).toBe('mrz.invalid_document_code');
    expect(errors(put(TD3, 1, 2, '1'))).toEqual([
      expect.objectContaining({ code: 'mrz.invalid_document_code', field: 'documentCode', line: 1, column: 2 }),
    ]);
  });

  it('reads names: several components, none secondary, truncated', () => {
    expect(ok(formatMrz({ ...passport, primaryIdentifier: 'VAN DER BERG', secondaryIdentifiers: '' }))).toMatchObject({
      primaryIdentifier: 'VAN DER BERG',
      secondaryIdentifiers: '',
      nameTruncated: false,
    });
    const long = ok(formatMrz({ ...passport, primaryIdentifier: 'NILAVADHANANANDA', secondaryIdentifiers: 'CHAYAPA DEJTHAMRONG KRASUANG' }));
    expect(long).toMatchObject({ primaryIdentifier: 'NILAVADHANANANDA', secondaryIdentifiers: 'CHAYAPA DEJTHAMRONG K', nameTruncated: true });
  });

  it('refuses malformed names', () => {
    const name = (field: string): MrzError | undefined => errors(put([`P<GBR${field.padEnd(39, '<')}`, formatMrz(passport).split('\n')[1] ?? ''], 1, 1, 'P'))[0];
    expect(name('SM1TH<<JOHN')).toMatchObject({ code: 'mrz.invalid_name', field: 'name', line: 1, column: 8 });
    expect(name('<SMITH<<JOHN')).toMatchObject({ code: 'mrz.invalid_name', column: 6 });
    expect(name('SMITH<<<JOHN')).toMatchObject({ code: 'mrz.invalid_name', column: 13 });
    expect(name('SMITH<<JOHN<<PAUL')).toMatchObject({ code: 'mrz.invalid_name', column: 17 });
  });
});

describe('input', () => {
  const td3 = TD3.join('\n');

  it('accepts \\n, \\r\\n, a mix of them, a trailing newline and surrounding white space', () => {
    for (const text of [td3, TD3.join('\r\n'), `${td3}\n`, `${td3}\r\n`, `  \n${td3}\n\t `, TD1.join('\r\n'), `${TD1[0]}\r\n${TD1[1]}\n${TD1[2]}\n`]) {
      expect(parseMrz(text, SPECIMEN).ok, JSON.stringify(text)).toBe(true);
    }
  });

  it('accepts the lines run together, for every size', () => {
    for (const lines of [TD1, TD2, TD3]) {
      const mrz = ok(lines.join(''));
      expect(mrz.lines).toEqual(lines);
    }
  });

  it('refuses a lone carriage return and blank lines', () => {
    expect(errors(TD3.join('\r'))[0]).toEqual({
      code: 'mrz.invalid_character',
      field: 'mrz',
      line: 1,
      column: 45,
      message: 'line 1, column 45: a carriage return is not allowed (separate lines with \\n or \\r\\n)',
    });
    expect(errors(TD3.join('\n\n'))).toEqual([{ code: 'mrz.blank_line', field: 'mrz', line: 2, column: 0, message: 'line 2: the line is empty (blank lines are not allowed)' }]);
  });

  it.each([
    ['nothing', '', 'mrz.empty'],
    ['white space only', ' \n\t ', 'mrz.empty'],
    ['one line of 44', TD3[0] ?? '', 'mrz.invalid_line_count'],
    ['three lines of 44', `${td3}\n${TD3[1] ?? ''}`, 'mrz.invalid_line_count'],
    ['two lines of 30', `${TD1[0] ?? ''}\n${TD1[1] ?? ''}`, 'mrz.invalid_line_count'],
    ['four lines of 30', [...TD1, TD1[2] ?? ''].join('\n'), 'mrz.invalid_line_count'],
    ['one run-together line of 87', TD3.join('').slice(1), 'mrz.invalid_length'],
    ['five characters', 'P<UTO', 'mrz.invalid_length'],
    ['600 characters', '<'.repeat(600), 'mrz.invalid_length'],
  ])('refuses %s with %s', (_label, text, code) => {
    const found = errors(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code, field: 'mrz', line: 0, column: 0 });
  });

  it('names each line of the wrong length', () => {
    expect(errors(`${TD3[0] ?? ''}\n${(TD3[1] ?? '').slice(0, 43)}`)).toEqual([
      {
        code: 'mrz.invalid_line_length',
        field: 'mrz',
        line: 2,
        column: 0,
        message: 'line 2: has 43 characters; the other line has 44, and both lines of a 2-line MRZ have the same length',
      },
    ]);
    expect(errors([TD1[0], `${TD1[1] ?? ''}<`, (TD1[2] ?? '').slice(1)].join('\n')).map((e) => e.line)).toEqual([2, 3]);
    expect(errors(`${TD2[0] ?? ''}\n${TD3[1] ?? ''}`)[0]).toMatchObject({ code: 'mrz.invalid_line_length', line: 2 });
  });

  it('refuses lower case and spaces, naming line, column and field, and accepts them after normaliseMrzInput', () => {
    const found = errors(put(TD3, 2, 5, 'a'));
    expect(found).toEqual([
      { code: 'mrz.invalid_character', field: 'documentNumber', line: 2, column: 5, message: "line 2, column 5: 'a' is not allowed (use upper case)" },
    ]);

    const casual = `p<utoeriksson<<anna<maria${'<'.repeat(19)}\n${TD3[1] ?? ''}`;
    const caseErrors = errors(casual);
    expect(caseErrors).toHaveLength(10); // at most ten character errors are listed
    expect(caseErrors[0]).toMatchObject({ code: 'mrz.invalid_character', field: 'documentCode', line: 1, column: 1 });
    const normalised = normaliseMrzInput(casual);
    expect(normalised.changes.map((c) => [c.kind, c.count])).toEqual([['upper-case', 21]]);
    expect(ok(normalised.text).primaryIdentifier).toBe('ERIKSSON');

    const spaced = `  ${TD3[0] ?? ''}\r\n\r\n ${(TD3[1] ?? '').slice(0, 9)} ${(TD3[1] ?? '').slice(9)}  \r`;
    const spaceErrors = errors(spaced);
    expect(spaceErrors[0]).toEqual({
      code: 'mrz.invalid_character',
      field: 'mrz',
      line: 3,
      column: 1,
      message: "line 3, column 1: ' ' (space) is not allowed (use '<' as the filler)",
    });
    const cleaned = normaliseMrzInput(spaced);
    expect(cleaned.text).toBe(td3);
    expect(cleaned.changes.map((c) => c.kind)).toEqual(['trimmed', 'blank-lines', 'white-space']);
    expect(ok(cleaned.text).documentNumber).toBe('L898902C3');
  });

  it('reports nothing changed for clean input, and joins a run-together MRZ split by spaces', () => {
    expect(normaliseMrzInput(td3)).toEqual({ text: td3, changes: [] });
    expect(ok(normaliseMrzInput(TD3.join(' ')).text).documentNumber).toBe('L898902C3');
    expect(normaliseMrzInput(TD3.join('\r')).changes.map((c) => c.kind)).toEqual(['line-breaks']);
  });

  it('describes other characters by code point', () => {
    expect(errors(put(TD3, 1, 7, 'é'))[0]?.message).toBe("line 1, column 7: 'é' (U+00E9) is not allowed (only A-Z, 0-9 and '<')");
    expect(errors(put(TD3, 1, 7, '\u0000'))[0]?.message).toBe("line 1, column 7: U+0000 is not allowed (only A-Z, 0-9 and '<')");
    expect(errors(put(TD3, 1, 7, '-'))[0]).toMatchObject({ field: 'name', message: "line 1, column 7: '-' is not allowed (only A-Z, 0-9 and '<')" });
  });

  it('does not throw on input that is not a string', () => {
    expect(parseMrz(42 as unknown as string)).toEqual({ ok: false, errors: [expect.objectContaining({ code: 'mrz.empty' })] });
  });

  it('uses only the documented error codes', () => {
    const samples = [td3.slice(3), put(TD3, 2, 10, '3'), put(TD3, 1, 1, 'X'), 'x'];
    for (const s of samples) {
      for (const e of errors(s)) expect(MRZ_ERROR_CODES).toContain(e.code);
    }
  });
});

// ---------------------------------------------------------------------------
// Property-based tests

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${LETTERS}0123456789`;
const MRZ_CHARS = `${ALNUM}<`;
const CODES = icaoCodes.map((c) => c.code);
const FIRST_LETTER: Record<MrzFormat, string> = { TD1: 'ACI', TD2: 'ACI', TD3: 'P', 'MRV-A': 'V', 'MRV-B': 'V' };

const text = (alphabet: string, minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });

const trimFillers = (s: string): string => s.replace(/<+$/, '');

const pad = (n: number): string => String(n).padStart(2, '0');
const yymmdd = (d: Date): string => pad(d.getUTCFullYear() % 100) + pad(d.getUTCMonth() + 1) + pad(d.getUTCDate());

/** A date of birth in the 100 years before NOW, sometimes with unknown parts. */
const birthArb = fc
  .tuple(fc.date({ min: new Date('1925-06-16T00:00:00Z'), max: NOW, noInvalidDate: true }), fc.constantFrom(0, 0, 0, 0, 1, 2, 4, 6, 7))
  .map(([d, mask]) => {
    const raw = yymmdd(d);
    const parts = [0, 1, 2].map((i) => (mask & (1 << i) ? '<<' : raw.slice(i * 2, i * 2 + 2)));
    return { raw: parts.join(''), iso: mask === 0 ? d.toISOString().slice(0, 10) : null };
  });

const expiryArb = fc
  .date({ min: new Date('1975-01-01T00:00:00Z'), max: new Date('2074-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => ({ raw: yymmdd(d), iso: d.toISOString().slice(0, 10) }));

const identifiers = (min: number): fc.Arbitrary<string> => fc.array(text(LETTERS, 1, 12), { minLength: min, maxLength: 3 }).map((a) => a.join(' '));

interface Generated {
  readonly fields: MrzFields;
  readonly birthIso: string | null;
  readonly expiryIso: string;
}

const generatedArb: fc.Arbitrary<Generated> = fc.constantFrom(...MRZ_FORMATS).chain((format) => {
  const layout = LAYOUTS[format];
  const optionalLength = layout.optionalData1.length;
  const numberArb = layout.longDocumentNumber
    ? fc.oneof({ weight: 3, arbitrary: text(ALNUM, 1, 9) }, { weight: 1, arbitrary: text(ALNUM, 10, 9 + optionalLength - 1) })
    : text(ALNUM, 1, 9);
  const nameWidth = layout.name.length;
  return fc
    .record({
      documentCode: fc.tuple(fc.constantFrom(...FIRST_LETTER[format]), fc.option(fc.constantFrom(...LETTERS))).map(([a, b]) => a + (b ?? '')),
      issuingState: fc.constantFrom(...CODES),
      nationality: fc.constantFrom(...CODES),
      documentNumber: numberArb,
      birth: birthArb,
      expiry: expiryArb,
      sex: fc.constantFrom('M' as const, 'F' as const, 'X' as const, '<' as const),
      primaryIdentifier: identifiers(1),
      secondaryIdentifiers: identifiers(0),
      optional1: text(MRZ_CHARS, 0, optionalLength),
      optional2: text(MRZ_CHARS, 0, 11),
      emptyDigit: fc.constantFrom('<' as const, '0' as const),
    })
    .filter((r) => (r.secondaryIdentifiers === '' ? r.primaryIdentifier.length : r.primaryIdentifier.length + 2 + r.secondaryIdentifiers.length) <= nameWidth)
    .map((r): Generated => {
      const overflow = r.documentNumber.length > 9 ? r.documentNumber.length - 9 : 0;
      const room = overflow > 0 ? optionalLength - overflow - 2 : optionalLength;
      const optionalData1 = trimFillers(r.optional1.slice(0, Math.max(0, room)));
      const fields: MrzFields = {
        format,
        documentCode: r.documentCode,
        issuingState: r.issuingState,
        documentNumber: r.documentNumber,
        dateOfBirth: r.birth.raw,
        sex: r.sex,
        dateOfExpiry: r.expiry.raw,
        nationality: r.nationality,
        primaryIdentifier: r.primaryIdentifier,
        secondaryIdentifiers: r.secondaryIdentifiers,
        optionalData1,
        ...(format === 'TD1' ? { optionalData2: trimFillers(r.optional2) } : {}),
        ...(format === 'TD3' && optionalData1 === '' ? { emptyPersonalNumberCheckDigit: r.emptyDigit } : {}),
      };
      return { fields, birthIso: r.birth.iso, expiryIso: r.expiry.iso };
    });
});

/** 0-based positions covered by some check digit, check digits included. */
function checkedPositions(format: MrzFormat): Set<string> {
  const l = LAYOUTS[format];
  const spans: (Span | null)[] = [
    l.documentNumber,
    l.documentNumberCheck,
    l.dateOfBirth,
    l.dateOfBirthCheck,
    l.dateOfExpiry,
    l.dateOfExpiryCheck,
    l.personalNumberCheck === null ? null : l.optionalData1,
    l.personalNumberCheck,
    l.compositeCheck,
    ...l.compositeParts,
  ];
  const out = new Set<string>();
  for (const s of spans) if (s !== null) for (let i = 0; i < s.length; i++) out.add(`${s.line}:${s.start + i}`);
  return out;
}

describe('properties', () => {
  it('round-trips formatMrz → parseMrz for every format', () => {
    fc.assert(
      fc.property(generatedArb, ({ fields, birthIso, expiryIso }) => {
        const built = formatMrz(fields);
        const mrz = ok(built, STRICT);
        expect(toMrzFields(mrz)).toEqual(fields);
        expect(mrz.format).toBe(fields.format);
        expect(mrz.dateOfExpiry.iso).toBe(expiryIso);
        if (birthIso !== null) expect(mrz.dateOfBirth.iso).toBe(birthIso);
        expect(mrz.longDocumentNumber).toBe(fields.documentNumber.length > 9);
        expect(mrz.lines.join('\n')).toBe(built);
        expect(ok(mrz.lines.join(''), STRICT)).toEqual(mrz);
      }),
      { numRuns: 500 },
    );
  });

  it('detects a changed character or still reads the result consistently', () => {
    fc.assert(
      fc.property(generatedArb, fc.nat(), fc.nat(), fc.constantFrom(...MRZ_CHARS), ({ fields }, lineSeed, columnSeed, replacement) => {
        const lines = formatMrz(fields).split('\n');
        const line = lineSeed % lines.length;
        const original = lines[line] ?? '';
        const column = columnSeed % original.length;
        fc.pre(original.charAt(column) !== replacement);
        const mutated = put(lines, line + 1, column + 1, replacement);
        const result = parseMrz(mutated, STRICT);
        if (result.ok) {
          expect(formatMrz(toMrzFields(result.mrz))).toBe(mutated);
        } else {
          expect(result.errors.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('always detects a digit changed to another digit inside a check-digited field', () => {
    fc.assert(
      fc.property(generatedArb, fc.nat(), fc.integer({ min: 1, max: 9 }), ({ fields }, seed, shift) => {
        const lines = formatMrz(fields).split('\n');
        const checked = checkedPositions(fields.format);
        const digits: [number, number][] = [];
        lines.forEach((l, li) => {
          for (let ci = 0; ci < l.length; ci++) if (/\d/.test(l.charAt(ci)) && checked.has(`${li}:${ci}`)) digits.push([li, ci]);
        });
        const [li, ci] = digits[seed % digits.length] ?? [0, 0];
        const digit = Number(lines[li]?.charAt(ci));
        const mutated = put(lines, li + 1, ci + 1, String((digit + shift) % 10));
        expect(parseMrz(mutated, STRICT).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws, whatever the input', () => {
    const near = fc.constantFrom(...MRZ_FORMATS).chain((format) => {
      const { lines, width } = LAYOUTS[format];
      return fc
        .tuple(fc.constantFrom(...FIRST_LETTER[format], 'X'), fc.array(text(`${MRZ_CHARS}<<<<<<a \r`, width, width), { minLength: lines, maxLength: lines }))
        .map(([first, ls]) => first + ls.join('\n').slice(1));
    });
    const anything = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), text(`${MRZ_CHARS}\n\r \t`, 0, 120), near);
    fc.assert(
      fc.property(anything, (input) => {
        const result = parseMrz(input, STRICT);
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const e of result.errors) {
            expect(MRZ_ERROR_CODES).toContain(e.code);
            expect(e.message).not.toBe('');
          }
        }
        normaliseMrzInput(input);
      }),
      { numRuns: 3000 },
    );
  });
});

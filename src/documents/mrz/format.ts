/**
 * `formatMrz`: builds an MRZ from its fields, computing every check digit.
 * For tests, benchmarks and sample data. It checks shape (lengths, alphabet,
 * document code against format) and throws a RangeError when a field cannot
 * be written; it does not check meaning (state codes, calendar dates), so it
 * can build MRZs that `parseMrz` refuses for those reasons only.
 */
import { icaoCodeField } from '../icao-codes.js';
import { checkDigit } from './check-digit.js';
import { DOCUMENT_CODE_FIRST, LAYOUTS, read, type Span } from './formats.js';
import { formatName } from './names.js';
import type { Mrz, MrzFields } from './types.js';

function need(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(message);
}

function padded(value: string, length: number, what: string): string {
  need(/^[A-Z0-9<]*$/.test(value), `${what} '${value}' must be A-Z, 0-9 and '<' only`);
  need(value.length <= length, `${what} '${value}' is longer than ${length} characters`);
  return value.padEnd(length, '<');
}

/** The MRZ lines for `fields`, joined with `\n`. */
export function formatMrz(fields: MrzFields): string {
  const layout = LAYOUTS[fields.format];
  need(layout !== undefined, `unknown MRZ format '${String(fields.format)}'`);
  const lines = Array.from({ length: layout.lines }, () => Array<string>(layout.width).fill('<'));
  const put = (s: Span, value: string): void => {
    const line = lines[s.line];
    if (line === undefined || value.length !== s.length) throw new RangeError(`internal: '${value}' does not fit its span`);
    for (let i = 0; i < value.length; i++) line[s.start + i] = value.charAt(i);
  };

  const code = fields.documentCode;
  need(/^[A-Z][A-Z<]?$/.test(code) && DOCUMENT_CODE_FIRST[fields.format].includes(code.charAt(0)),
    `document code '${code}' does not fit ${fields.format} (first letter ${DOCUMENT_CODE_FIRST[fields.format].join(', ')})`);
  put(layout.documentCode, code.padEnd(2, '<'));
  put(layout.issuingState, icaoCodeField(fields.issuingState));
  put(layout.nationality, icaoCodeField(fields.nationality));

  const number = fields.documentNumber;
  need(/^[A-Z0-9]+$/.test(number), `document number '${number}' must be letters and digits`);
  let optional1 = fields.optionalData1 ?? '';
  if (number.length > 9) {
    need(layout.longDocumentNumber, `document number '${number}' is longer than 9 characters, which only TD1 and TD2 can hold`);
    put(layout.documentNumber, number.slice(0, 9));
    put(layout.documentNumberCheck, '<');
    optional1 = `${number.slice(9)}${checkDigit(number)}${optional1 === '' ? '' : `<${optional1}`}`;
  } else {
    put(layout.documentNumber, padded(number, 9, 'document number'));
    put(layout.documentNumberCheck, String(checkDigit(padded(number, 9, 'document number'))));
  }
  put(layout.optionalData1, padded(optional1, layout.optionalData1.length, 'optional data 1'));
  if (layout.optionalData2 !== null) {
    put(layout.optionalData2, padded(fields.optionalData2 ?? '', layout.optionalData2.length, 'optional data 2'));
  } else {
    need(fields.optionalData2 === undefined || fields.optionalData2 === '', `${fields.format} has no optional data 2`);
  }

  for (const [key, checkKey] of [['dateOfBirth', 'dateOfBirthCheck'], ['dateOfExpiry', 'dateOfExpiryCheck']] as const) {
    const value = fields[key];
    need(/^[0-9<]{6}$/.test(value), `${key} '${value}' must be six characters, YYMMDD`);
    put(layout[key], value);
    put(layout[checkKey], String(checkDigit(value)));
  }
  need(['M', 'F', 'X', '<'].includes(fields.sex), `sex '${fields.sex}' must be M, F, X or '<'`);
  put(layout.sex, fields.sex);
  put(layout.name, formatName(fields.primaryIdentifier, fields.secondaryIdentifiers, layout.name.length));

  const text = (): string[] => lines.map((l) => l.join(''));
  if (layout.personalNumberCheck !== null) {
    const personal = read(text(), layout.optionalData1);
    const empty = /^<*$/.test(personal);
    put(layout.personalNumberCheck, empty ? (fields.emptyPersonalNumberCheckDigit ?? '<') : String(checkDigit(personal)));
  }
  if (layout.compositeCheck !== null) {
    const current = text();
    put(layout.compositeCheck, String(checkDigit(layout.compositeParts.map((s) => read(current, s)).join(''))));
  }
  return text().join('\n');
}

/** The fields of a parsed MRZ, such that `formatMrz(toMrzFields(mrz))` gives its lines back. */
export function toMrzFields(mrz: Mrz): MrzFields {
  const emptyPersonal = mrz.checkDigits.personalNumber === '<' ? '<' : mrz.checkDigits.personalNumber === 0 && mrz.personalNumber === '' ? '0' : undefined;
  return {
    format: mrz.format,
    documentCode: mrz.documentCode,
    issuingState: mrz.issuingState,
    documentNumber: mrz.documentNumber,
    dateOfBirth: mrz.dateOfBirth.raw,
    sex: mrz.sex,
    dateOfExpiry: mrz.dateOfExpiry.raw,
    nationality: mrz.nationality,
    primaryIdentifier: mrz.primaryIdentifier,
    secondaryIdentifiers: mrz.secondaryIdentifiers,
    optionalData1: mrz.optionalData1,
    ...(mrz.optionalData2 === null ? {} : { optionalData2: mrz.optionalData2 }),
    ...(emptyPersonal === undefined ? {} : { emptyPersonalNumberCheckDigit: emptyPersonal }),
  };
}

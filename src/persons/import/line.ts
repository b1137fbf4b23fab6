/**
 * One line of a persons import, checked: the API's body (`POST
 * /api/v1/persons`, the same schema and `validateNewPerson`) plus the owner's
 * own `reference` and, optionally, the `ownerCountry` it belongs to.
 */
import { createHash } from 'node:crypto';
import { Compile } from 'typebox/compile';
import { isAppError, type FieldError } from '../../core/errors.js';
import { schemaProblems } from '../../core/schema-problems.js';
import { CreatePersonBody } from '../schema.js';
import type { NewPerson } from '../../storage/schema.js';
import { validateNewPerson, type PersonInput } from '../validate.js';

/** The fields an import line holds beside the API's body. */
export const IMPORT_FIELDS = ['reference', 'ownerCountry'] as const;
export const REFERENCE_MAX_LENGTH = 100;

export interface CheckedLine {
  line: number;
  reference: string;
  /** As the line gives it (upper case), or null: the import's owner. */
  ownerCountry: string | null;
  input: PersonInput;
  /** Whether the line set the review date (else it is the default, which moves with the day). */
  reviewDateGiven: boolean;
}

export interface LineError {
  line: number;
  code: string;
  message: string;
}

const checkBody = Compile(CreatePersonBody);

const describe = (problems: readonly FieldError[]): string =>
  problems.map((p) => {
    const name = p.pointer.replace(/^\/body/, '');
    return name === '' ? p.message : `${name}: ${p.message}`;
  }).join('; ');

function checkReference(value: unknown): string | { code: string; message: string } {
  if (value === undefined || value === null) return { code: 'person.reference_missing', message: '/reference: is required: your own reference for the person (case or file number), which makes a re-run skip the persons already imported' };
  if (typeof value !== 'string') return { code: 'person.reference_invalid', message: `/reference: is a string, not ${JSON.stringify(value)}` };
  const reference = value.normalize('NFC').trim();
  if (reference === '') return { code: 'person.reference_missing', message: '/reference: is empty' };
  if (reference.length > REFERENCE_MAX_LENGTH) return { code: 'person.reference_invalid', message: `/reference: is longer than ${REFERENCE_MAX_LENGTH} characters` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/u.test(reference)) return { code: 'person.reference_invalid', message: '/reference: holds control characters' };
  return reference;
}

function checkOwnerCountry(value: unknown): string | null | { code: string; message: string } {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !/^[A-Za-z]{2}$/.test(value.trim())) return { code: 'person.owner_invalid', message: `/ownerCountry: ${JSON.stringify(value)} is not an ISO 3166 alpha-2 country code (GB)` };
  return value.trim().toUpperCase();
}

/**
 * The digest of a record as a line gave it: its stored columns, the review
 * date only if the line set it (the default moves with the day of the run).
 * 128 bits of SHA-256, in hex.
 */
export function rowDigest(row: NewPerson, reviewDateGiven: boolean): string {
  const columns = [
    row.names, row.birth_date, row.sex, row.birth_place, row.birth_country, row.nationalities, row.documents, row.marks,
    row.languages, row.hit_threshold, reviewDateGiven ? row.review_date : '', row.visibility, row.visible_to,
  ];
  return createHash('sha256').update(columns.map((c) => String(c ?? '')).join('\u0001')).digest('hex').slice(0, 32);
}

/** Checks one line's object in full; answers it checked or the error for its line. */
export function checkLine(line: number, object: Record<string, unknown>, today: string): CheckedLine | LineError {
  const { reference: givenReference, ownerCountry: givenOwner, ...body } = object;
  const reference = checkReference(givenReference);
  if (typeof reference !== 'string') return { line, ...reference };
  const ownerCountry = checkOwnerCountry(givenOwner);
  if (ownerCountry !== null && typeof ownerCountry !== 'string') return { line, ...ownerCountry };
  if (!checkBody.Check(body)) {
    const problems = schemaProblems(checkBody.Errors(body), body, { unknownField: 'is not a field of a person record' });
    return { line, code: 'person.invalid', message: problems.length > 0 ? describe(problems) : 'not a person record' };
  }
  try {
    const input = validateNewPerson(body, today);
    return { line, reference, ownerCountry, input, reviewDateGiven: body.reviewDate !== undefined };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { line, code: error.code, message: error.errors ? describe(error.errors) : error.message };
  }
}

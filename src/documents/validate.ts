import { AppError, type FieldError } from '../core/errors.js';
import { isMemberCountryCode } from '../registry/countries.js';
import { normaliseDocumentNumber } from './document-number.js';
import { canonicalIcaoCode } from './icao-codes.js';
import { ocrCanonical } from './ocr.js';
import { LIMITS, type CreateDocumentBody, type DocumentStatus, type DocumentType, type Restriction, type UpdateDocumentBody } from './schema.js';

/** A record as it is stored: every field normalised and checked. */
export interface DocumentInput {
  issuingState: string;
  documentType: DocumentType;
  status: DocumentStatus;
  single: { number: string; ocrKey: string } | null;
  range: BlankRange | null;
  eventDate: string | null;
  eventPlace: string | null;
  circumstances: string | null;
  holderName: string | null;
  holderBirthDate: string | null;
  holderNationality: string | null;
  issuedOn: string | null;
  expiresOn: string | null;
  reviewDate: string;
  visibility: Restriction['visibility'];
  visibleTo: string[];
}

/** Consecutive serials `prefix` + a number of `digits` digits, from `first` to `last`. */
export interface BlankRange {
  prefix: string;
  first: number;
  last: number;
  digits: number;
}

export function formatSerial(range: Pick<BlankRange, 'prefix' | 'digits'>, n: number): string {
  return range.prefix + String(n).padStart(range.digits, '0');
}

/** Splits a serial into its prefix and numeric tail: `X0012345` → `X`, 0012345 (7 digits). */
export function splitSerial(serial: string): { prefix: string; tail: string } | null {
  const match = /^(.*?)(\d+)$/.exec(serial);
  return match ? { prefix: match[1] ?? '', tail: match[2] ?? '' } : null;
}

class Problems {
  readonly list: FieldError[] = [];
  add(pointer: string, message: string): void {
    this.list.push({ pointer, message });
  }
}

function realDate(value: string | undefined, pointer: string, problems: Problems): string | null {
  if (value === undefined) return null;
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    problems.add(pointer, `${value} is not a calendar date`);
    return null;
  }
  return value;
}

function state(value: string, pointer: string, problems: Problems): string {
  const canonical = canonicalIcaoCode(value.trim().toUpperCase());
  if (!canonical) problems.add(pointer, `${value} is not an ICAO 9303 state or organisation code`);
  return canonical ?? value;
}

function documentNumber(raw: string, pointer: string, problems: Problems): string | null {
  const result = normaliseDocumentNumber(raw);
  if (!result.ok) {
    problems.add(pointer, result.message);
    return null;
  }
  return result.value;
}

function blankRange(from: string, to: string, problems: Problems): BlankRange | null {
  const a = documentNumber(from, '/range/from', problems);
  const b = documentNumber(to, '/range/to', problems);
  if (!a || !b) return null;
  const sa = splitSerial(a);
  const sb = splitSerial(b);
  if (!sa || !sb) {
    problems.add('/range', 'blank serials must end in digits');
    return null;
  }
  if (sa.prefix !== sb.prefix || sa.tail.length !== sb.tail.length) {
    problems.add('/range', `${a} and ${b} do not share a prefix and a width; split the range`);
    return null;
  }
  if (sa.tail.length > 15) {
    // Beyond 15 digits a serial is no longer counted exactly (Number.MAX_SAFE_INTEGER has 16).
    problems.add('/range', `blank serials of more than 15 digits cannot be held as a range; report ${a} and ${b} one by one`);
    return null;
  }
  const first = Number(sa.tail);
  const last = Number(sb.tail);
  if (last < first) problems.add('/range/to', `the range ends (${b}) before it starts (${a})`);
  else if (last - first + 1 > LIMITS.rangeSize) problems.add('/range', `a range holds at most ${LIMITS.rangeSize.toLocaleString('en')} serials`);
  return { prefix: sa.prefix, first, last, digits: sa.tail.length };
}

function addYears(day: string, years: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

/**
 * Checks and normalises a new record; throws `document.invalid` listing every
 * problem with a pointer to its field, or `document.unknown_state` /
 * `document.invalid_number` when that is the only trouble.
 */
export function validateNewDocument(body: CreateDocumentBody, today: string): DocumentInput {
  const problems = new Problems();
  const issuingState = state(body.issuingState, '/issuingState', problems);

  let single: DocumentInput['single'] = null;
  let range: BlankRange | null = null;
  if ((body.number === undefined) === (body.range === undefined)) {
    // About the body as a whole, not the number: answered as document.invalid.
    problems.add('', 'give either a number or a range of blank serials, not both and not neither');
  } else if (body.number !== undefined) {
    const number = documentNumber(body.number, '/number', problems);
    if (number) single = { number, ocrKey: ocrCanonical(number) };
  } else if (body.range) {
    range = blankRange(body.range.from, body.range.to, problems);
    if (body.status !== 'stolen_blank') problems.add('/status', 'a range of serials is a record of stolen blanks: status must be stolen_blank');
  }

  const restriction = checkRestriction(body.restriction, problems);
  const reviewDate = checkReviewDate(body.reviewDate, today, problems) ?? addYears(today, LIMITS.defaultReviewYears);
  const input: DocumentInput = {
    issuingState,
    documentType: body.documentType,
    status: body.status,
    single,
    range,
    eventDate: realDate(body.event?.date, '/event/date', problems),
    eventPlace: body.event?.place ?? null,
    circumstances: body.event?.circumstances ?? null,
    holderName: body.holder?.name ?? null,
    holderBirthDate: realDate(body.holder?.birthDate, '/holder/birthDate', problems),
    holderNationality: body.holder?.nationality === undefined ? null : state(body.holder.nationality, '/holder/nationality', problems),
    issuedOn: realDate(body.issuedOn, '/issuedOn', problems),
    expiresOn: realDate(body.expiresOn, '/expiresOn', problems),
    reviewDate,
    ...restriction,
  };
  if (input.eventDate && input.eventDate > today) problems.add('/event/date', 'the theft or loss cannot be in the future');
  if (input.issuedOn && input.expiresOn && input.expiresOn < input.issuedOn) problems.add('/expiresOn', 'the document expires before it was issued');
  throwIfAny(problems);
  return input;
}

/** The details a change may carry (event, holder, expiry), checked as a new record's are. */
export function checkDetails(body: Pick<UpdateDocumentBody, 'event' | 'holder' | 'expiresOn'>, issuedOn: string | null, today: string, problems: Problems): { eventDate: string | null; holderBirthDate: string | null; holderNationality: string | null; expiresOn: string | null } {
  const eventDate = realDate(body.event?.date, '/event/date', problems);
  if (eventDate && eventDate > today) problems.add('/event/date', 'the theft or loss cannot be in the future');
  const expiresOn = realDate(body.expiresOn, '/expiresOn', problems);
  if (issuedOn && expiresOn && expiresOn < issuedOn) problems.add('/expiresOn', 'the document expires before it was issued');
  return {
    eventDate,
    holderBirthDate: realDate(body.holder?.birthDate, '/holder/birthDate', problems),
    holderNationality: body.holder?.nationality === undefined ? null : state(body.holder.nationality, '/holder/nationality', problems),
    expiresOn,
  };
}

export function checkRestriction(restriction: Restriction | undefined, problems: Problems): { visibility: Restriction['visibility']; visibleTo: string[] } {
  const visibility = restriction?.visibility ?? 'all';
  const countries = restriction?.countries ?? [];
  if (visibility === 'countries' && countries.length === 0) problems.add('/restriction/countries', 'name the countries that may see the record');
  if (visibility !== 'countries' && countries.length > 0) problems.add('/restriction/countries', 'countries are named only with visibility "countries"');
  const unknown = countries.filter((c) => !isMemberCountryCode(c));
  if (unknown.length > 0) problems.add('/restriction/countries', `not INTERPOL member countries: ${unknown.join(', ')}`);
  return { visibility, visibleTo: [...countries].sort() };
}

export function checkReviewDate(value: string | undefined, today: string, problems: Problems): string | null {
  const date = realDate(value, '/reviewDate', problems);
  if (date === null) return null;
  if (date <= today) problems.add('/reviewDate', 'the review date must be in the future');
  if (date > addYears(today, LIMITS.reviewYears)) problems.add('/reviewDate', `a record is reviewed at least every ${LIMITS.reviewYears} years`);
  return date;
}

export function throwIfAny(problems: Problems): void {
  if (problems.list.length === 0) return;
  const only = problems.list.length === 1 ? problems.list[0] : undefined;
  const code = only?.pointer === '/issuingState' ? 'document.unknown_state' : only?.pointer === '/number' ? 'document.invalid_number' : 'document.invalid';
  throw new AppError(code, problems.list.map((p) => (p.pointer ? `${p.pointer.slice(1)}: ${p.message}` : p.message)).join('; '), {
    errors: problems.list.map((p) => ({ pointer: `/body${p.pointer}`, message: p.message })),
  });
}

export { Problems };

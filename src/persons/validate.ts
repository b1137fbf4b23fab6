import { AppError, ERRORS, type ErrorCode } from '../core/errors.js';
import { normaliseDocumentNumber } from '../documents/document-number.js';
import { canonicalIcaoCode } from '../documents/icao-codes.js';
import { Problems, checkRestriction, checkReviewDate } from '../documents/validate.js';
import type { Restriction } from '../documents/schema.js';
import { isNameError, normalizeName, parseBirthDate, type PersonNames, type ScreeningQuery } from './names/index.js';
import {
  PERSON_LIMITS, type BirthDateInput, type CreatePersonBody, type PersonName, type ScreenBody, type Sex, type StoredDocument,
  type StoredName, type UpdatePersonBody,
} from './schema.js';

/**
 * Problems found in one request, each with a pointer to its field and,
 * where one applies, the stable code of its kind (`person.name_too_long`…).
 * When every problem shares one code, that code answers; otherwise the
 * general one of the resource (`person.invalid`, `notice.invalid`).
 */
export class CodedProblems extends Problems {
  private readonly codes: (ErrorCode | undefined)[] = [];

  override add(pointer: string, message: string, code?: ErrorCode): void {
    super.add(pointer, message);
    this.codes[this.list.length - 1] = code;
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  throwIfAny(general: ErrorCode, pointerBase = '/body'): void {
    if (this.list.length === 0) return;
    const codes = new Set(this.list.map((_p, i) => this.codes[i]));
    const [only] = codes;
    const code = codes.size === 1 && only !== undefined ? only : general;
    throw new AppError(code, this.list.map((p) => (p.pointer ? `${p.pointer.slice(1)}: ${p.message}` : p.message)).join('; '), {
      errors: this.list.map((p) => ({ pointer: `${pointerBase}${p.pointer}`, message: p.message })),
    });
  }
}

/** The hub's code for an error of the name engine: the same code where the catalogue has it. */
export function codeOfNameError(code: string): ErrorCode {
  return code in ERRORS ? (code as ErrorCode) : 'person.invalid';
}

/** Runs a check of the name engine, turning its refusal into a problem at `pointer`. */
function engineCheck<T>(problems: CodedProblems, pointer: string, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (!isNameError(error)) throw error;
    problems.add(pointer, error.message, codeOfNameError(error.code));
    return undefined;
  }
}

const DAY_MS = 86_400_000;
const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export interface CheckedBirthDate {
  /** "1952-10-07", "1952-10", "1952" or "FROM/TO". */
  text: string;
  from: string;
  to: string;
}

/** A birth date in any of its accepted forms; 31 February, a year before 1850 or a date to come is refused. */
export function checkBirthDate(input: BirthDateInput, pointer: string, today: string, problems: CodedProblems): CheckedBirthDate | null {
  const text = typeof input === 'string' ? input.trim() : `${input.from.trim()}/${input.to.trim()}`;
  const parsed = engineCheck(problems, pointer, () => parseBirthDate(typeof input === 'string' ? text : { from: input.from.trim(), to: input.to.trim() }));
  if (!parsed) return null;
  const from = isoDay(parsed.from);
  if (from > today) {
    problems.add(pointer, `${text} is still to come`, 'person.birth_date_invalid');
    return null;
  }
  // A range whose two ends are the same date is that date.
  const canonical = parsed.precision !== 'range' && text.includes('/') ? (text.split('/')[0] ?? text) : text;
  return { text: canonical, from, to: isoDay(parsed.to) };
}

function checkNationality(value: string, pointer: string, problems: CodedProblems): string | null {
  const code = canonicalIcaoCode(value.trim().toUpperCase());
  if (!code) {
    problems.add(pointer, `${value} is not an ICAO 9303 nationality code (GBR, D, FRA …)`, 'person.nationality_invalid');
    return null;
  }
  return code;
}

/** The ISO alpha-3 form the name engine compares (Germany's ICAO `D` is `DEU`). */
export function engineNationality(code: string): string | null {
  const iso = code === 'D' ? 'DEU' : code;
  return /^[A-Z]{3}$/.test(iso) ? iso : null;
}

const FIELDS = ['given', 'patronymic', 'family'] as const;

/** Checks one name; answers it as stored and as one whole name for the engine (given, patronymic, family). */
function checkName(name: PersonName, i: number, problems: CodedProblems): { stored: StoredName; whole: string } | null {
  const at = `/names/${i}`;
  const kind = name.kind ?? (i === 0 ? 'primary' : 'alias');
  let ok = true;
  if (i === 0 && kind !== 'primary') {
    problems.add(`${at}/kind`, 'the first name is the primary name');
    ok = false;
  }
  if (i > 0 && kind === 'primary') {
    problems.add(`${at}/kind`, 'only the first name is the primary name; call this one spelling, alias or earlier');
    ok = false;
  }
  const parts: Partial<Record<(typeof FIELDS)[number], string>> = {};
  for (const field of FIELDS) {
    const value = name[field];
    if (value === undefined) continue;
    if (engineCheck(problems, `${at}/${field}`, () => normalizeName(value, PERSON_LIMITS.nameChars)) === undefined) ok = false;
    else parts[field] = value.normalize('NFC').trim();
  }
  if (name.family === undefined && name.given === undefined) {
    problems.add(at, 'give a family name, a given name or both', 'person.name_empty');
    return null;
  }
  if (!ok) return null;
  const whole = FIELDS.flatMap((f) => (parts[f] === undefined ? [] : [parts[f]])).join(' ');
  // Each part is a name; together they must still be one name: one writing system, within the limit.
  if (engineCheck(problems, at, () => normalizeName(whole, PERSON_LIMITS.nameChars)) === undefined) return null;
  return { stored: { kind, family: parts.family ?? null, given: parts.given ?? null, patronymic: parts.patronymic ?? null }, whole };
}

function checkNames(names: readonly PersonName[], problems: CodedProblems): StoredName[] {
  if (names.length === 0) {
    problems.add('/names', 'give at least the person\'s primary name', 'person.names_missing');
    return [];
  }
  if (names.length > PERSON_LIMITS.namesPerPerson) {
    problems.add('/names', `a person holds at most ${PERSON_LIMITS.namesPerPerson} names`, 'person.names_too_many');
    return [];
  }
  return names.flatMap((n, i) => checkName(n, i, problems)?.stored ?? []);
}

function checkDocuments(docs: NonNullable<CreatePersonBody['documents']>, problems: CodedProblems): StoredDocument[] {
  const out: StoredDocument[] = [];
  docs.forEach((d, i) => {
    const state = canonicalIcaoCode(d.issuingState.trim().toUpperCase());
    if (!state) problems.add(`/documents/${i}/issuingState`, `${d.issuingState} is not an ICAO 9303 state or organisation code`, 'document.unknown_state');
    const number = normaliseDocumentNumber(d.number);
    if (!number.ok) problems.add(`/documents/${i}/number`, number.message, 'document.invalid_number');
    if (!state || !number.ok) return;
    if (out.some((o) => o.issuingState === state && o.number === number.value)) return;
    out.push({ issuingState: state, number: number.value, documentType: d.documentType ?? null });
  });
  return out;
}

/** A record as it is stored: every field normalised and checked. */
export interface PersonInput {
  names: StoredName[];
  birth: CheckedBirthDate | null;
  sex: Sex | null;
  birthPlace: string | null;
  birthCountry: string | null;
  nationalities: string[];
  documents: StoredDocument[];
  marks: string[];
  languages: string[];
  hitThreshold: number;
  reviewDate: string;
  visibility: Restriction['visibility'];
  visibleTo: string[];
}

function addYears(day: string, years: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** The details a body may carry, checked; a field left out is undefined (on a change: left as it is). */
function checkDetails(body: Partial<CreatePersonBody>, today: string, problems: CodedProblems): Partial<PersonInput> {
  const out: Partial<PersonInput> = {};
  if (body.names !== undefined) out.names = checkNames(body.names, problems);
  if (body.birthDate !== undefined) out.birth = body.birthDate === null ? null : checkBirthDate(body.birthDate, '/birthDate', today, problems);
  if (body.sex !== undefined) out.sex = body.sex;
  if (body.placeOfBirth !== undefined) {
    out.birthPlace = body.placeOfBirth?.place?.trim() ?? null;
    const country = body.placeOfBirth?.country;
    out.birthCountry = country === undefined ? null : checkNationality(country, '/placeOfBirth/country', problems);
  }
  if (body.nationalities !== undefined) out.nationalities = uniq(body.nationalities.flatMap((n, i) => checkNationality(n, `/nationalities/${i}`, problems) ?? []));
  if (body.documents !== undefined) out.documents = checkDocuments(body.documents, problems);
  if (body.distinguishingMarks !== undefined) out.marks = body.distinguishingMarks.map((m) => m.trim()).filter((m) => m !== '');
  if (body.languages !== undefined) out.languages = uniq(body.languages);
  if (body.hitThreshold !== undefined) out.hitThreshold = body.hitThreshold;
  if (body.reviewDate !== undefined) {
    const reviewDate = checkReviewDate(body.reviewDate, today, problems);
    if (reviewDate !== null) out.reviewDate = reviewDate;
  }
  if (body.restriction !== undefined) Object.assign(out, checkRestriction(body.restriction, problems));
  return out;
}

/** Checks and normalises a new record; throws with every problem and a pointer to its field. */
export function validateNewPerson(body: CreatePersonBody, today: string): PersonInput {
  const problems = new CodedProblems();
  const d = checkDetails(body, today, problems);
  const restriction = d.visibility ? { visibility: d.visibility, visibleTo: d.visibleTo ?? [] } : checkRestriction(undefined, problems);
  problems.throwIfAny('person.invalid');
  return {
    names: d.names ?? [],
    birth: d.birth ?? null,
    sex: d.sex ?? null,
    birthPlace: d.birthPlace ?? null,
    birthCountry: d.birthCountry ?? null,
    nationalities: d.nationalities ?? [],
    documents: d.documents ?? [],
    marks: d.marks ?? [],
    languages: d.languages ?? [],
    hitThreshold: d.hitThreshold ?? PERSON_LIMITS.defaultHitThreshold,
    reviewDate: d.reviewDate ?? addYears(today, 5),
    ...restriction,
  };
}

/** Checks a change: only the fields it names. */
export function validatePersonChange(body: UpdatePersonBody, today: string): Partial<PersonInput> {
  const problems = new CodedProblems();
  const { version: _version, ...rest } = body;
  const d = checkDetails(rest, today, problems);
  problems.throwIfAny('person.invalid');
  return d;
}

/** What the name index holds of a person. */
export function engineRecord(p: { names: readonly StoredName[]; birthDate: string | null; sex: string | null; nationalities: readonly string[] }): PersonNames {
  const nationalities = p.nationalities.flatMap((n) => engineNationality(n) ?? []);
  return {
    names: p.names.map((n) => FIELDS.flatMap((f) => (n[f] === null ? [] : [n[f]])).join(' ')),
    ...(p.birthDate === null ? {} : { birthDate: p.birthDate }),
    ...(p.sex === 'M' || p.sex === 'F' || p.sex === 'X' ? { sex: p.sex } : {}),
    ...(nationalities.length > 0 ? { nationalities } : {}),
  };
}

/** A screening as the name index takes it, every part checked first so each refusal points at its field. */
export function validateScreening(body: ScreenBody, today: string): { query: ScreeningQuery; asked: Record<string, unknown> } {
  const problems = new CodedProblems();
  if (body.names.length === 0) problems.add('/names', 'give at least one name', 'person.names_missing');
  else if (body.names.length > PERSON_LIMITS.screenNames) problems.add('/names', `a screening holds at most ${PERSON_LIMITS.screenNames} names`, 'person.names_too_many');
  else body.names.forEach((n, i) => engineCheck(problems, `/names/${i}`, () => normalizeName(n, PERSON_LIMITS.nameChars)));
  const birth = body.birthDate === undefined ? null : checkBirthDate(body.birthDate, '/birthDate', today, problems);
  const nationality = body.nationality === undefined ? null : checkNationality(body.nationality, '/nationality', problems);
  problems.throwIfAny('person.invalid');
  const engineNat = nationality === null ? null : engineNationality(nationality);
  const query: ScreeningQuery = {
    names: body.names,
    ...(birth ? { birthDate: birth.text } : {}),
    ...(body.sex ? { sex: body.sex } : {}),
    ...(engineNat ? { nationalities: [engineNat] } : {}),
  };
  const asked = { names: body.names, birthDate: birth?.text ?? null, sex: body.sex ?? null, nationality };
  return { query, asked };
}

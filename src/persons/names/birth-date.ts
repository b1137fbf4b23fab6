/**
 * Birth dates as police records hold them: a full date, a year and month, a
 * year alone, or a range ("born between 1970 and 1975"). Each is held as the
 * interval of days it allows; comparison is tolerant the way screening must
 * be: imprecise dates agree with any date they contain, day and month
 * swapped (US against European order) agree with a lower score, a date one
 * year or a few days off is "near", anything else conflicts.
 */
import { NameError } from './errors.js';

export const MIN_BIRTH_YEAR = 1850;
export const MAX_BIRTH_YEAR = 2100;

export type BirthPrecision = 'day' | 'month' | 'year' | 'range';

export interface BirthDate {
  readonly precision: BirthPrecision;
  /** First and last day allowed, as days since 1970-01-01 (UTC). */
  readonly from: number;
  readonly to: number;
  /** For a day, month or year precision: its fields (month and day when known). */
  readonly year?: number;
  readonly month?: number;
  readonly day?: number;
}

/** What a birth date can be given as: "1952-10-07", "1952-10", "1952", "1970/1975", or { from, to } of those. */
export type BirthDateInput = string | { readonly from: string; readonly to: string };

const DAY_MS = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayNumber(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

function parseOne(text: string): BirthDate {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/u.exec(text.trim());
  if (!m) throw new NameError('person.birth_date_invalid', `"${text}" is not YYYY, YYYY-MM or YYYY-MM-DD`);
  const year = Number(m[1]);
  if (year < MIN_BIRTH_YEAR || year > MAX_BIRTH_YEAR) throw new NameError('person.birth_date_out_of_range', `The year ${year} is outside ${MIN_BIRTH_YEAR}–${MAX_BIRTH_YEAR}`);
  if (m[2] === undefined) return { precision: 'year', from: dayNumber(year, 1, 1), to: dayNumber(year, 12, 31), year };
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new NameError('person.birth_date_invalid', `"${text}": there is no month ${month}`);
  if (m[3] === undefined) return { precision: 'month', from: dayNumber(year, month, 1), to: dayNumber(year, month, daysInMonth(year, month)), year, month };
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) throw new NameError('person.birth_date_invalid', `"${text}": month ${month} of ${year} has no day ${day}`);
  const d = dayNumber(year, month, day);
  return { precision: 'day', from: d, to: d, year, month, day };
}

export function parseBirthDate(input: BirthDateInput): BirthDate {
  if (typeof input === 'string') {
    if (input.length > 40) throw new NameError('person.birth_date_invalid', 'The birth date is too long');
    const slash = input.indexOf('/');
    if (slash < 0) return parseOne(input);
    return parseBirthDate({ from: input.slice(0, slash), to: input.slice(slash + 1) });
  }
  if (typeof input !== 'object' || input === null || typeof input.from !== 'string' || typeof input.to !== 'string') {
    throw new NameError('person.birth_date_invalid', 'A birth date range needs from and to');
  }
  const a = parseOne(input.from);
  const b = parseOne(input.to);
  if (b.to < a.from) throw new NameError('person.birth_range_invalid', `${input.to} is before ${input.from}`);
  if (a.from === b.from && a.to === b.to) return a;
  return { precision: 'range', from: a.from, to: b.to };
}

/**
 * `unknown`: no date was asked (nothing to compare; the name decides alone).
 * `missing`: a date was asked and the record has none, so nothing can
 * corroborate the name: a little lower than agreement, so that a namesake
 * whose record carries no date hits only on a close name.
 */
export type BirthAgreement = 'exact' | 'compatible' | 'swapped' | 'near' | 'conflict' | 'missing' | 'unknown';

export interface BirthComparison {
  readonly agreement: BirthAgreement;
  /** What the name score is multiplied by (exact dates raise it instead: see `applyBirth`). */
  readonly factor: number;
  readonly detail: string;
}

export const BIRTH_FACTORS: Readonly<Record<BirthAgreement, number>> = {
  exact: 1, compatible: 1, swapped: 0.92, near: 0.88, conflict: 0.6, missing: 0.9, unknown: 1,
};

function fmt(d: BirthDate): string {
  if (d.precision === 'range') return `${iso(d.from)}…${iso(d.to)}`;
  if (d.precision === 'year') return `${d.year}`;
  if (d.precision === 'month') return `${d.year}-${String(d.month).padStart(2, '0')}`;
  return iso(d.from);
}
/** Dates as text, remembered (a screening explains a few hundred candidates; the days are few: 1850–2100). */
const isoOf = new Map<number, string>();
function iso(day: number): string {
  let text = isoOf.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoOf.set(day, text);
  }
  return text;
}

function result(agreement: BirthAgreement, detail: string): BirthComparison {
  return { agreement, factor: BIRTH_FACTORS[agreement], detail };
}

/** Compares a queried birth date with a recorded one (either may be missing). */
export function compareBirthDates(query: BirthDate | undefined, record: BirthDate | undefined): BirthComparison {
  if (!query) return result('unknown', 'no birth date asked');
  if (!record) return result('missing', `the record has no birth date to compare with ${fmt(query)}`);
  const q = fmt(query);
  const r = fmt(record);
  if (query.precision === 'day' && record.precision === 'day') {
    if (query.from === record.from) return result('exact', `${q} = ${r}`);
    if (query.year === record.year && query.day === record.month && query.month === record.day) return result('swapped', `${q} has day and month of ${r} swapped`);
    if (Math.abs(query.from - record.from) <= 3) return result('near', `${q} is ${Math.abs(query.from - record.from)} day(s) from ${r}`);
    if (query.month === record.month && query.day === record.day && Math.abs(query.year! - record.year!) === 1) return result('near', `${q} is one year from ${r}`);
    if (query.year === record.year && (query.month === record.month || query.day === record.day)) return result('near', `${q} differs from ${r} in one field`);
    return result('conflict', `${q} ≠ ${r}`);
  }
  if (query.from <= record.to && record.from <= query.to) return result('compatible', `${q} fits ${r}`);
  // A full date whose day and month, swapped, fall inside the other.
  const swapOf = (d: BirthDate): number | null =>
    d.precision === 'day' && d.day! <= 12 && d.day !== d.month && d.month! <= daysInMonth(d.year!, d.day!) ? dayNumber(d.year!, d.day!, d.month!) : null;
  const qs = swapOf(query);
  if (qs !== null && qs >= record.from && qs <= record.to) return result('swapped', `${q} with day and month swapped fits ${r}`);
  const rs = swapOf(record);
  if (rs !== null && rs >= query.from && rs <= query.to) return result('swapped', `${r} with day and month swapped fits ${q}`);
  const gap = query.to < record.from ? record.from - query.to : query.from - record.to;
  if (gap <= 366) return result('near', `${q} is within a year of ${r}`);
  return result('conflict', `${q} does not fit ${r}`);
}

/** A name score adjusted by a birth-date comparison: an exact date raises it a little, disagreement lowers it. */
export function applyBirth(nameScore: number, cmp: BirthComparison): number {
  if (cmp.agreement === 'exact') return nameScore + (1 - nameScore) * 0.25;
  return nameScore * cmp.factor;
}

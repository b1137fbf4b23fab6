/**
 * Birth-year buckets (decision 0009). A part held by at least `BUCKET_FROM` names keeps its postings in
 * one list per birth year (a name whose person was born within one calendar year; a range of up to
 * `MAX_SPAN` years is posted in each of its years) and one "wide" list (no date, or a wider range), so a
 * screening with a birth date reads only the years near it: a record whose date conflicts scores at
 * most `BIRTH_FACTORS.conflict` (0.6) and is never returned above a threshold over that. Bucket 0 is
 * the wide one; year y is bucket 1 + y − MIN_BIRTH_YEAR.
 */
import { BIRTH_FACTORS, MAX_BIRTH_YEAR, MIN_BIRTH_YEAR, type BirthDate } from '../birth-date.js';

export const BUCKET_FROM = 1024;
export const BUCKETS = 2 + MAX_BIRTH_YEAR - MIN_BIRTH_YEAR;
/** The widest range (in years, less one) posted year by year; wider ones go to the wide list. */
const MAX_SPAN = 9;
/** A date this many days from the query's can still be "near" (never a conflict): see compareBirthDates. */
const NEAR_DAYS = 366;
const DAY_MS = 86_400_000;

export function yearBucket(day: number): number {
  const y = new Date(day * DAY_MS).getUTCFullYear();
  return 1 + Math.min(MAX_BIRTH_YEAR, Math.max(MIN_BIRTH_YEAR, y)) - MIN_BIRTH_YEAR;
}

/**
 * The buckets of a person's names, packed: the first year's bucket (0: wide) in the low byte and how
 * many more years the date spans (0 … MAX_SPAN) above it.
 */
export function bucketOf(birth: BirthDate | undefined): number {
  if (!birth) return 0;
  const from = yearBucket(birth.from);
  const span = yearBucket(birth.to) - from;
  return span <= MAX_SPAN ? from | (span << 8) : 0;
}

/** Calls `f` with each bucket of a packed `bucketOf` value. */
export function forBuckets(packed: number, f: (bucket: number) => void): void {
  const first = packed & 0xff;
  const last = first === 0 ? 0 : first + (packed >> 8);
  for (let b = first; b <= last; b++) f(b);
}

/**
 * The buckets a screening reads, `lo`…`hi` (with the wide one): with a birth date, above a threshold no
 * conflicting date can reach, the years within NEAR_DAYS of it; else every year.
 */
export function yearsAsked(birth: BirthDate | undefined, threshold: number, nearYearsOnly: boolean): { lo: number; hi: number } {
  if (!nearYearsOnly || birth === undefined || !(threshold > BIRTH_FACTORS.conflict)) return { lo: 1, hi: BUCKETS - 1 };
  return { lo: yearBucket(birth.from - NEAR_DAYS), hi: yearBucket(birth.to + NEAR_DAYS) };
}

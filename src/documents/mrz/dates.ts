/**
 * MRZ dates: YYMMDD, with the century resolved against a reference date `now`
 * (UTC).
 *
 * Date of birth: the latest date that is not after `now`. The year is first
 * put in `now`'s century; if the date (unknown month or day taken as 1) is then
 * after `now`, it moves back 100 years. So with now = 2025-06-15, `250614` is
 * 2025-06-14 and `250616` is 1925-06-16.
 *
 * Date of expiry: the year within the 100-year window from `now`'s year − 50
 * to `now`'s year + 49. That puts every document valid today, or issued for
 * any length of validity, in the right century, and keeps documents that
 * expired decades ago (which the stolen and lost document database still
 * holds) in the past. With now = 2025: `740101` is 2074, `750101` is 1975.
 *
 * A date of birth may have unknown parts, each written `<<` (the check digit
 * counts them as 0). A date of expiry must be complete.
 */
import type { MrzDate } from './types.js';

export type DateKind = 'birth' | 'expiry';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number | null, month: number): number {
  if (month === 2) return year === null || isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function part(raw: string, at: number): number | null | 'bad' {
  const s = raw.slice(at, at + 2);
  if (s === '<<') return null;
  return /^\d\d$/.test(s) ? Number(s) : 'bad';
}

function resolveYear(yy: number, month: number | null, day: number | null, kind: DateKind, now: Date): number {
  const nowYear = now.getUTCFullYear();
  if (kind === 'expiry') {
    const low = nowYear - 50;
    return low + ((((yy - low) % 100) + 100) % 100);
  }
  let year = nowYear - (((nowYear % 100) + 100) % 100) + yy;
  const after = (y: number): boolean => {
    if (y !== nowYear) return y > nowYear;
    const m = month ?? 1;
    const nowMonth = now.getUTCMonth() + 1;
    if (m !== nowMonth) return m > nowMonth;
    return (day ?? 1) > now.getUTCDate();
  };
  if (after(year)) year -= 100;
  return year;
}

export type ParsedDate = { readonly ok: true; readonly date: MrzDate } | { readonly ok: false; readonly problem: string };

/** Reads a six-character YYMMDD field. `problem` completes a sentence starting with the field's name. */
export function parseMrzDate(raw: string, kind: DateKind, now: Date): ParsedDate {
  const yy = part(raw, 0);
  const mm = part(raw, 2);
  const dd = part(raw, 4);
  if (raw.length !== 6 || yy === 'bad' || mm === 'bad' || dd === 'bad') {
    const rule = kind === 'birth' ? 'YYMMDD, each part two digits or << when unknown' : 'YYMMDD in digits';
    return { ok: false, problem: `'${raw}' is not ${rule}` };
  }
  if (kind === 'expiry' && (yy === null || mm === null || dd === null)) {
    return { ok: false, problem: `'${raw}' has unknown parts; a date of expiry must be complete` };
  }
  if (mm !== null && (mm < 1 || mm > 12)) return { ok: false, problem: `'${raw}' has month ${raw.slice(2, 4)}` };
  const year = yy === null ? null : resolveYear(yy, mm, dd, kind, Number.isNaN(now.getTime()) ? new Date() : now);
  if (dd !== null) {
    const max = mm === null ? 31 : daysInMonth(year, mm);
    if (dd < 1 || dd > max) {
      const month = mm === null ? '' : `${MONTHS[mm - 1] ?? ''}${year === null ? '' : ` ${year}`}`;
      const why = dd < 1 ? 'there is no day 00' : mm === null ? `no month has ${dd} days` : `${month} has ${max} days`;
      return { ok: false, problem: `'${raw}' is not a calendar date (${why})` };
    }
  }
  const iso =
    year !== null && mm !== null && dd !== null
      ? `${String(year).padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`
      : null;
  return { ok: true, date: { raw, year, month: mm, day: dd, iso } };
}

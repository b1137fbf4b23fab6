import { describe, expect, it } from 'vitest';
import { applyBirth, compareBirthDates, parseBirthDate } from './birth-date.js';
import { NameError } from './errors.js';

function code(f: () => unknown): string | undefined {
  try { f(); } catch (e) { return e instanceof NameError ? e.code : 'other'; }
  return undefined;
}
const cmp = (q: string, r: string) => compareBirthDates(parseBirthDate(q), parseBirthDate(r));

describe('birth dates', () => {
  it('parses full dates, year and month, year, and ranges', () => {
    expect(parseBirthDate('1952-10-07')).toMatchObject({ precision: 'day', year: 1952, month: 10, day: 7 });
    expect(parseBirthDate('1952-10')).toMatchObject({ precision: 'month' });
    expect(parseBirthDate('1952')).toMatchObject({ precision: 'year' });
    expect(parseBirthDate({ from: '1950', to: '1955' })).toMatchObject({ precision: 'range' });
    expect(parseBirthDate('1950/1955')).toMatchObject({ precision: 'range' });
    expect(parseBirthDate('2024-02-29')).toMatchObject({ day: 29 });
  });

  it('refuses impossible dates with stable codes', () => {
    expect(code(() => parseBirthDate('1980-02-31'))).toBe('person.birth_date_invalid');
    expect(code(() => parseBirthDate('2023-02-29'))).toBe('person.birth_date_invalid');
    expect(code(() => parseBirthDate('1980-13-01'))).toBe('person.birth_date_invalid');
    expect(code(() => parseBirthDate('07/10/1952'))).toBe('person.birth_date_invalid');
    expect(code(() => parseBirthDate('1700-01-01'))).toBe('person.birth_date_out_of_range');
    expect(code(() => parseBirthDate({ from: '1960', to: '1950' }))).toBe('person.birth_range_invalid');
  });

  it('is tolerant: imprecise dates agree with what they contain; swapped day and month agree with a lower score', () => {
    expect(cmp('1952-10-07', '1952-10-07').agreement).toBe('exact');
    expect(cmp('1952', '1952-10-07').agreement).toBe('compatible');
    expect(cmp('1952-10', '1952-10-07').agreement).toBe('compatible');
    expect(cmp('1950/1955', '1952-10-07').agreement).toBe('compatible');
    const swapped = cmp('1952-07-10', '1952-10-07');
    expect(swapped.agreement).toBe('swapped');
    expect(swapped.factor).toBeLessThan(1);
    expect(cmp('1953-10-07', '1952-10-07').agreement).toBe('near');
    expect(cmp('1971-01-01', '1952-10-07').agreement).toBe('conflict');
    expect(compareBirthDates(undefined, parseBirthDate('1952')).agreement).toBe('unknown');
    expect(compareBirthDates(undefined, undefined).factor).toBe(1);
    // Asked with a date, recorded without: the name is not corroborated.
    const missing = compareBirthDates(parseBirthDate('1952-10-07'), undefined);
    expect(missing).toMatchObject({ agreement: 'missing', detail: 'the record has no birth date to compare with 1952-10-07' });
    expect(applyBirth(1, missing)).toBeLessThan(1);
    expect(applyBirth(1, missing)).toBeGreaterThan(applyBirth(1, cmp('1953-10-07', '1952-10-07')));
  });

  it('an exact date raises a name score, a swapped one lowers it less than a conflict', () => {
    expect(applyBirth(0.8, cmp('1952-10-07', '1952-10-07'))).toBeGreaterThan(0.8);
    const s = applyBirth(0.8, cmp('1952-07-10', '1952-10-07'));
    expect(s).toBeLessThan(0.8);
    expect(s).toBeGreaterThan(applyBirth(0.8, cmp('1971-01-01', '1952-10-07')));
  });
});

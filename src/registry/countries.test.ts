import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MEMBER_COUNTRY_COUNT,
  REGIONS,
  type Region,
  countries,
  countriesInRegion,
  countryByAlpha2,
  countryByAlpha3,
  isMemberCountryCode,
} from './countries.js';

function statedCountInComment(): number {
  const source = readFileSync(new URL('./countries.ts', import.meta.url), 'utf8');
  const match = /^\s*\*\s*COUNT:\s*(\d+)/m.exec(source);
  const digits = match?.[1];
  if (digits === undefined) throw new Error('countries.ts has no "COUNT: n" line in its header comment');
  return Number(digits);
}

describe('INTERPOL member countries', () => {
  it('has as many entries as the header comment and MEMBER_COUNTRY_COUNT state', () => {
    const stated = statedCountInComment();
    expect(countries).toHaveLength(stated);
    expect(MEMBER_COUNTRY_COUNT).toBe(stated);
  });

  it('uses two upper-case letters for alpha-2 and three for alpha-3', () => {
    for (const c of countries) {
      expect(c.alpha2, c.name).toMatch(/^[A-Z]{2}$/);
      expect(c.alpha3, c.name).toMatch(/^[A-Z]{3}$/);
      expect(c.name.trim(), c.alpha2).not.toBe('');
    }
  });

  it('has unique alpha-2 codes, alpha-3 codes and names', () => {
    const n = countries.length;
    expect(new Set(countries.map((c) => c.alpha2)).size).toBe(n);
    expect(new Set(countries.map((c) => c.alpha3)).size).toBe(n);
    expect(new Set(countries.map((c) => c.name)).size).toBe(n);
    expect(countryByAlpha2.size).toBe(n);
    expect(countryByAlpha3.size).toBe(n);
  });

  it('is sorted by alpha-2', () => {
    const codes = countries.map((c) => c.alpha2);
    const sorted = [...codes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(codes).toEqual(sorted);
  });

  it.each([
    ['GB', 'GBR'],
    ['FR', 'FRA'],
    ['US', 'USA'],
    ['DE', 'DEU'],
    ['PS', 'PSE'],
    ['VA', 'VAT'],
    ['NR', 'NRU'],
    ['FM', 'FSM'],
    ['PW', 'PLW'],
  ])('includes member %s / %s', (alpha2, alpha3) => {
    expect(isMemberCountryCode(alpha2)).toBe(true);
    expect(countryByAlpha2.get(alpha2)?.alpha3).toBe(alpha3);
    expect(countryByAlpha3.get(alpha3)?.alpha2).toBe(alpha2);
  });

  it.each([
    ['XK', 'Kosovo'],
    ['TW', 'Taiwan'],
    ['AQ', 'Antarctica'],
    ['KP', 'North Korea'],
    ['TV', 'Tuvalu'],
    ['HK', 'Hong Kong (sub-bureau of China)'],
  ])('excludes non-member %s (%s)', (alpha2) => {
    expect(isMemberCountryCode(alpha2)).toBe(false);
    expect(countryByAlpha2.get(alpha2)).toBeUndefined();
  });

  it('excludes the alpha-3 codes of non-members', () => {
    for (const alpha3 of ['XKX', 'TWN', 'ATA', 'PRK', 'TUV']) {
      expect(countryByAlpha3.has(alpha3), alpha3).toBe(false);
    }
  });

  it('matches alpha-2 codes exactly (no case folding, no padding)', () => {
    expect(isMemberCountryCode('gb')).toBe(false);
    expect(isMemberCountryCode(' GB')).toBe(false);
    expect(isMemberCountryCode('GBR')).toBe(false);
    expect(isMemberCountryCode('')).toBe(false);
  });

  it('maps each code to the same entry both ways', () => {
    for (const c of countries) {
      expect(countryByAlpha2.get(c.alpha2)).toBe(c);
      expect(countryByAlpha3.get(c.alpha3)).toBe(c);
    }
  });
});

describe('INTERPOL regions', () => {
  const regionIds: readonly Region[] = REGIONS.map((r) => r.id);

  it('lists five regions with unique ids and display names', () => {
    expect(regionIds).toEqual(['africa', 'americas', 'asia-south-pacific', 'europe', 'middle-east-north-africa']);
    expect(new Set(REGIONS.map((r) => r.name)).size).toBe(5);
    for (const r of REGIONS) expect(r.name.trim(), r.id).not.toBe('');
  });

  it('gives every country exactly one known region', () => {
    for (const c of countries) {
      expect(regionIds, c.name).toContain(c.region);
      const holding = regionIds.filter((id) => countriesInRegion(id).includes(c.alpha2));
      expect(holding, c.name).toEqual([c.region]);
    }
  });

  it('partitions the member list: the regions together hold each country once', () => {
    const all = regionIds.flatMap((id) => countriesInRegion(id));
    expect(all).toHaveLength(MEMBER_COUNTRY_COUNT);
    expect([...all].sort()).toEqual(countries.map((c) => c.alpha2));
  });

  it.each(REGIONS.map((r) => r.id))('has members in %s', (id) => {
    expect(countriesInRegion(id).length).toBeGreaterThan(0);
  });

  it('has the region sizes the header comment rules give', () => {
    const sizes = Object.fromEntries(regionIds.map((id) => [id, countriesInRegion(id).length]));
    expect(sizes).toEqual({
      africa: 47,
      americas: 38,
      'asia-south-pacific': 42,
      europe: 50,
      'middle-east-north-africa': 19,
    });
  });

  it('returns sorted, frozen alpha-2 codes of member countries', () => {
    for (const id of regionIds) {
      const codes = countriesInRegion(id);
      expect(Object.isFrozen(codes), id).toBe(true);
      expect([...codes].sort(), id).toEqual(codes);
      for (const code of codes) expect(countryByAlpha2.get(code)?.region, code).toBe(id);
    }
  });

  it.each<[string, Region]>([
    ['FR', 'europe'],
    ['RU', 'europe'],
    ['VA', 'europe'],
    ['TR', 'europe'],
    ['CY', 'europe'],
    ['IL', 'europe'],
    ['GE', 'europe'],
    ['AM', 'europe'],
    ['AZ', 'europe'],
    ['KZ', 'asia-south-pacific'],
    ['UZ', 'asia-south-pacific'],
    ['IR', 'asia-south-pacific'],
    ['AF', 'asia-south-pacific'],
    ['AU', 'asia-south-pacific'],
    ['PW', 'asia-south-pacific'],
    ['EG', 'middle-east-north-africa'],
    ['LY', 'middle-east-north-africa'],
    ['SD', 'middle-east-north-africa'],
    ['MR', 'middle-east-north-africa'],
    ['MA', 'middle-east-north-africa'],
    ['PS', 'middle-east-north-africa'],
    ['SA', 'middle-east-north-africa'],
    ['SS', 'africa'],
    ['DJ', 'africa'],
    ['SO', 'africa'],
    ['KM', 'africa'],
    ['CV', 'africa'],
    ['ZA', 'africa'],
    ['US', 'americas'],
    ['BR', 'americas'],
    ['AW', 'americas'],
    ['CW', 'americas'],
    ['SX', 'americas'],
  ])('puts %s in %s', (alpha2, region) => {
    expect(countryByAlpha2.get(alpha2)?.region).toBe(region);
    expect(countriesInRegion(region)).toContain(alpha2);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countries } from '../registry/countries.js';
import {
  ICAO_CODE_PATTERN,
  ICAO_SPECIMEN_CODE,
  ISO_ALPHA3_COUNT,
  canonicalIcaoCode,
  icaoCode,
  icaoCodeField,
  icaoCodes,
  icaoName,
  isIcaoCode,
} from './icao-codes.js';

function statedIsoCount(): number {
  const source = readFileSync(new URL('./icao-codes.ts', import.meta.url), 'utf8');
  const digits = /^\s*\*\s*ISO COUNT:\s*(\d+)/m.exec(source)?.[1];
  if (digits === undefined) throw new Error('icao-codes.ts has no "ISO COUNT: n" line in its header comment');
  return Number(digits);
}

const SPECIAL = ['GBD', 'GBN', 'GBO', 'GBP', 'GBS', 'UNK', 'XXA', 'XXB', 'XXC', 'XXX'];
const ORGANISATIONS = ['UNO', 'UNA', 'EUE', 'XBA', 'XIM', 'XCC', 'XCE', 'XCO', 'XEC', 'XPO', 'XES', 'XMP', 'XOM', 'XDC'];

describe('ICAO Doc 9303 codes', () => {
  it('holds every ISO 3166-1 alpha-3 code, as many as the header comment states, plus D and RKS', () => {
    const states = icaoCodes.filter((c) => c.kind === 'state');
    expect(ISO_ALPHA3_COUNT).toBe(statedIsoCount());
    expect(states.filter((c) => c.code !== 'D' && c.code !== 'RKS')).toHaveLength(ISO_ALPHA3_COUNT);
    expect(icaoCodes).toHaveLength(ISO_ALPHA3_COUNT + 2 + SPECIAL.length + ORGANISATIONS.length);
  });

  it('holds the alpha-3 code of every INTERPOL member country', () => {
    for (const c of countries) expect(isIcaoCode(c.alpha3), c.name).toBe(true);
  });

  it('has unique, well-formed, sorted codes and non-empty names', () => {
    const codes = icaoCodes.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual([...codes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const c of icaoCodes) {
      expect(c.code).toMatch(new RegExp(ICAO_CODE_PATTERN));
      expect(c.name.trim()).not.toBe('');
    }
  });

  it.each([
    ['GBR', 'United Kingdom', 'state'],
    ['FRA', 'France', 'state'],
    ['DEU', 'Germany', 'state'],
    ['D', 'Germany', 'state'],
    ['HKG', 'Hong Kong', 'state'],
    ['RKS', 'Kosovo', 'state'],
    ['XPO', 'International Criminal Police Organization (INTERPOL)', 'organisation'],
    ['EUE', 'European Union', 'organisation'],
    ['UNO', 'United Nations Organization', 'organisation'],
    ['XXA', 'Stateless person (1954 Convention)', 'special'],
    ['XXX', 'Unspecified nationality', 'special'],
    ['GBN', 'British National (Overseas)', 'special'],
  ])('knows %s as %s (%s)', (code, name, kind) => {
    expect(icaoCode(code)).toEqual({ code, name, kind });
    expect(icaoName(code)).toBe(name);
  });

  it('has every special and organisation code with its kind', () => {
    for (const code of SPECIAL) expect(icaoCode(code)?.kind, code).toBe('special');
    for (const code of ORGANISATIONS) expect(icaoCode(code)?.kind, code).toBe('organisation');
  });

  it('accepts the canonical form and the three-character MRZ field with fillers', () => {
    expect(isIcaoCode('D')).toBe(true);
    expect(isIcaoCode('D<<')).toBe(true);
    expect(icaoName('D<<')).toBe('Germany');
    expect(canonicalIcaoCode('D<<')).toBe('D');
    expect(canonicalIcaoCode('GBR')).toBe('GBR');
    expect(icaoCodeField('D')).toBe('D<<');
    expect(icaoCodeField('GBR')).toBe('GBR');
    expect(() => icaoCodeField('gb')).toThrow(RangeError);
  });

  it.each(['D<', '<D<', '<<D', 'GBR<', 'gbr', 'd', '', '<<<', 'ZZZ', 'DE', 'G<R', 'GB1', 'ANT', 'YUG', 'D  '])(
    'refuses %j',
    (code) => {
      expect(isIcaoCode(code)).toBe(false);
      expect(icaoName(code)).toBeUndefined();
      expect(canonicalIcaoCode(code)).toBeUndefined();
    },
  );

  it('does not count the specimen State Utopia as a code', () => {
    expect(ICAO_SPECIMEN_CODE).toBe('UTO');
    expect(isIcaoCode('UTO')).toBe(false);
  });

  it('gives a pattern for API schemas that fits the shape of a code', () => {
    const re = new RegExp(ICAO_CODE_PATTERN);
    expect(re.test('D')).toBe(true);
    expect(re.test('GBR')).toBe(true);
    expect(re.test('GBRX')).toBe(false);
    expect(re.test('D<<')).toBe(false);
    expect(re.test('gbr')).toBe(false);
  });
});

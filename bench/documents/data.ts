/** The travel documents benchmark's data: issuing states with their own number formats, records, blank ranges and the lookup mix. */
import { randomInt } from 'node:crypto';
import type { ParsedLine } from '../../src/documents/import/importer.js';

/** Issuing states (ICAO), their owner country (ISO alpha-2), and how their passport numbers look. */
export const ISSUERS: { state: string; country: string; weight: number; number: (i: number) => string }[] = [
  { state: 'GBR', country: 'GB', weight: 8, number: (i) => digits(i, 9) },
  { state: 'USA', country: 'US', weight: 12, number: (i) => digits(i, 9) },
  { state: 'FRA', country: 'FR', weight: 7, number: (i) => `${digits(i % 100, 2)}${letters(i, 2)}${digits(i, 5)}` },
  { state: 'D', country: 'DE', weight: 7, number: (i) => `C${alnum(i, 8)}` },
  { state: 'ITA', country: 'IT', weight: 6, number: (i) => `${letters(i, 2)}${digits(i, 7)}` },
  { state: 'ESP', country: 'ES', weight: 5, number: (i) => `${letters(i, 3)}${digits(i, 6)}` },
  { state: 'NLD', country: 'NL', weight: 3, number: (i) => `${letters(i, 2)}${alnum(i * 3, 6)}${digits(i, 1)}` },
  { state: 'TUR', country: 'TR', weight: 5, number: (i) => `U${digits(i, 8)}` },
  { state: 'IND', country: 'IN', weight: 9, number: (i) => `${letters(i, 1)}${digits(i, 7)}` },
  { state: 'BRA', country: 'BR', weight: 6, number: (i) => `${letters(i, 2)}${digits(i, 6)}` },
  { state: 'RUS', country: 'RU', weight: 6, number: (i) => digits(i, 9) },
  { state: 'CHN', country: 'CN', weight: 8, number: (i) => `E${digits(i, 8)}` },
  { state: 'NGA', country: 'NG', weight: 4, number: (i) => `A${digits(i, 8)}` },
  { state: 'ZAF', country: 'ZA', weight: 3, number: (i) => `A${digits(i, 8)}` },
  { state: 'AUS', country: 'AU', weight: 4, number: (i) => `${letters(i, 1)}${digits(i, 7)}` },
  { state: 'CAN', country: 'CA', weight: 4, number: (i) => `${letters(i, 2)}${digits(i, 6)}` },
  { state: 'MEX', country: 'MX', weight: 3, number: (i) => `G${digits(i, 8)}` },
];
export const TOTAL_WEIGHT = ISSUERS.reduce((a, b) => a + b.weight, 0);

// A fixed permutation-like spread, so numbers are unique per issuer and look random.
const spread = (i: number) => (i * 2_654_435_761) % 4_294_967_291;
function digits(i: number, n: number): string {
  return String(spread(i) % 10 ** Math.min(n, 9)).padStart(n, '0').slice(-n);
}
function letters(i: number, n: number): string {
  let s = '';
  for (let k = 0, v = spread(i + 17); k < n; k++, v = Math.floor(v / 23)) s += 'ABCDEFGHJKLMNPRSTUVWXYZ'[v % 23];
  return s;
}
function alnum(i: number, n: number): string {
  let s = '';
  for (let k = 0, v = spread(i + 31) * 7 + k; k < n; k++, v = Math.floor(v / 33) + k * 1_000_003) s += 'CFGHJKLMNPRTVWXYZ0123456789ABCDEF'[v % 33];
  return s;
}

/** Record k of issuer j: numbers are built from the issuer's own counter, so they do not repeat. */
export function recordsOf(issuerIndex: number, count: number, offset: number): AsyncIterable<ParsedLine> {
  const issuer = ISSUERS[issuerIndex]!;
  return (async function* () {
    for (let k = 0; k < count; k++) {
      const i = offset + k;
      yield {
        line: k + 1,
        body: {
          issuingState: issuer.state,
          documentType: i % 11 === 0 ? 'identity_card' : 'passport',
          status: i % 3 === 0 ? 'lost' : 'stolen',
          number: issuer.number(i * 7 + issuerIndex),
          event: { date: '2024-05-17' },
        },
      };
    }
  })();
}

export function numberOf(issuerIndex: number, i: number): string {
  return ISSUERS[issuerIndex]!.number(i * 7 + issuerIndex);
}


/** 99% of lookups are numbers nobody reported (as in real traffic); 1% are reported ones, a tenth of those blanks inside a range. */
export function lookupMix(count: number, perIssuer: number[]): { number: string; state: string }[] {
  const ranges = rangesPerIssuer(perIssuer);
  return Array.from({ length: count }, (_, k) => {
    const j = randomInt(ISSUERS.length);
    const issuer = ISSUERS[j]!;
    if (k % 1000 === 0) return { number: rangeSerial(ranges[j]!, randomInt(ranges[j]!), randomInt(RANGE_BLANKS)), state: issuer.state };
    if (k % 100 === 0) return { number: numberOf(j, randomInt(perIssuer[j]!)), state: issuer.state };
    return { number: issuer.number(randomInt(1e9) + 50_000_000_000), state: issuer.state };
  });
}

/** One batch of stolen blanks per this many single records (at least one per issuer). */
export const RECORDS_PER_RANGE = 10_000;
const RANGE_BLANKS = 500;
const RANGE_PREFIX = 'VXWK';

/**
 * The issuer's stolen blank batches: `VXWK` and 6 digits, 500 consecutive
 * serials each, spread over the serial space. No single record is 10
 * characters long, so ranges and singles never meet, not even as OCR variants.
 */
export function rangeSpecs(count: number): { prefix: string; digits: number; first: number; last: number }[] {
  return Array.from({ length: count }, (_, k) => {
    const first = Number(rangeSerial(count, k, 0).slice(RANGE_PREFIX.length));
    return { prefix: RANGE_PREFIX, digits: 6, first, last: first + RANGE_BLANKS - 1 };
  });
}

export function rangesOf(issuerIndex: number, count: number): AsyncIterable<ParsedLine> {
  const issuer = ISSUERS[issuerIndex]!;
  const specs = rangeSpecs(count);
  return (async function* () {
    for (const [k, r] of specs.entries()) {
      yield {
        line: k + 1,
        body: {
          issuingState: issuer.state,
          documentType: 'passport',
          status: 'stolen_blank',
          range: { from: `${r.prefix}${r.first}`, to: `${r.prefix}${r.last}` },
          event: { date: '2024-02-03' },
        },
      };
    }
  })();
}

/** Blank `blank` of an issuer's range k (of `count`). */
function rangeSerial(count: number, k: number, blank: number): string {
  return `${RANGE_PREFIX}${100_000 + k * Math.floor(900_000 / Math.max(1, count)) + blank}`;
}

export function rangesPerIssuer(perIssuer: readonly number[]): number[] {
  return perIssuer.map((n) => Math.max(1, Math.floor(n / RECORDS_PER_RANGE)));
}

/**
 * Persons generated deterministically: person i of stream s is a pure
 * function of (seed, s, i), so queries can name a stored person without
 * holding the persons in memory.
 */
import { prng } from '../../src/persons/names/synthetic.js';
import type { CreatePersonBody, PersonName } from '../../src/persons/schema.js';
import { BIG_OWNERS, CULTURES, TOTAL_WEIGHT, pickUniform, zipf, type Culture, type Part } from './cultures.js';
import { SEED } from './options.js';

// ---------------------------------------------------------------------------
// Deterministic randomness: person i of stream s is a pure function of (seed, s, i)
// ---------------------------------------------------------------------------

export type Rng = () => number;

/** The engine's own mulberry32 (`prng`): the same numbers, one copy. */
export const mulberry32: (seed: number) => Rng = prng;

export function mix32(...xs: number[]): number {
  let h = 0x811c9dc5 ^ SEED;
  for (const x of xs) {
    h = Math.imul(h ^ (x >>> 0), 0x01000193);
    h = Math.imul(h ^ Math.floor(x / 4294967296), 0x85ebca6b);
    h ^= h >>> 13;
  }
  return h >>> 0;
}

export const STREAM_RECORDS = 1;
export const STREAM_TRAVELLERS = 2;
export const STREAM_QUERIES = 3;

// ---------------------------------------------------------------------------
// A generated person
// ---------------------------------------------------------------------------

export type Precision = 'day' | 'month' | 'year' | 'range' | 'none';

export interface NameParts {
  readonly given: readonly Part[];
  readonly patronymic: readonly Part[];
  readonly family: readonly Part[];
}

export interface GenPerson extends NameParts {
  readonly culture: Culture;
  readonly female: boolean;
  /** Written in the native script (else in Latin, with the spelling `spelling`). */
  readonly native: boolean;
  readonly spelling: number;
  /** A native-script record also holding its Latin spelling (as the passport shows it). */
  readonly romanised: boolean;
  readonly alias: NameParts | null;
  readonly birth: { readonly y: number; readonly m: number; readonly d: number };
  readonly precision: Precision;
  readonly nationality: string;
  readonly owner: string;
  readonly restriction: 'all' | 'countries' | 'hub';
}

export function feminine(p: Part, culture: Culture): Part {
  if (culture.shape === 'slavic') {
    const native = p.native === null ? null : p.native.replace(/ский$/u, 'ская').replace(/(ов|ев|ёв|ин|ын)$/u, '$1а');
    return { native, latin: p.latin.map((l) => l.replace(/sk(y|iy)$/u, 'skaya').replace(/(ov|ev|in|yn)$/u, '$1a')) };
  }
  if (culture.shape === 'polish') return { native: null, latin: p.latin.map((l) => l.replace(/ski$/u, 'ska').replace(/cki$/u, 'cka')) };
  return p;
}

export function surname(c: Culture, rnd: Rng): Part {
  if (c.tail && rnd() < c.tail.share) return c.tail.make(rnd);
  return zipf(c.surnames, rnd);
}

export function givenName(c: Culture, female: boolean, rnd: Rng): Part {
  if (c.composedGiven) return c.composedGiven(rnd);
  return zipf(female ? c.female : c.male, rnd);
}

export function nameOf(c: Culture, female: boolean, rnd: Rng): NameParts {
  const given = [givenName(c, female, rnd)];
  const patronymic: Part[] = [];
  const family: Part[] = [];
  const fem = (p: Part): Part => (female ? feminine(p, c) : p);
  switch (c.shape) {
    case 'hispanic':
      if (rnd() < 0.3) given.push(givenName(c, female, rnd));
      family.push(surname(c, rnd));
      if (rnd() < 0.7) family.push(surname(c, rnd));
      break;
    case 'slavic':
      if (rnd() < 0.55 && c.patronymics) {
        const p = zipf(c.patronymics, rnd);
        patronymic.push(female ? { native: p.native!.replace(/ич$/u, 'на'), latin: p.latin.map((l) => l.replace(/ich$/u, 'na')) } : p);
      }
      family.push(fem(surname(c, rnd)));
      break;
    case 'polish':
      if (rnd() < 0.1) given.push(givenName(c, female, rnd));
      family.push(fem(surname(c, rnd)));
      break;
    case 'arabic': {
      const r = rnd();
      if (r < 0.45) patronymic.push(zipf(c.male, rnd));
      else if (r < 0.6) patronymic.push(zipf(c.male, rnd), zipf(c.male, rnd));
      family.push(surname(c, rnd));
      break;
    }
    case 'vietnamese':
      given.unshift(zipf(female ? c.middle!.female : c.middle!.male, rnd));
      family.push(surname(c, rnd));
      break;
    case 'east-asian':
      family.push(surname(c, rnd));
      break;
    default:
      if (rnd() < 0.15) given.push(givenName(c, female, rnd));
      family.push(surname(c, rnd));
  }
  return { given, patronymic, family };
}

export function generate(stream: number, i: number): GenPerson {
  const rnd = mulberry32(mix32(stream, i));
  let x = rnd() * TOTAL_WEIGHT;
  let c = CULTURES[0]!;
  for (const k of CULTURES) { x -= k.weight; if (x <= 0) { c = k; break; } }
  const female = rnd() < 0.35;
  const name = nameOf(c, female, rnd);
  const native = rnd() < c.nativeShare;
  const spelling = rnd() < 0.7 ? 0 : 1 + Math.floor(rnd() * 3);
  const romanised = native && rnd() < 0.4;
  const alias = rnd() < 0.08 ? nameOf(c, female, rnd) : null;
  const birth = { y: 1945 + Math.floor(rnd() * 62), m: 1 + Math.floor(rnd() * 12), d: 1 + Math.floor(rnd() * 28) };
  const r = rnd();
  const precision: Precision = r < 0.75 ? 'day' : r < 0.83 ? 'month' : r < 0.93 ? 'year' : r < 0.96 ? 'range' : 'none';
  const [nationality, iso2] = pickUniform(c.nationalities, rnd);
  const owner = rnd() < 0.55 ? iso2 : pickUniform(BIG_OWNERS, rnd);
  const rr = rnd();
  const restriction = rr < 0.9 ? 'all' : rr < 0.97 ? 'countries' : 'hub';
  return { ...name, culture: c, female, native, spelling, romanised, alias, birth, precision, nationality, owner, restriction };
}

export const pad = (n: number): string => String(n).padStart(2, '0');
export function fullDate(b: GenPerson['birth']): string {
  return `${b.y}-${pad(b.m)}-${pad(b.d)}`;
}

export function render(list: readonly Part[], native: boolean, spelling: number): string | undefined {
  const out = list.map((p) => (native && p.native !== null ? p.native : p.latin[spelling % p.latin.length]!)).filter((s) => s !== '');
  return out.length === 0 ? undefined : out.join(' ');
}

export function storedName(n: NameParts, kind: NonNullable<PersonName['kind']>, native: boolean, spelling: number): PersonName {
  const given = render(n.given, native, spelling);
  const patronymic = render(n.patronymic, native, spelling);
  const family = render(n.family, native, spelling);
  return { kind, ...(given === undefined ? {} : { given }), ...(patronymic === undefined ? {} : { patronymic }), ...(family === undefined ? {} : { family }) };
}

/** The record as its owner's NCB would send it to POST /api/v1/persons. */
export function recordBody(g: GenPerson): CreatePersonBody {
  const names: PersonName[] = [storedName(g, 'primary', g.native, g.spelling)];
  if (g.romanised) names.push(storedName(g, 'spelling', false, g.spelling));
  if (g.alias) names.push(storedName(g.alias, 'alias', g.native, g.spelling));
  const b = g.birth;
  const birthDate = g.precision === 'day' ? fullDate(b) : g.precision === 'month' ? `${b.y}-${pad(b.m)}` : g.precision === 'year' ? `${b.y}`
    : g.precision === 'range' ? { from: `${b.y - 2}`, to: `${b.y + 2}` } : undefined;
  const others = BIG_OWNERS.filter((o) => o !== g.owner);
  const a = (g.birth.d * 7 + g.birth.m) % others.length;
  return {
    names,
    ...(birthDate === undefined ? {} : { birthDate }),
    sex: g.female ? 'F' : 'M',
    nationalities: [g.nationality],
    ...(g.restriction === 'all' ? {} : { restriction: g.restriction === 'hub' ? { visibility: 'hub' } : { visibility: 'countries', countries: [others[a]!, others[(a + 5) % others.length]!, others[(a + 11) % others.length]!].sort() } }),
  };
}

/** Whole names as the name engine holds them (and as the peer stores them). */
export function engineNames(body: CreatePersonBody): string[] {
  return body.names.map((n) => [n.given, n.patronymic, n.family].filter((x) => x !== undefined).join(' '));
}

/**
 * What the name index takes and answers: persons' names in, screenings in, candidates out, and the work
 * a screening did (counted, for benchmarks and tests).
 */
import type { BirthComparison, BirthDateInput } from '../birth-date.js';
import type { PartMatch } from '../match.js';

export type Sex = 'M' | 'F' | 'X';

export interface PersonNames {
  /** Full names as written, in any script; the first is the primary name. */
  readonly names: readonly string[];
  readonly birthDate?: BirthDateInput;
  readonly sex?: Sex;
  /** ISO 3166-1 alpha-3 codes (the first two are kept). */
  readonly nationalities?: readonly string[];
}

export interface ScreeningQuery {
  /** One or more names (a name and its other spellings or aliases), any script. */
  readonly names: readonly string[];
  readonly birthDate?: BirthDateInput;
  readonly sex?: Sex;
  readonly nationalities?: readonly string[];
}

export interface ScreeningOptions {
  /** Most candidates returned, 1 … 1000. */
  readonly limit: number;
  /** Least score returned, 0 … 1. */
  readonly threshold: number;
}

export interface Candidate {
  readonly personId: number;
  /** In [0, 1]: the name score adjusted by birth date, sex and nationality. */
  readonly score: number;
  readonly nameScore: number;
  /** Which of the person's names matched (0 = primary) and its parts as normalised. */
  readonly recordName: { readonly index: number; readonly parts: readonly string[] };
  /** Which of the query's names matched. */
  readonly queryName: number;
  readonly matches: readonly PartMatch[];
  readonly unmatchedQuery: readonly string[];
  readonly unmatchedRecord: readonly string[];
  readonly birthDate: BirthComparison;
  /** Present when the name was found common (at least `namesakes` persons bear it) and no birth date confirms it: the score was multiplied by `factor`. */
  readonly commonName?: { readonly namesakes: number; readonly factor: number };
  readonly sex: 'agrees' | 'differs' | 'unknown';
  readonly nationality: 'agrees' | 'differs' | 'unknown';
}

/**
 * What one screening did, counted (not timed: the counts do not depend on the machine's load).
 * `partsCompared`: dictionary parts compared with a query part; `postings`: name entries read from
 * postings lists; `touched`: distinct names reached; `credited`: names re-read to credit parts not
 * followed; `scored`: names compared in full (`compareNames`, per query segmentation).
 */
export interface ScreeningWork {
  partsCompared: number;
  postings: number;
  touched: number;
  credited: number;
  scored: number;
  /** Names in a big unit's postings not touched: what they hold could not reach the threshold (name-bound.ts). */
  skipped: number;
}

export const MAX_NAMES_PER_PERSON = 32;
export const MAX_LIMIT = 1000;

/** How an index is built (tests set these to exercise the paths a large population takes). */
export interface IndexOptions {
  /** How many names make a part common: its postings split by birth year (birth-years.ts). */
  readonly bucketFrom?: number;
  /** false: a dated screening reads every year, as a reference for tests (same answers, slower). */
  readonly nearYearsOnly?: boolean;
  /** How many postings make a unit big: its names are touched only when the name bound admits them (name-bound.ts). */
  readonly bigFrom?: number;
  /** false: every name of the units followed is touched (the exhaustive path, a reference for tests). */
  readonly nameBound?: boolean;
}

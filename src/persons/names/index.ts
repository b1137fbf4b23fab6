/**
 * The name-screening engine: a pure library (no HTTP, no database).
 * See name-index.ts for the API and README-style notes.
 */
export { NameError, isNameError, NAME_ERROR_CODES, type NameErrorCode } from './errors.js';
export { normalizeName, MAX_NAME_CHARS, MAX_NAME_PARTS, type NormalizedName, type Script } from './normalize.js';
export { romanizePart, foldLatin } from './translit/index.js';
export { phoneticForm, skeleton } from './phonetic.js';
export { jaroWinkler, levenshtein } from './similarity.js';
export { parseBirthDate, compareBirthDates, applyBirth, type BirthDate, type BirthDateInput, type BirthComparison, type BirthAgreement } from './birth-date.js';
export { analyzePart, partSimilarity, compareNames, type AnalyzedPart, type PartMatch, type MatchMethod, type NameComparison } from './match.js';
export { NameIndex, type PersonNames, type ScreeningQuery, type ScreeningOptions, type Candidate, type Sex } from './name-index.js';

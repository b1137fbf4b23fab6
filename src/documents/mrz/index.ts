/**
 * ICAO Doc 9303 machine-readable zones: parse and check (`parseMrz`), clean up
 * input leniently (`normaliseMrzInput`), build (`formatMrz`), check digits.
 *
 *   check-digit.ts  the 7-3-1 check digit
 *   formats.ts      where each field lies in TD1, TD2, TD3, MRV-A, MRV-B
 *   input.ts        strict line splitting and character checks; the lenient clean-up
 *   dates.ts        YYMMDD and the century rules
 *   names.ts        the name field
 *   parse.ts        parseMrz
 *   format.ts       formatMrz, toMrzFields
 *   types.ts        the result, error and field types; the error codes
 */
export { checkDigit } from './check-digit.js';
export { MRZ_FORMATS, type MrzFormat } from './formats.js';
export { normaliseMrzInput, type MrzNormalisation, type NormalisedMrzInput } from './input.js';
export { parseMrz } from './parse.js';
export { formatMrz, toMrzFields } from './format.js';
export {
  MRZ_ERROR_CODES,
  type Mrz,
  type MrzCheckDigits,
  type MrzDate,
  type MrzError,
  type MrzErrorCode,
  type MrzFields,
  type MrzSex,
  type ParseMrzOptions,
  type ParseMrzResult,
} from './types.js';

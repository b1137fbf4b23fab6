/**
 * Errors of the name-screening engine. Each carries a stable `code`; the hub
 * maps these codes into its own catalogue (`core/errors.ts`) when it wires the
 * engine in. The engine itself knows nothing of HTTP.
 */
export const NAME_ERROR_CODES = {
  'person.name_empty': 'The name is empty',
  'person.name_no_letters': 'The name holds no letters (only punctuation, digits or symbols)',
  'person.name_too_long': 'The name is longer than the limit',
  'person.name_too_many_parts': 'The name has more parts than the limit',
  'person.name_mixed_scripts': 'The name mixes writing systems',
  'person.name_invalid_characters': 'The name holds control or unassigned characters',
  'person.names_missing': 'At least one name is required',
  'person.names_too_many': 'More names (aliases) than the limit',
  'person.birth_date_invalid': 'The birth date is not a valid date',
  'person.birth_date_out_of_range': 'The birth date is outside the accepted years',
  'person.birth_range_invalid': 'The birth date range ends before it starts',
  'person.sex_invalid': 'The sex is not one of the accepted values',
  'person.nationality_invalid': 'A nationality is not a three-letter country code',
  'person.id_invalid': 'The person id is not an integer between 0 and 2^32-2',
  'person.duplicate': 'The person is already in the index',
  'screening.limit_invalid': 'The limit or threshold is out of range',
} as const;

export type NameErrorCode = keyof typeof NAME_ERROR_CODES;

export class NameError extends Error {
  readonly code: NameErrorCode;

  constructor(code: NameErrorCode, detail?: string) {
    super(detail ?? NAME_ERROR_CODES[code]);
    this.name = 'NameError';
    this.code = code;
  }
}

export function isNameError(e: unknown): e is NameError {
  return e instanceof NameError;
}

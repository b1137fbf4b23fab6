/**
 * The CSV layout of an import: one documented column per field of the API's
 * `CreateDocumentBody`, with a header row naming them (any order, any subset
 * that holds the required ones). An unknown column refuses the whole file at
 * the header, so a misspelt `holdr_name` never silently drops every holder.
 */
import { ImportFileError, readCsv } from './csv.js';
import type { ParsedLine } from './importer.js';

/** Each column, where it goes in the request body, and what it holds. */
export const CSV_COLUMNS = {
  issuing_state: { path: ['issuingState'], description: 'ICAO 9303 code of the issuing state or organisation (GBR, D, UNO, XXA …); required' },
  document_type: { path: ['documentType'], description: 'passport, identity_card, visa, residence_permit, refugee_travel_document, other_travel_document or seafarer_book; required' },
  status: { path: ['status'], description: 'stolen, lost, revoked, invalidated or stolen_blank; required' },
  number: { path: ['number'], description: 'the document number (or range_from and range_to instead)' },
  range_from: { path: ['range', 'from'], description: 'first serial of a range of stolen blanks' },
  range_to: { path: ['range', 'to'], description: 'last serial of a range of stolen blanks (same prefix and width)' },
  event_date: { path: ['event', 'date'], description: 'date of the theft or loss, YYYY-MM-DD' },
  event_place: { path: ['event', 'place'], description: 'place of the theft or loss' },
  circumstances: { path: ['event', 'circumstances'], description: 'circumstances of the theft or loss' },
  holder_name: { path: ['holder', 'name'], description: 'the holder when the document was issued' },
  holder_birth_date: { path: ['holder', 'birthDate'], description: 'YYYY-MM-DD' },
  holder_nationality: { path: ['holder', 'nationality'], description: 'ICAO 9303 code' },
  issued_on: { path: ['issuedOn'], description: 'YYYY-MM-DD' },
  expires_on: { path: ['expiresOn'], description: 'YYYY-MM-DD' },
  review_date: { path: ['reviewDate'], description: 'YYYY-MM-DD; default five years from the import' },
  visibility: { path: ['restriction', 'visibility'], description: 'all (default), countries or hub' },
  visible_countries: { path: ['restriction', 'countries'], description: 'with visibility "countries": ISO 3166 alpha-2 codes separated by ";" (FR;DE)' },
} as const satisfies Record<string, { path: readonly string[]; description: string }>;

export type CsvColumn = keyof typeof CSV_COLUMNS;
const COLUMN_NAMES = Object.keys(CSV_COLUMNS) as CsvColumn[];
const REQUIRED: readonly CsvColumn[] = ['issuing_state', 'document_type', 'status'];

/** The column a body field came from, for error messages: `/range/to` (or `/body/range/to`) → `range_to`; '' for the record as a whole. */
export function csvFieldName(pointer: string): string {
  const path = pointer.replace(/^\/body/, '').split('/').filter((p) => p !== '');
  if (path.length === 0) return '';
  let best: string | undefined;
  let bestLength = 0;
  for (const name of COLUMN_NAMES) {
    const columnPath = CSV_COLUMNS[name].path as readonly string[];
    // The column whose path is the longest prefix of the pointer: /restriction/countries/0 → visible_countries.
    if (columnPath.length > bestLength && columnPath.every((p, i) => path[i] === p)) [best, bestLength] = [name, columnPath.length];
  }
  if (best) return best;
  // A pointer above the columns: /range → range_from/range_to, /event → its columns.
  const below = COLUMN_NAMES.filter((name) => path.every((p, i) => (CSV_COLUMNS[name].path as readonly string[])[i] === p));
  return below.length > 0 ? below.join('/') : path.join('/');
}

/** Reads the header: which column sits where. Throws an {@link ImportFileError} naming every problem. */
export function columnIndex(header: readonly string[], line = 1): Map<CsvColumn, number> {
  const index = new Map<CsvColumn, number>();
  const problems: string[] = [];
  header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (name === '') problems.push(`column ${i + 1} has no name`);
    else if (!(name in CSV_COLUMNS)) problems.push(`unknown column "${raw}" (column ${i + 1})`);
    else if (index.has(name as CsvColumn)) problems.push(`column "${name}" appears twice (columns ${(index.get(name as CsvColumn) ?? 0) + 1} and ${i + 1})`);
    else index.set(name as CsvColumn, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length > 0) problems.push(`required column${missing.length === 1 ? '' : 's'} missing: ${missing.join(', ')}`);
  if (!index.has('number') && !(index.has('range_from') && index.has('range_to'))) problems.push('give a number column, or range_from and range_to, or all three');
  if (problems.length > 0) {
    throw new ImportFileError(`line ${line} (the header): ${problems.join('; ')}. The columns are: ${COLUMN_NAMES.join(', ')}`);
  }
  return index;
}

/**
 * One record as the API's JSON body. Cells are trimmed and an empty cell is
 * absent (so the API's defaults and rules apply as if the field were left
 * out); `visible_countries` is split on `;`. Types are not checked here: the
 * importer validates every body, whatever its source, against the API schema.
 */
export function bodyFromRecord(fields: readonly string[], index: ReadonlyMap<CsvColumn, number>): Record<string, unknown> {
  return recordReader(index)(fields);
}

/** Compiles the header's layout once: a list of (cell, field, sub-field) to fill, run for every record. */
export function recordReader(index: ReadonlyMap<CsvColumn, number>): (fields: readonly string[]) => Record<string, unknown> {
  const plan = [...index].map(([name, cell]) => {
    const path = CSV_COLUMNS[name].path as readonly string[];
    return { cell, top: path[0] as string, sub: path[1], list: name === 'visible_countries' };
  });
  return (fields) => {
    const body: Record<string, unknown> = {};
    for (const { cell, top, sub, list } of plan) {
      const value = (fields[cell] ?? '').trim();
      if (value === '') continue;
      const v = list ? value.split(';').map((c) => c.trim()).filter((c) => c !== '') : value;
      if (sub === undefined) body[top] = v;
      else ((body[top] ??= {}) as Record<string, unknown>)[sub] = v;
    }
    return body;
  };
}

/** A CSV file as the importer reads it: bodies or errors, each with its line. */
export async function* csvDocuments(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<ParsedLine> {
  let read: ((fields: readonly string[]) => Record<string, unknown>) | undefined;
  for await (const item of readCsv(input)) {
    if (item.kind === 'header') read = recordReader(columnIndex(item.fields, item.line));
    else if (item.kind === 'error') yield { line: item.line, error: { code: item.code, message: item.message } };
    else if (!read) throw new ImportFileError('a record came before the header');
    else yield { line: item.line, body: read(item.fields) };
  }
}

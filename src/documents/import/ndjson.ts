/**
 * NDJSON imports: one JSON object per line, in exactly the shape the API
 * takes (`POST /api/v1/documents`). Lines with nothing on them are skipped;
 * a line that is not UTF-8, not JSON or not an object is an error for that
 * line and reading goes on with the next.
 */
import { readLines } from './csv.js';
import type { ParsedLine } from './importer.js';

export async function* ndjsonDocuments(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<ParsedLine> {
  for await (const item of readLines(input)) {
    if ('error' in item) {
      yield item;
      continue;
    }
    if (item.text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(item.text);
    } catch (error) {
      yield { line: item.line, error: { code: 'ndjson.invalid_json', message: `not valid JSON: ${(error as Error).message}` } };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { line: item.line, error: { code: 'ndjson.not_an_object', message: `each line holds one JSON object (a record), not ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}` } };
      continue;
    }
    yield { line: item.line, body: value };
  }
}

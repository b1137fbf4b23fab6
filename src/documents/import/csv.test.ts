import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyFromRecord, columnIndex, csvDocuments, csvFieldName } from './columns.js';
import { ImportFileError, csvField, readCsv, readLines, type CsvItem } from './csv.js';

/** Feeds bytes in chunks of the given sizes (cycled), to cross every boundary a stream can cut. */
async function* chunked(bytes: Uint8Array, sizes: readonly number[] = [65_536]): AsyncGenerator<Uint8Array> {
  let at = 0;
  let k = 0;
  while (at < bytes.length) {
    const size = Math.max(1, sizes[k++ % sizes.length] ?? 1);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

const bytesOf = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

async function read(input: string | Uint8Array, sizes?: number[]): Promise<CsvItem[]> {
  const out: CsvItem[] = [];
  for await (const item of readCsv(chunked(typeof input === 'string' ? Buffer.from(input, 'utf8') : input, sizes))) out.push(item);
  return out;
}

const records = (items: CsvItem[]) => items.filter((i) => i.kind === 'record').map((i) => [i.line, ...(i as { fields: string[] }).fields]);
const errors = (items: CsvItem[]) => items.flatMap((i) => (i.kind === 'error' ? [{ line: i.line, code: i.code }] : []));

describe('the CSV reader', () => {
  it('reads a header and records, with LF, CRLF and no final line break', async () => {
    for (const eol of ['\n', '\r\n']) {
      const items = await read(['a,b,c', '1,2,3', 'x,,z'].join(eol));
      expect(items[0]).toEqual({ kind: 'header', line: 1, fields: ['a', 'b', 'c'] });
      expect(records(items)).toEqual([[2, '1', '2', '3'], [3, 'x', '', 'z']]);
    }
  });

  it('reads quoted fields: commas, doubled quotes, line breaks, and numbers lines from where each record starts', async () => {
    const text = 'a,b\r\n"x, y","say ""hi"""\r\n"two\r\nlines","three\nlines\n"\r\nlast,""\r\n';
    const items = await read(text);
    expect(records(items)).toEqual([
      [2, 'x, y', 'say "hi"'],
      [3, 'two\r\nlines', 'three\nlines\n'],
      [7, 'last', ''],
    ]);
    expect(errors(items)).toEqual([]);
  });

  it('skips the UTF-8 byte order mark at the start, and only there', async () => {
    const items = await read(bytesOf([0xef, 0xbb, 0xbf], 'name,x\n\uFEFFa,b\n'));
    expect(items[0]).toEqual({ kind: 'header', line: 1, fields: ['name', 'x'] });
    expect(records(items)).toEqual([[2, '\uFEFFa', 'b']]);
  });

  it('reports a Latin-1 line as not UTF-8, by line and column, and reads on', async () => {
    const items = await read(bytesOf('a,b\nok,1\ncaf', [0xe9], ',2\nfine,3\n'));
    expect(records(items)).toEqual([[2, 'ok', '1'], [4, 'fine', '3']]);
    const bad = items.find((i) => i.kind === 'error');
    expect(bad).toMatchObject({ line: 3, code: 'encoding.not_utf8' });
    expect((bad as { message: string }).message).toBe('not UTF-8; re-save the file as UTF-8 (byte 0xE9 ("é" in Latin-1) at column 4)');
  });

  it('reports a stray quote in an unquoted field, or text after a closing quote, and reads on with the next line', async () => {
    const items = await read('a,b\nab"c,1\n"x"y,2\n"ok",3\n');
    expect(errors(items)).toEqual([{ line: 2, code: 'csv.stray_quote' }, { line: 3, code: 'csv.stray_quote' }]);
    expect(records(items)).toEqual([[4, 'ok', '3']]);
    expect(items.find((i) => i.kind === 'error')).toMatchObject({ message: expect.stringContaining('column 3') as unknown });
  });

  it('reports a quote that never closes at its line and reads the lines after it again', async () => {
    const items = await read('a,b\n1,"open\n2,x\n3,y');
    expect(errors(items)).toEqual([{ line: 2, code: 'csv.unterminated_quote' }]);
    expect(records(items)).toEqual([[3, '2', 'x'], [4, '3', 'y']]);
    // Here the quote on line 3 closes the field opened on line 2, and what follows it is the mistake.
    const closed = await read('a,b\n1,"x\n2,"y\n3,z\n');
    expect(closed.filter((i) => i.kind === 'error')).toEqual([{ kind: 'error', line: 2, code: 'csv.stray_quote', message: expect.stringMatching(/^on line 3: text after the closing quote/) as unknown }]);
    expect(records(closed)).toEqual([[4, '3', 'z']]);
  });

  it('gives up on a quoted field longer than the limit instead of buffering the file', async () => {
    const lines = ['a,b', '1,"never closed', ...Array.from({ length: 50 }, (_, i) => `${i},${'z'.repeat(10)}`)];
    const out: CsvItem[] = [];
    for await (const item of readCsv(chunked(Buffer.from(lines.join('\n'))), { maxRecordLength: 200 })) out.push(item);
    expect(errors(out)).toEqual([{ line: 2, code: 'csv.unterminated_quote' }]);
    expect(records(out)).toHaveLength(50);
  });

  it('reports a wrong number of fields', async () => {
    const items = await read('a,b,c\n1,2\n1,2,3,4\n1,2,3\n');
    expect(errors(items)).toEqual([{ line: 2, code: 'csv.column_count' }, { line: 3, code: 'csv.column_count' }]);
    expect(items.find((i) => i.kind === 'error')).toMatchObject({ message: '2 fields where the header has 3' });
    expect(records(items)).toEqual([[4, '1', '2', '3']]);
  });

  it('skips empty lines but counts them', async () => {
    expect(records(await read('a\n\n\r\nx\n\n'))).toEqual([[4, 'x']]);
  });

  it('reports an overlong line and reads on', async () => {
    const out: CsvItem[] = [];
    for await (const item of readCsv(chunked(Buffer.from(`a,b\n${'x'.repeat(500)},1\n2,3\n`), [7]), { maxRecordLength: 100 })) out.push(item);
    expect(errors(out)).toEqual([{ line: 2, code: 'line.too_long' }]);
    expect(records(out)).toEqual([[3, '2', '3']]);
  });

  it('refuses a file without a readable header', async () => {
    await expect(read('')).rejects.toThrow(ImportFileError);
    await expect(read('\n\n')).rejects.toThrow('the file is empty');
    await expect(read('a,"b\n')).rejects.toThrow(/line 1: the quoted field opened on this line is not closed/);
    await expect(read(bytesOf('n', [0xe9], 'e,b\n'))).rejects.toThrow(/line 1: not UTF-8/);
  });

  it('reads the same whatever the chunks: cut inside CRLF, inside a quote pair, inside a multi-byte character', async () => {
    const text = bytesOf([0xef, 0xbb, 0xbf], 'name,note\r\n"Zoë ""Z""","a,\r\nb"\r\nŁódź,日本\r\nbad', [0xe9], ',x\r\n"end",""\r\n');
    const whole = await read(text);
    for (const sizes of [[1], [2], [3], [1, 2, 5], [4, 1]]) expect(await read(text, sizes)).toEqual(whole);
    expect(records(whole)).toEqual([[2, 'Zoë "Z"', 'a,\r\nb'], [4, 'Łódź', '日本'], [6, 'end', '']]);
    expect(errors(whole)).toEqual([{ line: 5, code: 'encoding.not_utf8' }]);
  });

  it('reads back any table of strings written as CSV', async () => {
    const cell = fc.string({ unit: fc.oneof(fc.constantFrom('"', ',', '\n', '\r', '\r\n', ' ', '\uFEFF', 'é', 'x'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 12 });
    const table = fc.integer({ min: 1, max: 5 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }));
    await fc.assert(
      fc.asyncProperty(table, fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean(), fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 5 }), async (rows, eol, bom, finalEol, sizes) => {
        const text = rows
          .map((row, r) => row.map((v, c) => (r === 0 && c === 0 && !bom && v.startsWith('\uFEFF') ? `"${v.replaceAll('"', '""')}"` : csvField(v))).join(','))
          .join(eol) + (finalEol ? eol : '');
        const bytes = bytesOf(bom ? [0xef, 0xbb, 0xbf] : [], text);
        const items = await read(bytes, sizes);
        expect(items.map((i) => (i.kind === 'error' ? i : i.fields))).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});

describe('text lines', () => {
  it('numbers lines, keeps each terminator, and decodes each line alone', async () => {
    const out = [];
    for await (const l of readLines(chunked(bytesOf('a\r\n', [0xff], '\nb'), [1]))) out.push(l);
    expect(out).toEqual([
      { line: 1, text: 'a', eol: '\r\n' },
      { line: 2, error: { code: 'encoding.not_utf8', message: 'not UTF-8; re-save the file as UTF-8 (byte 0xFF ("ÿ" in Latin-1) at column 1)' } },
      { line: 3, text: 'b', eol: '' },
    ]);
  });
});

describe('CSV columns', () => {
  it('maps the documented columns to the API body; empty cells are absent', () => {
    const header = ['issuing_state', 'Document_Type', 'status', 'number', 'range_from', 'range_to', 'event_date', 'holder_name', 'visibility', 'visible_countries'];
    const index = columnIndex(header);
    expect(bodyFromRecord(['gbr', 'passport', 'stolen', ' X123 ', '', '', '2024-01-02', '', 'countries', 'FR; DE;'], index)).toEqual({
      issuingState: 'gbr', documentType: 'passport', status: 'stolen', number: 'X123', event: { date: '2024-01-02' },
      restriction: { visibility: 'countries', countries: ['FR', 'DE'] },
    });
    expect(bodyFromRecord(['GBR', 'passport', 'stolen_blank', '', 'A001', 'A009', '', '', '', ''], index)).toEqual({
      issuingState: 'GBR', documentType: 'passport', status: 'stolen_blank', range: { from: 'A001', to: 'A009' },
    });
  });

  it('refuses unknown, repeated and missing columns at the header', () => {
    expect(() => columnIndex(['issuing_state', 'document_type', 'status', 'number', 'holdr_name'])).toThrow(/unknown column "holdr_name" \(column 5\)/);
    expect(() => columnIndex(['issuing_state', 'document_type', 'status', 'number', 'number'])).toThrow(/"number" appears twice/);
    expect(() => columnIndex(['issuing_state', 'number'])).toThrow(/required columns missing: document_type, status/);
    expect(() => columnIndex(['issuing_state', 'document_type', 'status'])).toThrow(/give a number column/);
  });

  it('names fields by their column', () => {
    expect(csvFieldName('/body/range/to')).toBe('range_to');
    expect(csvFieldName('/restriction/countries/0')).toBe('visible_countries');
    expect(csvFieldName('/holder/birthDate')).toBe('holder_birth_date');
    expect(csvFieldName('/range')).toBe('range_from/range_to');
    expect(csvFieldName('/number')).toBe('number');
  });

  it('turns a CSV file into bodies and errors by line', async () => {
    const out = [];
    for await (const l of csvDocuments(chunked(Buffer.from('issuing_state,document_type,status,number\nGBR,passport,stolen,X1\nGBR,passport\n')))) out.push(l);
    expect(out).toEqual([
      { line: 2, body: { issuingState: 'GBR', documentType: 'passport', status: 'stolen', number: 'X1' } },
      { line: 3, error: { code: 'csv.column_count', message: '2 fields where the header has 4' } },
    ]);
  });
});

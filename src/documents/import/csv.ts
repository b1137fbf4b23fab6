/**
 * Reading import files: UTF-8 text lines (shared with NDJSON) and RFC 4180
 * CSV records on top of them, streamed, each with its 1-based line number.
 *
 * A broken line or record is answered as an error item for that line and
 * reading carries on with the next line; nothing is guessed at. Memory stays
 * bounded: a line or a record longer than {@link MAX_RECORD_LENGTH} is an
 * error, not a reason to buffer the rest of the file.
 */

/** Longest line (in bytes) and longest record (in characters) accepted; a valid record is far shorter. */
export const MAX_RECORD_LENGTH = 65_536;

export type LineErrorCode = 'encoding.not_utf8' | 'line.too_long';
export type CsvErrorCode = LineErrorCode | 'csv.unterminated_quote' | 'csv.stray_quote' | 'csv.column_count';

/** A physical line, decoded, without its terminator (which is kept apart: a quoted CSV field may span lines). */
export interface TextLine {
  line: number;
  text: string;
  eol: '' | '\n' | '\r\n';
}

export interface LineError<C extends string = LineErrorCode> {
  line: number;
  error: { code: C; message: string };
}

/** The whole file cannot be read as what it claims to be (no header, unknown columns): nothing is imported. */
export class ImportFileError extends Error {}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
const NOT_UTF8 = 'not UTF-8; re-save the file as UTF-8';

/** Where the first byte that is not valid UTF-8 sits, with the byte itself (only asked once decoding failed). */
function firstInvalidUtf8(bytes: Uint8Array): { offset: number; byte: number } {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return { offset: i, byte: b };
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return { offset: i, byte: b };
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { offset: i, byte: b };
    i += need + 1;
  }
  return { offset: bytes.length, byte: 0 };
}

function describeBadBytes(bytes: Uint8Array): string {
  const { offset, byte } = firstInvalidUtf8(bytes);
  // Count characters before the bad byte so the column means something in an editor.
  const column = new TextDecoder('utf-8').decode(bytes.subarray(0, offset)).length + 1;
  const latin1 = byte >= 0xa0 ? ` ("${String.fromCharCode(byte)}" in Latin-1)` : '';
  return `${NOT_UTF8} (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')}${latin1} at column ${column})`;
}

/**
 * Splits a byte stream into lines on LF (a CR before it is dropped and
 * remembered as the line's terminator) and decodes each line on its own with
 * a fatal UTF-8 decoder: a line that is not UTF-8 (a Latin-1 `é` is the byte
 * 0xE9) is an error for that line alone, never silently replaced. A UTF-8
 * byte order mark at the very start of the input is skipped (and only there).
 */
export async function* readLines(input: AsyncIterable<Uint8Array | string>, options: { maxLineBytes?: number } = {}): AsyncGenerator<TextLine | LineError> {
  const maxLineBytes = options.maxLineBytes ?? MAX_RECORD_LENGTH;
  // ignoreBOM: keep a U+FEFF inside the data; the file's own BOM is removed by hand below.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let lineNumber = 0;
  let carry: Buffer[] = [];
  let carryBytes = 0;
  let skipping = false; // inside a line already reported as too long

  const emit = (bytes: Uint8Array, eol: '' | '\n'): TextLine | LineError | null => {
    lineNumber++;
    if (skipping) {
      skipping = false;
      return null;
    }
    let end = bytes.length;
    let terminator: TextLine['eol'] = eol;
    if (eol === '\n' && end > 0 && bytes[end - 1] === 0x0d) {
      end--;
      terminator = '\r\n';
    }
    let start = 0;
    if (lineNumber === 1 && end >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2]) start = 3;
    const body = bytes.subarray(start, end);
    try {
      return { line: lineNumber, text: decoder.decode(body), eol: terminator };
    } catch {
      return { line: lineNumber, error: { code: 'encoding.not_utf8', message: describeBadBytes(body) } };
    }
  };

  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (;;) {
      const newline = bytes.indexOf(0x0a, start);
      if (newline === -1) break;
      const piece = bytes.subarray(start, newline);
      const whole = carry.length === 0 ? piece : Buffer.concat([...carry, piece]);
      carry = [];
      carryBytes = 0;
      const item = emit(whole, '\n');
      if (item) yield item;
      start = newline + 1;
    }
    if (start < bytes.length) {
      if (skipping) continue;
      const rest = Buffer.from(bytes.subarray(start)); // a copy: the caller may reuse its chunk
      carry.push(rest);
      carryBytes += rest.length;
      if (carryBytes > maxLineBytes) {
        carry = [];
        carryBytes = 0;
        skipping = true;
        yield { line: lineNumber + 1, error: { code: 'line.too_long', message: `the line is longer than ${maxLineBytes.toLocaleString('en')} bytes` } };
      }
    }
  }
  if (carryBytes > 0 || skipping) {
    const item = emit(Buffer.concat(carry), '');
    if (item) yield item;
  }
}

export type CsvItem =
  | { kind: 'header'; line: number; fields: string[] }
  | { kind: 'record'; line: number; fields: string[] }
  | { kind: 'error'; line: number; code: CsvErrorCode; message: string };

/** A record being read: the fields so far, and the lines it has taken (kept to re-read them if its quote never closes). */
interface Pending {
  line: number;
  fields: string[];
  field: string;
  lines: TextLine[];
  length: number;
}

type Scan = { done: true } | { done: false } | { code: CsvErrorCode; message: string };

const QUOTE = 0x22;
const COMMA = 0x2c;

/**
 * Continues a record on one line of text. `quoted`: the line starts inside a
 * quoted field opened on an earlier line.
 */
function scan(text: string, record: Pending, quoted: boolean): Scan {
  const n = text.length;
  let i = 0;
  let inQuotes = quoted;
  for (;;) {
    if (!inQuotes) {
      if (text.charCodeAt(i) === QUOTE) {
        inQuotes = true;
        i++;
      } else {
        const comma = text.indexOf(',', i);
        const end = comma === -1 ? n : comma;
        const quote = text.indexOf('"', i);
        if (quote !== -1 && quote < end) {
          return { code: 'csv.stray_quote', message: `a quote inside an unquoted field (column ${quote + 1}); quote the whole field and double the quotes inside it` };
        }
        record.fields.push(text.slice(i, end));
        if (comma === -1) return { done: true };
        i = comma + 1;
        continue;
      }
    }
    for (;;) {
      const quote = text.indexOf('"', i);
      if (quote === -1) {
        record.field += text.slice(i);
        return { done: false };
      }
      record.field += text.slice(i, quote);
      if (text.charCodeAt(quote + 1) === QUOTE) {
        record.field += '"';
        i = quote + 2;
        continue;
      }
      record.fields.push(record.field);
      record.field = '';
      inQuotes = false;
      i = quote + 1;
      if (i === n) return { done: true };
      if (text.charCodeAt(i) !== COMMA) {
        return { code: 'csv.stray_quote', message: `text after the closing quote of a field (column ${i + 1}); a quote inside a quoted field is written twice ("")` };
      }
      i++;
      break;
    }
  }
}

/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field in
 * double quotes may hold commas, quotes (written twice) and line breaks. The
 * first record is the header: it is yielded first, and every record must have
 * as many fields as it has. Lines with nothing on them are skipped.
 *
 * Broken records are error items at the line where the record starts:
 *  - a stray quote (inside an unquoted field, or text after a closing quote):
 *    the rest of that line is dropped and reading goes on at the next line;
 *  - a quote that never closes (by the end of the file, or within
 *    {@link MAX_RECORD_LENGTH} characters): the lines after the record's first
 *    line are read again as records of their own;
 *  - a wrong number of fields; a line that is not UTF-8.
 *
 * A header that cannot be read, or no header at all, throws an
 * {@link ImportFileError}: without column names no record means anything.
 */
export async function* readCsv(input: AsyncIterable<Uint8Array | string>, options: { maxRecordLength?: number } = {}): AsyncGenerator<CsvItem> {
  const maxRecordLength = options.maxRecordLength ?? MAX_RECORD_LENGTH;
  const source = readLines(input, { maxLineBytes: maxRecordLength })[Symbol.asyncIterator]();
  // Lines to read again after a quote that never closed; at most one record's worth.
  let again: (TextLine | LineError)[] = [];
  let againAt = 0;
  const next = async (): Promise<TextLine | LineError | undefined> => {
    if (againAt < again.length) return again[againAt++];
    const result = await source.next();
    return result.done ? undefined : result.value;
  };

  let columns = -1;
  let pending: Pending | null = null;

  const fail = (line: number, code: CsvErrorCode, message: string): CsvItem => {
    if (columns < 0) throw new ImportFileError(`line ${line}: ${message}; the first row must name the columns`);
    return { kind: 'error', line, code, message };
  };
  const complete = (record: Pending): CsvItem => {
    if (columns < 0) {
      columns = record.fields.length;
      return { kind: 'header', line: record.line, fields: record.fields };
    }
    if (record.fields.length !== columns) {
      return fail(record.line, 'csv.column_count', `${record.fields.length} field${record.fields.length === 1 ? '' : 's'} where the header has ${columns}`);
    }
    return { kind: 'record', line: record.line, fields: record.fields };
  };
  const where = (record: Pending, line: number) => (line === record.line ? '' : `on line ${line}: `);
  /** A quote that never closed: the record is an error, and its later lines are read again as records. */
  const unterminated = (record: Pending, why: string): CsvItem => {
    again = [...record.lines.slice(1), ...again.slice(againAt)];
    againAt = 0;
    return fail(record.line, 'csv.unterminated_quote', `the quoted field opened on this line is not closed ${why}; the lines after it are read as records of their own`);
  };

  for (;;) {
    const item = await next();
    if (item === undefined) break;
    if ('error' in item) {
      if (pending) {
        const record: Pending = pending;
        pending = null;
        yield fail(record.line, item.error.code, `${where(record, item.line)}${item.error.message}`);
      } else {
        yield fail(item.line, item.error.code, item.error.message);
      }
      continue;
    }
    let quoted = false;
    if (pending) {
      pending.field += pending.lines[pending.lines.length - 1]?.eol ?? '';
      pending.lines.push(item);
      pending.length += item.text.length;
      quoted = true;
    } else {
      if (item.text === '') continue;
      pending = { line: item.line, fields: [], field: '', lines: [item], length: item.text.length };
    }
    const record: Pending = pending;
    const result = scan(item.text, record, quoted);
    if ('code' in result) {
      pending = null;
      yield fail(record.line, result.code, `${where(record, item.line)}${result.message}`);
    } else if (result.done) {
      pending = null;
      yield complete(record);
    } else if (item.eol === '') {
      pending = null;
      yield unterminated(record, 'by the end of the file');
    } else if (record.length > maxRecordLength) {
      pending = null;
      yield unterminated(record, `within ${maxRecordLength.toLocaleString('en')} characters`);
    }
  }
  if (pending) yield unterminated(pending, 'by the end of the file');
  if (columns < 0) throw new ImportFileError('the file is empty; a CSV import starts with a header row naming the columns');
}

/** Writes one CSV field, quoted only when it must be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value === '' ? `"${value.replaceAll('"', '""')}"` : value;
}

import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { Compile } from 'typebox/compile';
import { recordPolicy } from '../access/policies.js';
import { AppError } from '../core/errors.js';
import type { HubContext } from '../hub/context.js';
import { principalOf } from '../hub/http/authenticate.js';
import type { HubApp } from '../hub/http/app-type.js';
import { streamLineJson } from './answer-json.js';
import { readSearchItem } from './batch-body.js';
import { SearchItem, type SearchResult } from './schema.js';

const CHUNK = 5000;
const MAX_LINE = 4096;
const checkItem = Compile(SearchItem);

type Parsed = { ok: true; item: SearchItem } | { ok: false; result: SearchResult };

function parseLine(line: string, lineNumber: number): Parsed {
  const fail = (message: string): Parsed => ({ ok: false, result: { outcome: 'error', error: { code: 'request.malformed', message: `line ${lineNumber}: ${message}` } } });
  if (line.length > MAX_LINE) return fail(`longer than ${MAX_LINE} characters`);
  const read = readSearchItem(line); // the common shape, read and checked in one pass
  if (read) return { ok: true, item: read };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return fail('not valid JSON');
  }
  if (!checkItem.Check(value)) {
    const first = [...checkItem.Errors(value)][0];
    return { ok: false, result: { outcome: 'error', error: { code: 'request.validation_failed', message: `line ${lineNumber}: ${first ? `${first.instancePath || '/'} ${first.message}` : 'not a search'}` } } };
  }
  return { ok: true, item: value };
}

/**
 * Lines of a request body, read only as fast as they are answered. (Not
 * readline: its iterator starts listening late and loses lines that arrived
 * before the first answer was asked for.)
 */
async function* readLines(body: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of body) {
    rest += decoder.write(chunk as Buffer);
    let newline: number;
    while ((newline = rest.indexOf('\n')) >= 0) {
      yield rest.slice(0, newline).replace(/\r$/, '');
      rest = rest.slice(newline + 1);
    }
    // An endless line is cut off here and answered as too long.
    if (rest.length > MAX_LINE * 4) {
      yield rest;
      rest = '';
    }
  }
  rest += decoder.end();
  if (rest.length > 0) yield rest.replace(/\r$/, '');
}

/**
 * Millions of checks in one request: NDJSON in (one search per line, as in
 * the batch endpoint), NDJSON out (one answer per line, in order, each with
 * its `line`). Read and answered in chunks of 5,000, each audited as a batch,
 * with back-pressure both ways; no body limit applies.
 */
export function searchStreamRoute(app: HubApp, ctx: HubContext): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-ndjson', (_request, payload, done) => done(null, payload));
    scope.post('/api/v1/documents/search/stream', {
      schema: {
        tags: ['travel documents'],
        summary: 'Check any number of documents: NDJSON in (one search per line), NDJSON out (one answer per line, with its line number)',
        querystring: {
          type: 'object',
          properties: { location: { type: 'string', minLength: 1, maxLength: 100 } },
          additionalProperties: false,
        },
      },
    }, async (request, reply) => {
      const p = principalOf(request);
      // Another type (JSON) has its own parser: the body arrives parsed, not as a stream of lines.
      if (!(request.body instanceof Readable)) throw new AppError('request.unsupported_media_type', 'send the searches as application/x-ndjson, one per line');
      recordPolicy.search(p, 'documents');
      const location = (request.query as { location?: string }).location ?? null;
      const lines = readLines(request.body);
      async function* answer(): AsyncGenerator<string> {
        let lineNumber = 0;
        let pending: { line: number; parsed: Parsed }[] = [];
        const flush = async function* () {
          const valid = pending.filter((x) => x.parsed.ok);
          const items = valid.map((x) => (x.parsed as { item: SearchItem }).item);
          const found = items.length === 0 ? new Array<SearchResult>() : await ctx.documents.searchBatch(p, items, location);
          // A chunk's answers leave as one write: an async step per line would cost more than its lookup.
          let k = 0;
          let out = '';
          for (const x of pending) {
            const result = x.parsed.ok ? (found[k++] as SearchResult) : x.parsed.result;
            out += `${streamLineJson(x.line, result)}\n`;
          }
          pending = [];
          yield out;
        };
        for await (const line of lines) {
          lineNumber++;
          if (line.trim() === '') continue;
          pending.push({ line: lineNumber, parsed: parseLine(line, lineNumber) });
          if (pending.length >= CHUNK) yield* flush();
        }
        if (pending.length > 0) yield* flush();
      }
      return reply.type('application/x-ndjson').send(Readable.from(answer()));
    });
  });
}

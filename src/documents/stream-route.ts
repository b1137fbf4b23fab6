import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { Compile } from 'typebox/compile';
import { recordPolicy } from '../access/policies.js';
import type { HubContext } from '../hub/context.js';
import { principalOf } from '../hub/http/authenticate.js';
import type { HubApp } from '../hub/http/app-type.js';
import { SearchItem, type SearchResult } from './schema.js';

const CHUNK = 1000;
const MAX_LINE = 4096;
const checkItem = Compile(SearchItem);

type Parsed = { ok: true; item: SearchItem } | { ok: false; result: SearchResult };

function parseLine(line: string, lineNumber: number): Parsed {
  const fail = (message: string): Parsed => ({ ok: false, result: { outcome: 'error', error: { code: 'request.malformed', message: `line ${lineNumber}: ${message}` } } });
  if (line.length > MAX_LINE) return fail(`longer than ${MAX_LINE} characters`);
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
 * Millions of checks in one request: NDJSON in (one search per line, as in
 * the batch endpoint), NDJSON out (one answer per line, in order, each with
 * its `line`). Read and answered in chunks of 1,000, each audited as a batch,
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
      recordPolicy.search(p, 'documents');
      const location = (request.query as { location?: string }).location ?? null;
      const lines = createInterface({ input: request.body as NodeJS.ReadableStream, crlfDelay: Infinity });
      async function* answer(): AsyncGenerator<string> {
        let lineNumber = 0;
        let pending: { line: number; parsed: Parsed }[] = [];
        const flush = async function* () {
          const valid = pending.filter((x) => x.parsed.ok);
          const items = valid.map((x) => (x.parsed as { item: SearchItem }).item);
          const found = items.length === 0 ? new Array<SearchResult>() : await ctx.documents.searchBatch(p, items, location);
          let k = 0;
          for (const x of pending) {
            const result = x.parsed.ok ? (found[k++] as SearchResult) : x.parsed.result;
            yield `${JSON.stringify({ line: x.line, ...result })}\n`;
          }
          pending = [];
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

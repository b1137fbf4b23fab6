import type { SearchResult } from './schema.js';

/** Text as JSON. */
const text = JSON.stringify;

/**
 * A batch's answer, written by hand: for 1,000 answers the schema
 * serialiser's unions cost more than the lookups. A no-hit, nearly every
 * answer, has a fixed shape; hits and errors go through `schemaJson` (the
 * route's schema serialiser), so nothing undeclared ever leaves.
 */
export function batchAnswerJson(results: readonly SearchResult[], schemaJson: (result: SearchResult) => string): string {
  let out = '{"results":[';
  for (let i = 0; i < results.length; i++) {
    const r = results[i] as SearchResult;
    if (i > 0) out += ',';
    out += r.outcome === 'no_hit' && r.query ? noHitJson(r.ref, r.query) : schemaJson(r);
  }
  return `${out}]}`;
}

/** One line of the NDJSON stream's answer: its line number, then the answer (a no-hit written as above). */
export function streamLineJson(line: number, result: SearchResult): string {
  if (result.outcome === 'no_hit' && result.query) return `{"line":${line},${noHitJson(result.ref, result.query).slice(1)}`;
  return JSON.stringify({ line, ...result });
}

/**
 * The query echoed is the normalised one (parseQuery): a number of A-Z and
 * 0-9, a state code of capitals; neither ever needs escaping, so they are
 * written as they are. The caller's `ref` is escaped.
 */
function noHitJson(ref: string | undefined, query: { number: string; issuingState: string | null }): string {
  const state = query.issuingState === null ? 'null' : `"${query.issuingState}"`;
  return `{${ref === undefined ? '' : `"ref":${text(ref)},`}"outcome":"no_hit","query":{"number":"${query.number}","issuingState":${state}}}`;
}

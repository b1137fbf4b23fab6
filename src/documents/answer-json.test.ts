import { describe, expect, it } from 'vitest';
import { batchAnswerJson, streamLineJson } from './answer-json.js';
import type { SearchResult } from './schema.js';

describe('batch answer JSON', () => {
  it('writes no-hits itself, exactly as JSON, and hands every other answer to the schema serialiser', () => {
    const results: SearchResult[] = [
      { ref: 'lane "3" \u2028 é', outcome: 'no_hit', query: { number: 'AB123', issuingState: 'GBR' } },
      { outcome: 'no_hit', query: { number: '123456789', issuingState: null } },
      { ref: 'x', outcome: 'error', error: { code: 'document.invalid_number', message: 'bad' } },
    ];
    const handed: SearchResult[] = [];
    const json = batchAnswerJson(results, (r) => {
      handed.push(r);
      return '{"outcome":"error"}';
    });
    expect(handed).toEqual([results[2]]);
    expect(JSON.parse(json)).toEqual({ results: [results[0], results[1], { outcome: 'error' }] });
  });

  it('numbers the stream\'s lines', () => {
    const noHit: SearchResult = { ref: 'r', outcome: 'no_hit', query: { number: 'AB123', issuingState: null } };
    expect(JSON.parse(streamLineJson(7, noHit))).toEqual({ line: 7, ...noHit });
    const error: SearchResult = { outcome: 'error', error: { code: 'request.malformed', message: 'line 8: not valid JSON' } };
    expect(JSON.parse(streamLineJson(8, error))).toEqual({ line: 8, ...error });
  });
});

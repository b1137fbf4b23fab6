import fc from 'fast-check';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { readBatchBody, readSearchItem } from './batch-body.js';
import { BatchSearchBody, SearchItem } from './schema.js';

const schema = Compile(BatchSearchBody);
const itemSchema = Compile(SearchItem);
const space = fc.constantFrom('', ' ', '\n', '\t', '\r\n  ');
/** Printable ASCII that JSON writes without escapes (no quote, no backslash). */
const ascii = (min: number, max: number) => fc.string({ unit: fc.integer({ min: 32, max: 126 }).filter((c) => c !== 34 && c !== 92).map((c) => String.fromCharCode(c)), minLength: min, maxLength: max });

/** Bodies of the common shape, with JSON's freedoms: whitespace anywhere, keys in any order, optional ref and location. */
const commonBody = fc.record({
  items: fc.array(fc.record({ number: ascii(1, 60), issuingState: ascii(1, 3), ref: ascii(0, 100) }, { requiredKeys: [] }), { maxLength: 20 }),
  location: ascii(1, 100),
}, { requiredKeys: ['items'] });

function withSpaces(value: unknown, gaps: string[]): string {
  let k = 0;
  const gap = () => gaps[k++ % gaps.length] ?? '';
  const write = (v: unknown): string => {
    if (Array.isArray(v)) return `[${gap()}${v.map((x) => `${write(x)}${gap()}`).join(`,${gap()}`)}]`;
    if (typeof v === 'object' && v !== null) return `{${gap()}${Object.entries(v).map(([key, x]) => `${JSON.stringify(key)}${gap()}:${gap()}${write(x)}`).join(`${gap()},${gap()}`)}${gap()}}`;
    return JSON.stringify(v);
  };
  return `${gap()}${write(value)}${gap()}`;
}

describe('a batch body read in one pass', () => {
  it('reads every body of the common shape exactly as JSON.parse does', () => {
    fc.assert(fc.property(commonBody, fc.array(space, { minLength: 1, maxLength: 5 }), (body, gaps) => {
      const text = withSpaces(body, gaps);
      const read = readBatchBody(text);
      expect(read).toEqual(JSON.parse(text));
      expect(schema.Check(read)).toBe(true);
    }), { numRuns: 500 });
  });

  it('never accepts a body the schema refuses, nor reads one differently from JSON.parse', () => {
    const anyValue = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.constant('é'), fc.constant('a"b'), fc.constant('x'.repeat(61)), fc.constant(''));
    const looseItem = fc.dictionary(fc.constantFrom('number', 'issuingState', 'ref', 'mrz', '__proto__', 'Number'), anyValue, { maxKeys: 4 });
    const looseBody = fc.dictionary(fc.constantFrom('items', 'location', 'extra'), fc.oneof(fc.array(fc.oneof(looseItem, anyValue), { maxLength: 5 }), anyValue), { maxKeys: 3 });
    fc.assert(fc.property(looseBody, fc.array(space, { minLength: 1, maxLength: 3 }), fc.nat(), (body, gaps, cut) => {
      const whole = withSpaces(body, gaps);
      for (const text of [whole, whole.slice(0, cut % (whole.length + 1)), `${whole}x`]) {
        const read = readBatchBody(text);
        if (read === undefined) continue;
        expect(read).toEqual(JSON.parse(text));
        expect(schema.Check(read)).toBe(true);
      }
    }), { numRuns: 1000 });
  });

  it('leaves to the ordinary path what it does not read itself', () => {
    for (const text of [
      '{"items":[{"number":"A\\u0031"}]}', // an escape
      '{"items":[{"number":"ÄB1"}]}', // not ASCII
      '{"items":[{"mrz":"P<GBR"}]}', // an MRZ
      '{"items":[{"number":"AB1","number":"AB2"}]}', // a key twice
      '{"items":[{"number":123}]}', // not a string
      '{"items":[{"number":""}]}', // shorter than the schema allows
      `{"items":[{"issuingState":"GBRX"}]}`, // longer
      '{"items":[],"items":[]}',
      '{"items":[{"number":"A"}]} x',
      '{"items":[{"number":"A"},]}',
      '{"location":"","items":[]}',
      '[]',
      '',
    ]) expect(readBatchBody(text), text).toBeUndefined();
    expect(readBatchBody('{"items":[]}')).toEqual({ items: [] }); // the service answers document.batch_empty
    expect(readBatchBody('{"items":[{}]}')).toEqual({ items: [{}] }); // and this one "give a document number or an MRZ"
  });

  it('reads one search (a line of the NDJSON stream) the same way, and nothing around it', () => {
    const item = fc.record({ number: ascii(1, 60), issuingState: ascii(1, 3), ref: ascii(0, 100) }, { requiredKeys: [] });
    fc.assert(fc.property(item, fc.array(space, { minLength: 1, maxLength: 4 }), (value, gaps) => {
      const text = withSpaces(value, gaps);
      const read = readSearchItem(text);
      expect(read).toEqual(JSON.parse(text));
      expect(itemSchema.Check(read)).toBe(true);
    }), { numRuns: 300 });
    for (const text of ['{"number":"A"} {"number":"B"}', '{"number":"A"},', '[{"number":"A"}]', '{"mrz":"P<GBR"}', '{"number":"A\\"}', '']) expect(readSearchItem(text), text).toBeUndefined();
  });
});

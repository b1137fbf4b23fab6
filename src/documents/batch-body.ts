import { BatchSearchBody, SearchItem } from './schema.js';

/*
 * A batch body read in one pass. Nearly every batch a border system sends
 * has one shape — {"items":[{"number":"…","issuingState":"…"},…]} — and for
 * 1,000 items JSON.parse (which files every short string in V8's string
 * table) and then the schema cost more than the lookups. This reader accepts
 * only that shape, strictly: the keys `items` and `location`; items with
 * `number`, `issuingState` and `ref`, each a string of printable ASCII
 * without escapes, within the schema's lengths; no key twice. It builds
 * exactly what JSON.parse would. On anything else it answers undefined and
 * the body takes the ordinary path (JSON.parse, then the schema), which also
 * words every error.
 */

type Limits = { minLength?: number; maxLength?: number };
/** The schema's own length limits, so this reader never accepts what the schema refuses. */
const limits = (schema: unknown): Required<Limits> => {
  const { minLength = 0, maxLength = Infinity } = schema as Limits;
  return { minLength, maxLength };
};
const NUMBER = limits(SearchItem.properties.number);
const STATE = limits(SearchItem.properties.issuingState);
const REF = limits(SearchItem.properties.ref);
const LOCATION = limits(BatchSearchBody.properties.location);

const within = (value: string, l: Required<Limits>) => value.length >= l.minLength && value.length <= l.maxLength;

/** A cursor over one text, reading the accepted shape's parts; each answers null (or false) where the shape is left. */
function reader(text: string) {
  let i = 0;
  const skip = () => {
    let c = text.charCodeAt(i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
    return c;
  };
  const take = (code: number) => {
    if (skip() !== code) return false;
    i++;
    return true;
  };
  /** A string of printable ASCII without escapes; null for anything else (escapes, control, non-ASCII, the end). */
  const string = (): string | null => {
    if (!take(34)) return null;
    const start = i;
    for (let c = text.charCodeAt(i); c !== 34; c = text.charCodeAt(++i)) {
      if (!(c >= 32 && c < 127) || c === 92) return null;
    }
    return text.slice(start, i++);
  };
  const item = (): SearchItem | null => {
    if (!take(123)) return null;
    const out: SearchItem = {};
    if (take(125)) return out;
    do {
      const key = string();
      if (!take(58)) return null;
      const value = string();
      if (value === null) return null;
      if (key === 'number' && out.number === undefined && within(value, NUMBER)) out.number = value;
      else if (key === 'issuingState' && out.issuingState === undefined && within(value, STATE)) out.issuingState = value;
      else if (key === 'ref' && out.ref === undefined && within(value, REF)) out.ref = value;
      else return null;
    } while (take(44));
    return take(125) ? out : null;
  };
  const items = (): SearchItem[] | null => {
    if (!take(91)) return null;
    const out: SearchItem[] = [];
    if (take(93)) return out;
    do {
      const one = item();
      if (!one) return null;
      out.push(one);
    } while (take(44));
    return take(93) ? out : null;
  };
  const atEnd = () => {
    skip();
    return i === text.length;
  };
  return { take, string, item, items, atEnd };
}

/** One search as JSON.parse would give it (a line of the NDJSON stream), already valid against SearchItem; or undefined. */
export function readSearchItem(text: string): SearchItem | undefined {
  const r = reader(text);
  const item = r.item();
  return item && r.atEnd() ? item : undefined;
}

/** The body as JSON.parse would give it, already valid against BatchSearchBody; or undefined for the ordinary path. */
export function readBatchBody(text: string): BatchSearchBody | undefined {
  const { take, string, items, atEnd } = reader(text);
  if (!take(123)) return undefined;
  let found: SearchItem[] | undefined;
  let location: string | undefined;
  do {
    const key = string();
    if (!take(58)) return undefined;
    if (key === 'items' && found === undefined) {
      found = items() ?? undefined;
      if (!found) return undefined;
    } else if (key === 'location' && location === undefined) {
      const value = string();
      if (value === null || !within(value, LOCATION)) return undefined;
      location = value;
    } else {
      return undefined;
    }
  } while (take(44));
  if (!take(125) || found === undefined || !atEnd()) return undefined;
  return location === undefined ? { items: found } : { items: found, location };
}

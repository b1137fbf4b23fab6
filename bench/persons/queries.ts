/** The screening queries: a border check's mix of travellers, exact names, other spellings and other scripts. */
import type { ScreenBody } from '../../src/persons/schema.js';
import type { Culture } from './cultures.js';
import { STREAM_QUERIES, STREAM_RECORDS, STREAM_TRAVELLERS, fullDate, generate, mix32, mulberry32, pad, render, type GenPerson, type NameParts, type Rng } from './generation.js';
import { N } from './options.js';

// ---------------------------------------------------------------------------
// Queries: a border check's mix
// ---------------------------------------------------------------------------

export type Category = 'traveller' | 'exact' | 'spelling' | 'script';
export const MIX: readonly (readonly [Category, number])[] = [['traveller', 0.85], ['exact', 0.05], ['spelling', 0.05], ['script', 0.05]];
export const CATEGORY_LABEL: Readonly<Record<Category, string>> = {
  traveller: 'traveller not in the database',
  exact: 'a record\'s name as stored',
  spelling: 'spelled differently',
  script: 'in the other script',
};

export interface Query {
  category: Category;
  body: ScreenBody;
  /** The record looked for (index into the generated persons), or -1 for a traveller. */
  target: number;
}

export const LATIN_LETTERS = 'abcdefghiklmnoprstuvz';
export function typo(s: string, rnd: Rng): string {
  if (s.length < 4) return s;
  const at = 1 + Math.floor(rnd() * (s.length - 2));
  const letter = LATIN_LETTERS[Math.floor(rnd() * LATIN_LETTERS.length)]!;
  const kind = Math.floor(rnd() * 4);
  if (kind === 0) return s.slice(0, at) + letter + s.slice(at + 1);
  if (kind === 1) return s.slice(0, at) + s.slice(at + 1);
  if (kind === 2) return s.slice(0, at) + letter + s.slice(at);
  return s.slice(0, at) + s[at + 1]! + s[at]! + s.slice(at + 2);
}

/** A name as someone types it: native or Latin, given or family first, patronymic kept or not, upper case as on a passport. */
export function queryName(g: NameParts & { culture: Culture }, native: boolean, spelling: number, rnd: Rng, opts: { exactOrder?: boolean } = {}): string {
  const given = render(g.given, native, spelling);
  const patronymic = rnd() < 0.5 || opts.exactOrder ? render(g.patronymic, native, spelling) : undefined;
  const family = render(g.family, native, spelling);
  if (opts.exactOrder) return [given, patronymic, family].filter((x) => x !== undefined).join(' ');
  if (native && g.culture.shape === 'east-asian') return rnd() < 0.6 ? `${family ?? ''}${given ?? ''}` : `${family ?? ''} ${given ?? ''}`;
  const r = rnd();
  const text = r < 0.2 ? `${family ?? ''}, ${[given, patronymic].filter((x) => x !== undefined).join(' ')}`
    : r < 0.35 ? [family, given, patronymic].filter((x) => x !== undefined).join(' ')
      : [given, patronymic, family].filter((x) => x !== undefined).join(' ');
  return !native && rnd() < 0.3 ? text.toUpperCase() : text;
}

export function queryBody(name: string, g: GenPerson, rnd: Rng, full: boolean): ScreenBody {
  const b = g.birth;
  const r = rnd();
  // A passport gives the full date; a desk enquiry sometimes less, and a date is sometimes entered day and month swapped.
  const birthDate = full || r < 0.75 ? fullDate(b) : r < 0.8 && b.d <= 12 ? `${b.y}-${pad(b.d)}-${pad(b.m)}` : r < 0.9 ? `${b.y}` : undefined;
  return {
    names: [name],
    ...(birthDate === undefined ? {} : { birthDate }),
    ...(rnd() < 0.9 ? { sex: g.female ? 'F' : 'M' } : {}),
    ...(full || rnd() < 0.8 ? { nationality: g.nationality } : {}),
    location: 'CDG Terminal 2',
  };
}

export function buildQueries(count: number): Query[] {
  const out: Query[] = [];
  let probe = 0;
  const nextTarget = (accept: (g: GenPerson) => boolean): { i: number; g: GenPerson } => {
    for (;;) {
      const i = mix32(STREAM_QUERIES, 1_000_000 + probe++) % N;
      const g = generate(STREAM_RECORDS, i);
      if (accept(g)) return { i, g };
    }
  };
  for (let k = 0; k < count; k++) {
    const rnd = mulberry32(mix32(STREAM_QUERIES, k));
    let x = rnd();
    let category: Category = 'traveller';
    for (const [c, share] of MIX) { x -= share; if (x <= 0) { category = c; break; } }
    if (category === 'traveller') {
      const g = generate(STREAM_TRAVELLERS, k);
      const native = g.culture.nativeShare > 0 && rnd() < 0.15;
      out.push({ category, target: -1, body: queryBody(queryName(g, native, g.spelling, rnd), g, rnd, true) });
    } else if (category === 'exact') {
      const { i, g } = nextTarget(() => true);
      out.push({ category, target: i, body: queryBody(queryName(g, g.native, g.spelling, rnd, { exactOrder: true }), g, rnd, false) });
    } else if (category === 'spelling') {
      const { i, g } = nextTarget((p) => !p.native);
      // Another usual spelling where the name has one; otherwise a typing error in one part.
      const alt = g.spelling + 1;
      const differs = [...g.given, ...g.patronymic, ...g.family].some((p) => p.latin[alt % p.latin.length] !== p.latin[g.spelling % p.latin.length]);
      let name = queryName(g, false, differs ? alt : g.spelling, rnd);
      if (!differs) {
        const words = name.split(' ');
        const w = words.reduce((best, s, j) => (s.length > words[best]!.length ? j : best), 0);
        words[w] = typo(words[w]!, rnd);
        name = words.join(' ');
      }
      out.push({ category, target: i, body: queryBody(name, g, rnd, false) });
    } else {
      const { i, g } = nextTarget((p) => p.culture.nativeShare > 0);
      // Stored in its own script: asked in Latin (any usual spelling); stored in Latin: asked in its own script.
      const name = g.native ? queryName(g, false, Math.floor(rnd() * 3), rnd) : queryName(g, true, 0, rnd);
      out.push({ category, target: i, body: queryBody(name, g, rnd, false) });
    }
  }
  return out;
}

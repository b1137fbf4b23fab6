/**
 * Tolerance for document numbers read by machines (OCR-B readers at the
 * border, phone cameras): characters an OCR engine confuses are put in one
 * confusion class, and every member of a class is mapped to one
 * representative. Two numbers that differ only by confusable characters then
 * have the same canonical key, which is what an OCR-tolerant index is keyed on
 * (and what a membership filter in front of it must be keyed on too, or a
 * misread number is answered "definitely absent").
 *
 * Input is expected to be a normalised number (see `normaliseDocumentNumber`:
 * A-Z and 0-9). Any other character is its own class and passes unchanged.
 *
 * THE CLASSES, and why there are no more of them.
 *
 * A canonical match is only a *possible* hit: every class merges characters,
 * so more numbers collide and the database has more candidates to reject and
 * officers more near-misses to look at. For two random 9-character A-Z0-9
 * numbers the chance that a position matches is sum(|class|^2) / 36^2: 36 with
 * no classes, 62 with the six classes below. Each further pair of characters
 * adds 2, so multiplies the chance of a whole-number collision by about
 * (64/62)^9 = 1.33 — a third more false possible hits per pair, paid on every
 * search. A class earns its place only when the confusion is common in
 * machine reads.
 *
 *   {0, O, Q, D}  round shapes; the most frequent MRZ misread. D is here
 *                 because its straight back is lost on worn or low-resolution
 *                 prints.
 *   {1, I, L}     vertical strokes. L is here because an engine that emits a
 *                 lower-case `l` for `1` or `I` is upper-cased to `L` by
 *                 normalisation.
 *   {5, S}, {8, B}, {2, Z}, {6, G}
 *                 letter/digit pairs of near-identical outline.
 *
 * These six are the substitutions MRZ readers commonly apply to document
 * number fields (O/Q/D→0, I/L→1, Z→2, S→5, G→6, B→8).
 *
 * Considered and left out:
 *   {U, V}  distinct in OCR-B (U has a rounded bottom, V a point); confused in
 *           handwriting and some serif visual-zone fonts, not by MRZ readers.
 *           Both are letters, so merging them would also make letter-prefixed
 *           series (U…, V…) of the same issuer collide wholesale.
 *   {T, 7}  in OCR-B the 7 is a bare diagonal under a bar, the T a centred
 *           stem; a handwriting confusion (typed-in reports), not an OCR one.
 *   {A, 4}  occasionally confused in low-resolution camera reads, but far
 *           less often than the six classes above; not worth a third more
 *           false possible hits on every search.
 * Other real misreads (3/8, 1/7, 5/6, C/G, E/F, M/N, H/N) are left to the
 * MRZ check digits and a re-scan.
 *
 * Design rule kept by these choices: no class holds two digits, so numbers
 * made only of digits (most of the database) never collide with one another,
 * and the representative of each class is its digit, so an all-digit number
 * is its own canonical key.
 *
 * Changing the classes changes canonical keys: anything stored under them (an
 * index, a membership filter) must be rebuilt.
 */

/** The confusion classes; the first member of each is its representative. */
export const OCR_CONFUSION_CLASSES: readonly (readonly string[])[] = [
  ['0', 'O', 'Q', 'D'],
  ['1', 'I', 'L'],
  ['5', 'S'],
  ['8', 'B'],
  ['2', 'Z'],
  ['6', 'G'],
];

/** Char code → char code of its class representative, for ASCII. */
const CANONICAL = new Uint8Array(128).map((_, i) => i);
for (const members of OCR_CONFUSION_CLASSES) {
  const representative = members[0]!.charCodeAt(0);
  for (const member of members) CANONICAL[member.charCodeAt(0)] = representative;
}

function canonicalCode(c: number): number {
  return c < 128 ? CANONICAL[c]! : c;
}

/** The members of `character`'s confusion class (just itself when it has none). */
export function ocrClassOf(character: string): readonly string[] {
  return OCR_CONFUSION_CLASSES.find((members) => members.includes(character)) ?? [character];
}

/** The canonical key: every character replaced by its class representative. */
export function ocrCanonical(number: string): string {
  let changed = -1;
  for (let i = 0; i < number.length; i++) {
    const c = number.charCodeAt(i);
    if (canonicalCode(c) !== c) {
      changed = i;
      break;
    }
  }
  if (changed < 0) return number; // already canonical: no copy
  let out = number.slice(0, changed);
  for (let i = changed; i < number.length; i++) out += String.fromCharCode(canonicalCode(number.charCodeAt(i)));
  return out;
}

/** Whether the two numbers differ only by confusable characters. */
export function ocrEquivalent(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (canonicalCode(a.charCodeAt(i)) !== canonicalCode(b.charCodeAt(i))) return false;
  }
  return true;
}

export interface OcrDifference {
  /** 0-based index into both numbers. */
  readonly position: number;
  /** The character in the query (what was read). */
  readonly read: string;
  /** The character in the recorded number. */
  readonly recorded: string;
}

/**
 * How a query differs from a recorded number: `null` when they are not
 * OCR-equivalent (different lengths, or a difference that is not a
 * confusion), else the positions read differently, in order (empty when the
 * two are identical).
 */
export function ocrDifferences(query: string, recorded: string): OcrDifference[] | null {
  if (query.length !== recorded.length) return null;
  const differences: OcrDifference[] = [];
  for (let i = 0; i < query.length; i++) {
    const q = query.charCodeAt(i);
    const r = recorded.charCodeAt(i);
    if (q === r) continue;
    if (canonicalCode(q) !== canonicalCode(r)) return null;
    differences.push({ position: i, read: query[i]!, recorded: recorded[i]! });
  }
  return differences;
}

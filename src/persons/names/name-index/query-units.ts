/**
 * What a screening looks up: the query's names, each with its alternative segmentation (a Chinese or
 * Korean name written as one token, and as surname + given name), and their units — the parts, any two
 * parts written together, and glued particles taken apart — each with its weight per segmentation.
 */
import { analyzePart, type AnalyzedPart } from '../match.js';
import { normalizeName, type NormalizedName, type Script } from '../normalize.js';
import { phoneticForm, skeleton } from '../phonetic.js';
import { isChineseSurname } from '../translit/han.js';
import { isKoreanSurname } from '../translit/hangul.js';

/** Leading particles a query part may carry glued on (Abdulrahman, Alhassan, Vandermeer): tried apart too. */
const GLUED_PREFIXES = ['abdul', 'abdel', 'abdal', 'abdur', 'abdar', 'abd', 'abu', 'abou', 'al', 'el', 'ul', 'bin', 'ben', 'van', 'von', 'de', 'di', 'mac', 'mc', 'fitz'];

export interface Unit {
  readonly part: AnalyzedPart;
  /** The credit a name found by this unit gets (its greatest weight in any of the query's segmentations). */
  weight: number;
  /** Per segmentation of the query (index into the prepared names) holding this unit: its weight there. */
  readonly weightIn: Map<number, number>;
  /** Two of the query's parts written together (looked up more strictly). */
  readonly joined: boolean;
}

export interface PreparedName {
  readonly parts: readonly AnalyzedPart[];
  readonly queryName: number;
}

/** Alternative segmentation of a Chinese or Korean name written as one token: surname + given name. */
export function splitSurname(name: NormalizedName): string[] | null {
  if (name.parts.length !== 1) return null;
  const chars = Array.from(name.parts[0]!);
  if (chars.length < 2 || chars.length > 4) return null;
  const first = chars[0]!;
  if (name.script === 'han' && isChineseSurname(first)) return [first, chars.slice(1).join('')];
  if (name.script === 'korean' && isKoreanSurname(first)) return [first, chars.slice(1).join('')];
  return null;
}

/** The query's names analysed, each followed by its alternative segmentation when it has one. */
export function prepareQuery(names: readonly string[]): PreparedName[] {
  const prepared: PreparedName[] = [];
  names.forEach((raw, qi) => {
    const n = normalizeName(raw);
    prepared.push({ parts: n.parts.map((p) => analyzePart(p, n.script)), queryName: qi });
    const split = splitSurname(n);
    if (split) prepared.push({ parts: split.map((p) => analyzePart(p, n.script)), queryName: qi });
  });
  return prepared;
}

/** The units a query looks up: its parts, adjacent parts written together, and glued particles taken apart. */
export function queryUnits(prepared: readonly PreparedName[]): Unit[] {
  const units: Unit[] = [];
  const at = new Map<string, Unit>();
  let segmentation = 0;
  // A part twice in one name (Hasan Hasan, Mohammed Mohammed) is one unit worth both.
  const add = (part: AnalyzedPart, weight: number, joined = false): void => {
    if (part.initial) return;
    const key = `${part.script}:${part.text}:${joined}`;
    let unit = at.get(key);
    if (!unit) { unit = { part, weight: 0, weightIn: new Map(), joined }; at.set(key, unit); units.push(unit); }
    const total = (unit.weightIn.get(segmentation) ?? 0) + weight;
    unit.weightIn.set(segmentation, total);
    if (total > unit.weight) unit.weight = total;
  };
  for (const [index, { parts }] of prepared.entries()) {
    segmentation = index;
    for (const p of parts) {
      add(p, p.weight);
      const first = p.pforms[0] ?? '';
      for (const prefix of GLUED_PREFIXES) {
        if (p.script === 'latin' && first.startsWith(prefix) && first.length - prefix.length >= 3) {
          add(syntheticPart(first.slice(prefix.length), p.script, p.weight), p.weight);
          break;
        }
      }
    }
    // Any two parts written together, either way (not only neighbours: the order of parts carries nothing).
    if (parts.length >= 2 && parts.length <= 4) {
      for (let i = 0; i < parts.length; i++) {
        for (let j = i + 1; j < parts.length; j++) {
          const a = parts[i]!;
          const b = parts[j]!;
          if (a.initial || b.initial) continue;
          add(joinedPart(a, b), a.weight + b.weight, true);
          add(joinedPart(b, a), a.weight + b.weight, true);
        }
      }
    }
  }
  return units;
}

function syntheticPart(form: string, script: Script, weight: number): AnalyzedPart {
  const pf = phoneticForm(form);
  return { text: form, script, pforms: [pf], skels: [skeleton(pf)], classes: [], initial: false, weight };
}

function joinedPart(a: AnalyzedPart, b: AnalyzedPart): AnalyzedPart {
  const pforms: string[] = [];
  for (const x of a.pforms.slice(0, 2)) for (const y of b.pforms.slice(0, 2)) {
    const p = phoneticForm(x + y);
    if (!pforms.includes(p)) pforms.push(p);
  }
  return { text: a.text + b.text, script: a.script, pforms, skels: pforms.map(skeleton), classes: [], initial: false, weight: a.weight + b.weight };
}

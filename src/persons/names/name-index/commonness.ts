/**
 * Commonness of a name (decisions 0006 and 0009): how many persons bear the query's name, counted by
 * name key over the whole index, and the factor an unconfirmed score is multiplied by.
 */
import type { AnalyzedPart } from '../match.js';
import { IntMap } from '../postings.js';

/** A name scoring this much is the query's name (same spelling, script or sound). */
export const SAME_NAME = 0.97;
/**
 * So many persons bearing the query's name make it common: unconfirmed by a birth date, its score is
 * multiplied by `factor`, and by `step` less each time the namesakes double again, down to `floor`
 * (5–9 namesakes ×0.85, 10–19 ×0.80, 20 or more ×0.78): the more persons bear a name, the more of them
 * a traveller of that name meets by chance (decision 0009). The floor keeps a record of the very name
 * with no birth date in view (1 × 0.9 × 0.78 ≥ 0.7, the least score shown), never a hit.
 */
const COMMON_NAME = { namesakes: 5, factor: 0.85, step: 0.05, floor: 0.78 } as const;

/** The commonness factor for `namesakes` persons bearing the name (1 below COMMON_NAME.namesakes). */
export function commonNameFactor(namesakes: number): number {
  if (namesakes < COMMON_NAME.namesakes) return 1;
  const doublings = Math.floor(Math.log2(namesakes / COMMON_NAME.namesakes));
  return Math.max(COMMON_NAME.floor, Math.round((COMMON_NAME.factor - COMMON_NAME.step * doublings) * 100) / 100);
}

/**
 * A name's key for counting namesakes: the first phonetic form of each part, sorted (so the order of
 * the parts and the script do not matter: Wang Wei, WEI Wang and 王 伟 share it), hashed to 32 bits.
 */
export function nameKey(parts: readonly AnalyzedPart[]): number {
  const forms = parts.map((p) => p.pforms[0] ?? p.text).sort();
  let h = 0x811c9dc5;
  for (const f of forms) {
    for (let i = 0; i < f.length; i++) h = Math.imul(h ^ f.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x20, 0x01000193);
  }
  return (h >>> 0) === 0xffffffff ? 0 : h >>> 0;
}
/** A person of the other sex: the score is multiplied by this. */

/** Name key → how many persons bear a name of that key (each person once): an IntMap of 32-bit hashes. */
export class NamesakeCount {
  private readonly count = new IntMap(1 << 12);

  get(key: number): number {
    return this.count.get(key) ?? 0;
  }

  add(keys: Iterable<number>): void {
    for (const key of keys) this.count.set(key, this.get(key) + 1);
  }

  remove(keys: Iterable<number>): void {
    for (const key of keys) {
      const n = this.get(key);
      if (n <= 1) this.count.delete(key);
      else this.count.set(key, n - 1);
    }
  }

  bytes(): number {
    return this.count.bytes();
  }
}

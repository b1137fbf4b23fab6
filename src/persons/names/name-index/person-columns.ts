/**
 * The persons of the name index, by slot, in typed columns: the caller's id, the birth date as an
 * interval with its precision, sex, two nationalities, and the person's name slots. What birth date,
 * sex and nationality make of a score is read here.
 */
import { BIRTH_FACTORS, parseBirthDate, type BirthDate } from '../birth-date.js';
import { NameError } from '../errors.js';
import { grow, IntMap, PostingArena } from '../postings.js';
import type { PersonNames, Sex } from './types.js';

/** A person of the other sex: the score is multiplied by this. */
export const SEX_DIFFERS = 0.85;
/** No nationality in common: the score is multiplied by this. */
export const NATIONALITY_DIFFERS = 0.97;
export const MAX_PERSON_ID = 0xfffffffe;

/** Precision codes of the packed birth column; 0 = none. */
const PRECISIONS = ['day', 'month', 'year', 'range'] as const;
const SEX_CODE: Readonly<Record<Sex, number>> = { M: 1, F: 2, X: 3 };

export type Agreement = 'agrees' | 'differs' | 'unknown';

export function sexCode(sex: Sex | undefined): number {
  if (sex === undefined) return 0;
  const code = SEX_CODE[sex] as number | undefined;
  if (code === undefined) throw new NameError('person.sex_invalid', 'sex must be M, F or X');
  return code;
}

export function encodeCountry(code: string): number {
  if (!/^[A-Z]{3}$/u.test(code)) throw new NameError('person.nationality_invalid', `"${code}" is not an ISO 3166-1 alpha-3 code`);
  return ((code.charCodeAt(0) - 64) << 10) | ((code.charCodeAt(1) - 64) << 5) | (code.charCodeAt(2) - 64);
}

/** A person's birth date, sex and nationalities, checked and coded. */
export interface PersonFacts {
  readonly birth: BirthDate | undefined;
  readonly sex: number;
  readonly nat: readonly [number, number];
}

export function personFacts(person: PersonNames): PersonFacts {
  const birth = person.birthDate === undefined ? undefined : parseBirthDate(person.birthDate);
  const nats = (person.nationalities ?? []).map(encodeCountry);
  return { birth, sex: sexCode(person.sex), nat: [nats[0] ?? 0, nats[1] ?? 0] };
}

export class PersonColumns {
  private readonly slotOf = new IntMap(1 << 12);
  private personId = new Uint32Array(1 << 10);
  private birthFrom = new Int32Array(1 << 10);
  private birthTo = new Int32Array(1 << 10);
  /** low 3 bits: birth precision code; bits 3–4: sex code. */
  private flags = new Uint8Array(1 << 10);
  private nat = new Uint16Array(1 << 11);
  /** Per person slot: its name slots. */
  readonly names = new PostingArena(1 << 12, 1 << 10);
  private readonly free: number[] = [];
  private top = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  slot(personId: number): number | undefined {
    return this.slotOf.get(personId);
  }

  id(slot: number): number {
    return this.personId[slot]!;
  }

  add(personId: number, facts: PersonFacts): number {
    const slot = this.free.pop() ?? this.top++;
    this.personId = grow(this.personId, slot + 1, (k) => new Uint32Array(k));
    this.birthFrom = grow(this.birthFrom, slot + 1, (k) => new Int32Array(k));
    this.birthTo = grow(this.birthTo, slot + 1, (k) => new Int32Array(k));
    this.flags = grow(this.flags, slot + 1, (k) => new Uint8Array(k));
    this.nat = grow(this.nat, (slot + 1) * 2, (k) => new Uint16Array(k));
    this.slotOf.set(personId, slot);
    this.personId[slot] = personId;
    const b = facts.birth;
    this.birthFrom[slot] = b ? b.from : 0;
    this.birthTo[slot] = b ? b.to : 0;
    this.flags[slot] = (b ? PRECISIONS.indexOf(b.precision) + 1 : 0) | (facts.sex << 3);
    this.nat[slot * 2] = facts.nat[0];
    this.nat[slot * 2 + 1] = facts.nat[1];
    this.count++;
    return slot;
  }

  /** Frees a person's slot (its names must have been removed). */
  remove(personId: number, slot: number): void {
    this.slotOf.delete(personId);
    this.free.push(slot);
    this.count--;
  }

  birthOf(slot: number): BirthDate | undefined {
    const code = this.flags[slot]! & 7;
    if (code === 0) return undefined;
    const precision = PRECISIONS[code - 1]!;
    const from = this.birthFrom[slot]!;
    const to = this.birthTo[slot]!;
    if (precision === 'range') return { precision, from, to };
    const d = new Date(from * 86_400_000);
    const year = d.getUTCFullYear();
    if (precision === 'year') return { precision, from, to, year };
    if (precision === 'month') return { precision, from, to, year, month: d.getUTCMonth() + 1 };
    return { precision, from, to, year, month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }

  /**
   * What birth date and sex make of a name's pre-rank, cheaply (intervals only, no explanation):
   * the same weights as the full score's, with an exact date a little above an agreeing one.
   */
  quickAgreement(slot: number, qBirth: BirthDate | undefined, qSex: number): number {
    let f = 1;
    if (qBirth !== undefined && (this.flags[slot]! & 7) === 0) f = BIRTH_FACTORS.missing;
    else if (qBirth !== undefined) {
      const from = this.birthFrom[slot]!;
      const to = this.birthTo[slot]!;
      if (qBirth.from <= to && from <= qBirth.to) f = qBirth.from === qBirth.to && from === to ? 1.05 : 1;
      else f = (qBirth.to < from ? from - qBirth.to : qBirth.from - to) <= 366 ? BIRTH_FACTORS.near : BIRTH_FACTORS.conflict;
    }
    const rSex = (this.flags[slot]! >> 3) & 3;
    if (qSex !== 0 && qSex !== 3 && rSex !== 0 && rSex !== 3 && qSex !== rSex) f *= SEX_DIFFERS;
    return f;
  }

  sex(slot: number, qSex: number): Agreement {
    const rSex = (this.flags[slot]! >> 3) & 3;
    return qSex === 0 || rSex === 0 || qSex === 3 || rSex === 3 ? 'unknown' : qSex === rSex ? 'agrees' : 'differs';
  }

  nationality(slot: number, qNat: readonly number[]): Agreement {
    const rNat = [this.nat[slot * 2]!, this.nat[slot * 2 + 1]!].filter((x) => x !== 0);
    return qNat.length === 0 || rNat.length === 0 ? 'unknown' : qNat.some((x) => rNat.includes(x)) ? 'agrees' : 'differs';
  }

  bytes(): number {
    return this.slotOf.bytes() + this.personId.byteLength + this.birthFrom.byteLength + this.birthTo.byteLength + this.flags.byteLength + this.nat.byteLength + this.names.bytes();
  }
}

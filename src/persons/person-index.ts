import type { EventBus } from '../bus/bus.js';
import type { Executor } from '../storage/database.js';
import { NameIndex, isNameError, type Candidate, type PersonNames, type ScreeningOptions, type ScreeningQuery } from './names/index.js';
import type { StoredName } from './schema.js';
import { personStore } from './store.js';
import { engineRecord } from './validate.js';

/** A change to the persons the index holds, as it travels on the bus (so every hub process applies it). */
export type PersonChange =
  | { op: 'put'; seq: number; person: PersonNames }
  | { op: 'putMany'; people: readonly { seq: number; person: PersonNames }[] }
  | { op: 'remove'; seq: number };

/** A bulk import announces its batches in `putMany` pieces of at most this many persons and about this many bytes (NATS refuses messages over 1 MiB by default). */
export const PUT_MANY_LIMITS = { persons: 1000, bytes: 256 * 1024 } as const;

export const PERSON_CHANGE_TOPIC = 'persons.changed';

export interface PersonIndexLog {
  warn(details: Record<string, unknown>, message: string): void;
}

/**
 * The name index of every active person, held in memory by each hub process:
 * built from the database at start, kept current through `persons.changed`
 * events. A screening asks it alone (never the persons table) for its
 * candidates; the database is then read for those few, by key.
 */
export class PersonIndex {
  private skipped = 0;

  private constructor(
    private readonly names: NameIndex,
    private readonly log: PersonIndexLog,
  ) {}

  static async build(db: Executor, bus?: EventBus, log: PersonIndexLog = { warn: () => {} }): Promise<PersonIndex> {
    const index = new PersonIndex(new NameIndex(), log);
    // Listen before reading, so a person another process adds meanwhile is not missed (a put replaces).
    bus?.subscribe(PERSON_CHANGE_TOPIC, (_topic, payload) => index.apply(payload as PersonChange));
    for await (const page of personStore.active(db)) {
      for (const row of page) {
        index.put(row.seq, engineRecord({ names: JSON.parse(row.names) as StoredName[], birthDate: row.birth_date, sex: row.sex, nationalities: JSON.parse(row.nationalities) as string[] }));
      }
    }
    // What resembles the commonest parts, searched once now rather than by the first screenings that ask.
    index.names.warm();
    return index;
  }

  apply(change: PersonChange): void {
    if (change.op === 'put') this.put(change.seq, change.person);
    else if (change.op === 'putMany') for (const { seq, person } of change.people) this.put(seq, person);
    else this.names.remove(change.seq);
  }

  screen(query: ScreeningQuery, options: ScreeningOptions): Candidate[] {
    return this.names.screen(query, options);
  }

  get size(): number {
    return this.names.size;
  }

  get stats(): { persons: number; names: number; skipped: number; bytes: number; bytesPerName: number } {
    const memory = this.names.memory();
    return { persons: this.names.size, names: this.names.nameCount, skipped: this.skipped, bytes: memory.bytes, bytesPerName: memory.perName };
  }

  /** Adds or replaces a person. One the engine refuses (its rules are stricter than when the record was made) is left out and counted. */
  private put(seq: number, person: PersonNames): void {
    this.names.remove(seq);
    try {
      this.names.add(seq, person);
    } catch (error) {
      if (!isNameError(error)) throw error;
      this.skipped++;
      this.log.warn({ seq, code: error.code }, 'a person was left out of the name index');
    }
  }
}

import type { EventBus } from '../../bus/bus.js';
import type { PersonNames } from '../names/index.js';
import { PERSON_CHANGE_TOPIC, PUT_MANY_LIMITS, type PersonChange } from '../person-index.js';
import { engineRecord } from '../validate.js';
import type { ImportedPerson } from './importer.js';

/**
 * Tells the hubs on the bus of a committed batch, in `putMany` events within
 * `PUT_MANY_LIMITS`, so their screenings find the persons at once.
 */
export async function announcePersons(bus: EventBus, persons: readonly ImportedPerson[]): Promise<void> {
  let people: { seq: number; person: PersonNames }[] = [];
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (people.length > 0) await bus.publish(PERSON_CHANGE_TOPIC, { op: 'putMany', people } satisfies PersonChange);
    people = [];
    bytes = 0;
  };
  for (const { row, input } of persons) {
    const person = engineRecord({ names: input.names, birthDate: input.birth?.text ?? null, sex: input.sex, nationalities: input.nationalities });
    const size = JSON.stringify(person).length + 24;
    if (people.length >= PUT_MANY_LIMITS.persons || (people.length > 0 && bytes + size > PUT_MANY_LIMITS.bytes)) await flush();
    people.push({ seq: row.seq, person });
    bytes += size;
  }
  await flush();
}

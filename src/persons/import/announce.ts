import type { EventBus } from '../../bus/bus.js';
import { PERSON_CHANGE_TOPIC, type PersonChange } from '../person-index.js';
import { engineRecord } from '../validate.js';
import type { ImportedPerson } from './importer.js';

/** Announcements in flight at once: NATS pipelines them, each still acknowledged. */
const IN_FLIGHT = 500;

/**
 * Tells the hubs on the bus of a committed batch, one `persons.changed` put
 * per person (the event the name index takes), so their screenings find the
 * persons at once.
 */
export async function announcePersons(bus: EventBus, persons: readonly ImportedPerson[]): Promise<void> {
  for (let start = 0; start < persons.length; start += IN_FLIGHT) {
    await Promise.all(persons.slice(start, start + IN_FLIGHT).map(({ row, input }) => bus.publish(PERSON_CHANGE_TOPIC, {
      op: 'put',
      seq: row.seq,
      person: engineRecord({ names: input.names, birthDate: input.birth?.text ?? null, sex: input.sex, nationalities: input.nationalities }),
    } satisfies PersonChange)));
  }
}

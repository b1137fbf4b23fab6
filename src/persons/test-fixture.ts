import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../access/permissions.js';
import type { Clock } from '../core/clock.js';
import { ncbOf, ok } from '../hub/test-support.js';
import { startTestHub, type TestHub } from '../hub/testing.js';
import type { Organisation } from '../registry/organisations/schema.js';
import type { Notice, Person, ScreeningResult } from './schema.js';

/**
 * The cast of the persons API tests, on a real hub: the NCBs of the United
 * Kingdom, France and Germany (an operator and an officer each), a British
 * agency its NCB lets keep person records, one it lets only screen, and a
 * French border agency given the travel-documents database only.
 */
export interface PersonsWorld {
  hub: TestHub;
  gbNcb: Organisation;
  frNcb: Organisation;
  deNcb: Organisation;
  gbWriter: Organisation;
  frBorder: Organisation;
  t: {
    admin: string;
    gbOp: string; gbOfficer: string; frOp: string; frOfficer: string; deOp: string; deOfficer: string;
    gbRecords: string; gbSearchOnlyRecords: string; frBorderOfficer: string;
  };
  call(token: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  createPerson(token: string, body: Record<string, unknown>): Promise<Person>;
  screen(token: string, body: Record<string, unknown>): Promise<ScreeningResult>;
  requestNotice(token: string, personId: string, body: Record<string, unknown>): Promise<Notice>;
  /** An API key of an organisation (keys do not expire with the test clock, sessions do). */
  apiKey(orgId: string, permissions: string[]): Promise<string>;
  /** Requested, reviewed and published: a notice in force. */
  publishNotice(ownerToken: string, personId: string, type?: string): Promise<Notice>;
  close(): Promise<void>;
}

export async function personsWorld(options: { clock?: Clock } = {}): Promise<PersonsWorld> {
  const hub = await startTestHub(options.clock ? { clock: options.clock } : {});
  const asAdmin = hub.adminToken;
  const call = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    hub.call(token, { method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const person = async (orgId: string, username: string, roles: Role[]): Promise<string> => {
    const { initialPassword } = await ok<{ initialPassword: string }>(call(asAdmin, 'POST', `/api/v1/organisations/${orgId}/users`, { username, displayName: username, roles }), 201);
    return hub.login(username, initialPassword);
  };
  const agency = async (parent: Organisation, name: string, access: { databases: string[]; writable?: string[] }): Promise<Organisation> => {
    const org = await ok<Organisation>(call(asAdmin, 'POST', '/api/v1/organisations', { kind: 'agency', name, parentId: parent.id, agencyType: 'border' }), 201);
    await ok(call(asAdmin, 'PUT', `/api/v1/organisations/${org.id}/database-access`, access));
    return org;
  };
  const [gbNcb, frNcb, deNcb] = [await ncbOf(hub, 'GB'), await ncbOf(hub, 'FR'), await ncbOf(hub, 'DE')];
  const gbWriter = await agency(gbNcb, 'National Crime Agency', { databases: ['persons'], writable: ['persons'] });
  const gbSearchOnly = await agency(gbNcb, 'Border Force', { databases: ['persons', 'documents'] });
  const frBorder = await agency(frNcb, 'Police aux frontières', { databases: ['documents'] });
  const t = {
    admin: asAdmin,
    gbOp: await person(gbNcb.id, 'gb.operator', ['ncb-operator']),
    gbOfficer: await person(gbNcb.id, 'gb.officer', ['officer']),
    frOp: await person(frNcb.id, 'fr.operator', ['ncb-operator']),
    frOfficer: await person(frNcb.id, 'fr.officer', ['officer']),
    deOp: await person(deNcb.id, 'de.operator', ['ncb-operator']),
    deOfficer: await person(deNcb.id, 'de.officer', ['officer']),
    gbRecords: await person(gbWriter.id, 'nca.records', ['records-officer']),
    gbSearchOnlyRecords: await person(gbSearchOnly.id, 'bf.records', ['records-officer']),
    frBorderOfficer: await person(frBorder.id, 'paf.officer', ['officer']),
  };
  const requestNotice = (token: string, personId: string, body: Record<string, unknown>) => ok<Notice>(call(token, 'POST', `/api/v1/persons/${personId}/notices`, body), 201);
  return {
    hub, gbNcb, frNcb, deNcb, gbWriter, frBorder, t, call,
    createPerson: (token, body) => ok<Person>(call(token, 'POST', '/api/v1/persons', body), 201),
    screen: (token, body) => ok<ScreeningResult>(call(token, 'POST', '/api/v1/persons/screen', body)),
    requestNotice,
    apiKey: async (orgId, permissions) => (await ok<{ secret: string }>(call(asAdmin, 'POST', `/api/v1/organisations/${orgId}/api-keys`, { name: `key ${permissions.join(' ')}`, permissions }), 201)).secret,
    publishNotice: async (ownerToken, personId, type = 'red') => {
      const requested = await requestNotice(ownerToken, personId, { type, summary: 'wanted for prosecution: armed robbery' });
      await ok(call(asAdmin, 'PATCH', `/api/v1/notices/${requested.id}`, { status: 'under_review' }));
      return ok<Notice>(call(asAdmin, 'PATCH', `/api/v1/notices/${requested.id}`, { status: 'published' }));
    },
    close: () => hub.close(),
  };
}

/** Today and days around it, as YYYY-MM-DD. */
export function day(clock: Clock, offsetDays = 0): string {
  return new Date(clock.now().getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

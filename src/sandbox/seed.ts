import { systemPrincipal, type Principal } from '../access/principal.js';
import type { AuditEvent } from '../audit/entry.js';
import { AuditLog } from '../audit/log.js';
import type { Config } from '../config/settings.js';
import { systemClock } from '../core/clock.js';
import { PasswordHasher, initialPassword } from '../crypto/secrets.js';
import { loadSigningKey } from '../crypto/signing-key.js';
import { formatMrz } from '../documents/mrz/index.js';
import type { CreateDocumentBody } from '../documents/schema.js';
import { documentStore, rowFromInput } from '../documents/store.js';
import { validateNewDocument } from '../documents/validate.js';
import { hubFiles } from '../hub/data-dir.js';
import { apiKeyStore } from '../registry/api-keys/store.js';
import { organisationStore } from '../registry/organisations/store.js';
import { userStore } from '../registry/users/store.js';
import { newNoticeRow, newPersonRow, noticeStore, personStore } from '../persons/store.js';
import { validateNewPerson } from '../persons/validate.js';
import { openDatabase } from '../storage/open.js';

/** The UK border agency of the sandbox, which runs a member node. */
export const HEATHROW = 'UK Border Force, London Heathrow';

export interface SandboxCredentials {
  gbOperator: { username: string; password: string };
  frOperator: { username: string; password: string };
  borderKey: string;
  /** A number reported stolen, to try a hit with. */
  stolenNumber: string;
  stolenMrz: string;
}

/** Deterministic demo numbers: the same sandbox every time it is made. */
function demoNumber(i: number): string {
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  return `${letters[i % letters.length]}${letters[(i * 7) % letters.length]}${String(1_000_000 + ((i * 7_919) % 9_000_000)).padStart(7, '0')}`;
}

/**
 * Demo data for a new sandbox: an NCB operator in the United Kingdom and in
 * France, a UK border agency (which runs a member node), a French border
 * agency with an API key for its eGates, a wanted person under a red
 * notice, and a few
 * dozen stolen and lost documents reported by both countries. Written through
 * the same stores and audit log as the API, as the sandbox's own system actor.
 */
export async function seedSandbox(config: Config): Promise<SandboxCredentials> {
  const database = await openDatabase(config);
  try {
    const key = await loadSigningKey(hubFiles(config.dataDir).signingKey);
    const audit = new AuditLog(database, systemClock, { origin: config.auditOrigin, privateKey: key.privateKey });
    const hasher = new PasswordHasher(config.scryptCost);
    const gbPassword = initialPassword();
    const frPassword = initialPassword();
    const [gbHash, frHash] = await Promise.all([hasher.hash(gbPassword), hasher.hash(frPassword)]);
    const now = systemClock.now().toISOString();
    const today = now.slice(0, 10);

    return await database.transaction(async (trx) => {
      const hub = await organisationStore.hub(trx);
      const gb = await organisationStore.ncbOf(trx, 'GB');
      const fr = await organisationStore.ncbOf(trx, 'FR');
      if (!hub || !gb || !fr) throw new Error('the sandbox hub lacks its NCBs; delete the sandbox folder and start again');
      const events: { actor: Principal; event: AuditEvent }[] = [];
      const seeder = systemPrincipal('sandbox-seed', hub.id);
      const record = (action: string, resourceType: string, resourceId: string, details: Record<string, unknown>) => events.push({ actor: seeder, event: { action, resourceType, resourceId, details } });

      const gbUser = await userStore.insert(trx, { orgId: gb.id, username: 'gb.operator', displayName: 'NCB London duty operator', roles: ['ncb-operator'], passwordHash: gbHash, mustChangePassword: true }, now);
      const frUser = await userStore.insert(trx, { orgId: fr.id, username: 'fr.operator', displayName: 'BCN Paris duty operator', roles: ['ncb-operator'], passwordHash: frHash, mustChangePassword: true }, now);
      record('user.create', 'user', gbUser.id, { username: gbUser.username, roles: gbUser.roles });
      record('user.create', 'user', frUser.id, { username: frUser.username, roles: frUser.roles });

      const cdg = await organisationStore.insert(trx, { kind: 'agency', name: 'Police aux frontières, Paris-Charles de Gaulle', country: 'FR', parentId: fr.id, agencyType: 'border', status: 'pending' }, now);
      await organisationStore.setDatabaseAccess(trx, cdg.id, new Map([['documents', 'search'], ['persons', 'search']]), seeder.id, now);
      const { apiKey, secret } = await apiKeyStore.create(trx, { orgId: cdg.id, name: 'CDG terminal 2E eGates', permissions: ['documents:search', 'persons:search'], createdBy: seeder.id, expiresAt: null }, now);
      record('organisation.create', 'organisation', cdg.id, { kind: 'agency', name: cdg.name, parentId: fr.id });
      record('organisation.database_access', 'organisation', cdg.id, { after: { databases: ['documents', 'persons'], writable: [] } });
      record('api_key.create', 'api_key', apiKey.id, { org: cdg.id, name: apiKey.name, permissions: apiKey.permissions });

      const heathrow = await organisationStore.insert(trx, { kind: 'agency', name: HEATHROW, country: 'GB', parentId: gb.id, agencyType: 'border', status: 'pending' }, now);
      await organisationStore.setDatabaseAccess(trx, heathrow.id, new Map([['documents', 'search'], ['persons', 'search']]), seeder.id, now);
      record('organisation.create', 'organisation', heathrow.id, { kind: 'agency', name: heathrow.name, parentId: gb.id });
      record('organisation.database_access', 'organisation', heathrow.id, { after: { databases: ['documents', 'persons'], writable: [] } });

      const reports: { owner: typeof gb; body: CreateDocumentBody }[] = [];
      for (let i = 0; i < 40; i++) {
        reports.push({ owner: gb, body: { issuingState: 'GBR', documentType: i % 5 === 0 ? 'identity_card' : 'passport', status: i % 3 === 0 ? 'lost' : 'stolen', number: demoNumber(i), event: { place: 'London', circumstances: 'demo record' } } });
        reports.push({ owner: fr, body: { issuingState: 'FRA', documentType: 'passport', status: i % 4 === 0 ? 'lost' : 'stolen', number: String(10_000_000 + i * 104_729).padStart(9, '0').replace(/^(..)/, '$1FR'), event: { place: 'Marseille', circumstances: 'demo record' } } });
      }
      reports.push({ owner: gb, body: { issuingState: 'GBR', documentType: 'passport', status: 'stolen_blank', range: { from: 'X0050000', to: 'X0050999' }, event: { place: 'Passport Office, Peterborough', circumstances: 'demo: consignment of blank booklets stolen in transit' } } });
      reports.push({ owner: gb, body: { issuingState: 'GBR', documentType: 'passport', status: 'stolen', number: 'Z99887766', restriction: { visibility: 'hub' }, event: { circumstances: 'demo: restricted to the hub; others see no hit' } } });
      for (const { owner, body } of reports) {
        const row = rowFromInput(validateNewDocument(body, today), { orgId: owner.id, country: owner.country as string }, seeder.id, now);
        await documentStore.insert(trx, row);
        record('documents.create', 'travel_document', row.id, { issuingState: row.issuing_state, number: row.number, status: row.status });
      }
      // A wanted person, entered by the UK in Cyrillic, circulated by a red notice the hub published.
      const person = await personStore.insert(trx, newPersonRow(validateNewPerson({
        names: [{ family: 'Иванов', given: 'Сергей', patronymic: 'Петрович' }], birthDate: '1971-03-14', sex: 'M', nationalities: ['RUS'],
      }, today), { orgId: gb.id, country: 'GB' }, seeder.id, now));
      const notice = newNoticeRow({
        person_id: person.id, kind: 'notice', type: 'red', status: 'published', summary: 'demo: wanted for prosecution (fraud)', countries: '[]',
        requester_org_id: gb.id, requester_country: 'GB', review_date: person.review_date, created_at: now, created_by: seeder.id, published_at: now,
      });
      await noticeStore.insert(trx, notice, { id: seeder.id, orgId: hub.id });
      record('persons.create', 'person', person.id, { ownerCountry: 'GB' });
      record('notice.publish', 'notice', notice.id, { personId: person.id, type: 'red' });
      await audit.recordMany(trx, events);

      const stolenNumber = demoNumber(1);
      const stolenMrz = formatMrz({
        format: 'TD3', documentCode: 'P', issuingState: 'GBR', primaryIdentifier: 'SPECIMEN', secondaryIdentifiers: 'DEMO',
        documentNumber: stolenNumber, nationality: 'GBR', dateOfBirth: '850101', sex: 'F', dateOfExpiry: '300101',
      });
      return { gbOperator: { username: gbUser.username, password: gbPassword }, frOperator: { username: frUser.username, password: frPassword }, borderKey: secret, stolenNumber, stolenMrz };
    });
  } finally {
    await database.close();
  }
}

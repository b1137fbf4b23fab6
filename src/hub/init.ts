import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { systemPrincipal, type Principal } from '../access/principal.js';
import type { AuditEvent } from '../audit/entry.js';
import { AuditLog } from '../audit/log.js';
import type { Config } from '../config/settings.js';
import { systemClock } from '../core/clock.js';
import { PasswordHasher, initialPassword } from '../crypto/secrets.js';
import { generateSigningKey, saveSigningKey } from '../crypto/signing-key.js';
import { createRootCa, saveRootCa } from '../pki/root-ca.js';
import { countries } from '../registry/countries.js';
import { organisationStore } from '../registry/organisations/store.js';
import { userStore } from '../registry/users/store.js';
import { openDatabase } from '../storage/open.js';
import type { HubDeps } from './context.js';
import { hubFiles } from './data-dir.js';

import { AlreadyInitialisedError } from '../cli/errors.js';

export { AlreadyInitialisedError };

export interface InitResult {
  hubOrgId: string;
  adminUsername: string;
  /** Shown once; the administrator must change it at first login. */
  adminPassword: string;
}

/**
 * Creates a hub's data folder: the hub's Ed25519 signing key, the network
 * root CA, the database with its schema, the hub organisation, one NCB per
 * INTERPOL member country, and the first administrator. All of it audited.
 */
export async function initHub(config: Config, deps: HubDeps = {}): Promise<InitResult> {
  const clock = deps.clock ?? systemClock;
  const files = hubFiles(config.dataDir);
  if (existsSync(files.signingKey)) throw new AlreadyInitialisedError(`${config.dataDir} already holds a hub; nothing was changed`);
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  await chmod(config.dataDir, 0o700);

  const signingKey = generateSigningKey();
  const ca = await createRootCa(config.networkName, clock.now());
  const database = await (deps.openDatabase ?? (() => openDatabase(config)))();
  try {
    const existingHub = await organisationStore.hub(database.db);
    if (existingHub) throw new AlreadyInitialisedError('the database already holds a hub organisation; point BLUELINE_DATA_DIR or DATABASE_URL elsewhere');
    const audit = new AuditLog(database, clock, { origin: config.auditOrigin, privateKey: signingKey.privateKey });
    const passwords = new PasswordHasher(config.scryptCost);
    const adminPassword = initialPassword();
    const passwordHash = await passwords.hash(adminPassword);

    const result = await database.transaction(async (trx) => {
      const now = clock.now().toISOString();
      const hub = await organisationStore.insert(trx, { kind: 'hub', name: `${config.networkName} Hub`, country: null, parentId: null, agencyType: null, status: 'connected' }, now);
      const actor = systemPrincipal('init', hub.id);
      const events: { actor: Principal; event: AuditEvent }[] = [{ actor, event: { action: 'organisation.create', resourceType: 'organisation', resourceId: hub.id, details: { kind: 'hub', name: hub.name } } }];
      for (const country of countries) {
        const ncb = await organisationStore.insert(trx, { kind: 'ncb', name: `NCB ${country.name}`, country: country.alpha2, parentId: null, agencyType: null, status: 'pending' }, now);
        events.push({ actor, event: { action: 'organisation.create', resourceType: 'organisation', resourceId: ncb.id, details: { kind: 'ncb', name: ncb.name, country: country.alpha2 } } });
      }
      const admin = await userStore.insert(trx, { orgId: hub.id, username: 'admin', displayName: 'First administrator', roles: ['hub-admin', 'org-admin'], passwordHash, mustChangePassword: true }, now);
      events.push({ actor, event: { action: 'user.create', resourceType: 'user', resourceId: admin.id, details: { username: admin.username, roles: admin.roles } } });
      events.push({ actor, event: { action: 'hub.init', resourceType: 'hub', resourceId: hub.id, details: { networkName: config.networkName } } });
      await audit.recordMany(trx, events);
      await audit.signCheckpoint(trx);
      return { hubOrgId: hub.id, adminUsername: admin.username, adminPassword };
    });
    // Keys are written last: their presence marks a finished initialisation.
    await saveRootCa(ca, files.caCertificate, files.caKey);
    await writeFile(files.signingPublicKey, signingKey.publicKey.export({ format: 'pem', type: 'spki' }).toString(), { mode: 0o644 });
    await saveSigningKey(files.signingKey, signingKey);
    return result;
  } finally {
    await database.close();
  }
}

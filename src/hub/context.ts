import { existsSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { Authenticator } from '../access/authenticator.js';
import { LoginThrottle } from '../access/login-throttle.js';
import { AuditLog } from '../audit/log.js';
import type { Config } from '../config/settings.js';
import { systemClock, type Clock } from '../core/clock.js';
import { PasswordHasher } from '../crypto/secrets.js';
import { loadSigningKey } from '../crypto/signing-key.js';
import { loadRootCertificate } from '../pki/root-ca.js';
import { organisationStore } from '../registry/organisations/store.js';
import type { Database } from '../storage/database.js';
import { openDatabase } from '../storage/open.js';
import { InProcessBus, type EventBus } from '../bus/bus.js';
import { NatsBus } from '../bus/nats-bus.js';
import { DocumentIndex } from '../documents/no-hit-index.js';
import { DocumentSearch } from '../documents/search.js';
import { DocumentSearchService } from '../documents/search-service.js';
import { documentStore } from '../documents/store.js';
import { HitService } from '../hits/service.js';
import { SearchLog } from '../stats/search-log.js';
import { MessageRouter } from '../messaging/router.js';
import { CertificateAuthority } from '../pki/certificate-authority.js';
import { CertificateStatus } from '../pki/certificate-status.js';
import { Enrolment } from '../pki/enrolment.js';
import { hubFiles } from './data-dir.js';
import { NoticeService } from '../persons/notice-service.js';
import { PersonIndex } from '../persons/person-index.js';
import { PersonScreening } from '../persons/screening.js';

/** Everything a hub's routes need, built once: the composition root. */
export interface HubContext {
  config: Config;
  clock: Clock;
  database: Database;
  audit: AuditLog;
  passwords: PasswordHasher;
  authenticator: Authenticator;
  loginThrottle: LoginThrottle;
  hubOrgId: string;
  publicKey: KeyObject;
  bus: EventBus;
  hits: HitService;
  searchLog: SearchLog;
  documentIndex: DocumentIndex;
  documents: DocumentSearchService;
  ca: CertificateAuthority;
  enrolment: Enrolment;
  certificateStatus: CertificateStatus;
  messages: MessageRouter;
  /** The name index of every active person, in memory (persons/person-index.ts). */
  personIndex: PersonIndex;
  persons: PersonScreening;
  notices: NoticeService;
  close(): Promise<void>;
}

import { NotInitialisedError } from '../cli/errors.js';

export { NotInitialisedError };

/** What a test or the sandbox may supply instead of the defaults. */
export interface HubDeps {
  clock?: Clock;
  openDatabase?: () => Promise<Database>;
  bus?: EventBus;
}

export async function createHubContext(config: Config, deps: HubDeps = {}): Promise<HubContext> {
  const clock = deps.clock ?? systemClock;
  const files = hubFiles(config.dataDir);
  if (!existsSync(files.signingKey)) {
    throw new NotInitialisedError(`${config.dataDir} holds no hub; run "blueline hub init" first`);
  }
  const signingKey = await loadSigningKey(files.signingKey);
  await loadRootCertificate(files.caCertificate, clock.now());
  const database = await (deps.openDatabase ?? (() => openDatabase(config)))();
  let bus: EventBus | undefined;
  try {
    const hub = await organisationStore.hub(database.db);
    if (!hub) throw new NotInitialisedError('the database holds no hub organisation; was it initialised with another DATABASE_URL?');
    const audit = new AuditLog(database, clock, { origin: config.auditOrigin, privateKey: signingKey.privateKey });
    bus = deps.bus ?? (config.natsUrl ? await NatsBus.connect({ url: config.natsUrl }) : new InProcessBus());
    const hits = new HitService(database, audit, bus, clock, { urgent: config.caseDeadlineUrgent, routine: config.caseDeadlineRoutine }, hub.id);
    const searchLog = new SearchLog(database, audit, clock);
    const ca = await CertificateAuthority.load(files.caCertificate, files.caKey);
    const certificateStatus = await CertificateStatus.load(database, bus);
    const messages = new MessageRouter(database, audit, clock, bus);
    const documentIndex = await DocumentIndex.build(database.db, await documentStore.countActive(database.db), bus);
    const personIndex = await PersonIndex.build(database.db, bus, { warn: (details, message) => process.emitWarning(`${message}: ${JSON.stringify(details)}`) });
    const notices = new NoticeService(database, audit, clock, hub.id);
    // Notices whose review date has come are recorded as expired now and every hour (they read as expired from that date anyway).
    notices.start((error) => process.emitWarning(`notice expiry sweep failed: ${String(error)}`));
    return {
      config,
      clock,
      database,
      audit,
      passwords: new PasswordHasher(config.scryptCost),
      authenticator: new Authenticator(database, clock, config.sessionIdle * 1000, audit, bus),
      loginThrottle: new LoginThrottle(config.loginMaxFailures, config.loginWindow * 1000),
      hubOrgId: hub.id,
      publicKey: signingKey.publicKey,
      bus,
      hits,
      searchLog,
      documentIndex,
      documents: new DocumentSearchService(new DocumentSearch(database.db, documentIndex, database.readSync), hits, searchLog),
      ca,
      enrolment: new Enrolment(database, audit, clock, bus, ca, { tokenHours: config.enrolmentTokenHours, certDays: config.nodeCertDays }),
      certificateStatus,
      messages,
      personIndex,
      persons: new PersonScreening(database.db, personIndex, hits, searchLog, clock),
      notices,
      close: async () => {
        await notices.stop();
        messages.close();
        certificateStatus.close();
        await bus?.close();
        await database.close();
      },
    };
  } catch (error) {
    await bus?.close();
    await database.close();
    throw error;
  }
}

import type { FastifyBaseLogger } from 'fastify';
import { LoginThrottle } from '../access/login-throttle.js';
import { systemClock, type Clock } from '../core/clock.js';
import { tlsKeyPem } from '../crypto/node-keys.js';
import { PasswordHasher } from '../crypto/secrets.js';
import { NodeAuthenticator } from './accounts/authenticator.js';
import { LocalAudit } from './audit/local-audit.js';
import { Directory } from './directory/directory.js';
import { loadNodeIdentity, nodeFiles, type NodeIdentity } from './files.js';
import { InboxReceiver } from './inbox/receiver.js';
import { Backoff } from './link/backoff.js';
import { HubClient } from './link/hub-client.js';
import { LinkStatus } from './link/link-status.js';
import { CertificateRenewal } from './link/renewal.js';
import { Worker } from './link/worker.js';
import { MessageReader } from './messages/reader.js';
import { Composer } from './outbox/composer.js';
import { OutboxSender } from './outbox/sender.js';
import { HubProxy } from './proxy/hub-proxy.js';
import { ReceiptSender } from './receipts/sender.js';
import type { NodeConfig } from './settings.js';
import { openNodeDatabase, type NodeDatabase } from './storage/open.js';

/** Everything the node's API and background work need, built once: the node's composition root. */
export interface NodeContext {
  config: NodeConfig;
  clock: Clock;
  identity: NodeIdentity;
  database: NodeDatabase;
  audit: LocalAudit;
  passwords: PasswordHasher;
  loginThrottle: LoginThrottle;
  authenticator: NodeAuthenticator;
  link: LinkStatus;
  hub: HubClient;
  directory: Directory;
  composer: Composer;
  reader: MessageReader;
  proxy: HubProxy;
  renewal: CertificateRenewal;
  /** Tell the background workers there is work (no-ops until they run). */
  wake: { outbox(): void; receipts(): void };
  /** Starts sending the outbox, receiving the inbox and sending receipts; logs to `log`. */
  startBackground(log: FastifyBaseLogger): void;
  close(): Promise<void>;
}

export interface NodeDeps {
  clock?: Clock;
  passphrase?: string | undefined;
}

const IDLE_MS = 5_000;
const RENEWAL_CHECK_MS = 12 * 3600_000;

export async function createNodeContext(config: NodeConfig, deps: NodeDeps = {}): Promise<NodeContext> {
  const clock = deps.clock ?? systemClock;
  const identity = await loadNodeIdentity(config.dataDir, deps.passphrase);
  if (config.hubUrl) identity.hubUrl = config.hubUrl;
  const database = await openNodeDatabase(nodeFiles(config.dataDir).database, { synchronous: config.sqliteSynchronous });
  const audit = new LocalAudit(clock);
  const link = new LinkStatus(clock);
  const hub = new HubClient(identity.hubUrl, { certificatePem: identity.certificatePem, privateKeyPem: tlsKeyPem(identity.keys), caCertificatePem: identity.caCertificatePem }, link, config.hubTimeout * 1000, () => database.flushed());
  const directory = new Directory(database, hub, clock, config.directoryTtl * 1000);
  const wake = { outbox: () => {}, receipts: () => {} };
  const composer = new Composer(database, directory, identity, audit, clock, () => link.reachable(), () => wake.outbox());
  const workers: Worker[] = [];
  let renewalTimer: NodeJS.Timeout | undefined;
  const reader = new MessageReader(database, directory, identity, composer, audit, clock, () => wake.receipts());

  const ctx: NodeContext = {
    config, clock, identity, database, audit, link, hub, directory, composer, reader, wake,
    passwords: new PasswordHasher(config.scryptCost),
    loginThrottle: new LoginThrottle(config.loginMaxFailures, config.loginWindow * 1000),
    authenticator: new NodeAuthenticator(database, clock, config.sessionIdle * 1000),
    proxy: new HubProxy(database, hub, audit, clock),
    renewal: new CertificateRenewal(identity, hub, database, audit, clock),
    startBackground(log) {
      if (workers.length > 0) return;
      const backoff = () => new Backoff(200, config.retryMax * 1000);
      const outbox = new OutboxSender(database, hub, composer, audit, clock, log);
      const inbox = new InboxReceiver(database, hub, directory, identity, audit, clock, { waitSeconds: config.inboxWait, timeoutMs: config.hubTimeout * 1000 }, () => wake.receipts());
      const receipts = new ReceiptSender(database, hub, audit, clock);
      const outboxWorker = new Worker((signal) => outbox.step(signal), { name: 'outbox', idleMs: IDLE_MS, backoff: backoff(), log, onBackoff: (pause) => outbox.noteBackoff(pause) });
      const inboxWorker = new Worker((signal) => inbox.step(signal), { name: 'inbox', idleMs: 1_000, backoff: backoff(), log });
      const receiptWorker = new Worker((signal) => receipts.step(signal), { name: 'receipts', idleMs: IDLE_MS, backoff: backoff(), log });
      workers.push(outboxWorker, inboxWorker, receiptWorker);
      wake.outbox = () => outboxWorker.wake();
      wake.receipts = () => receiptWorker.wake();
      void ctx.renewal.renewIfDue(log);
      renewalTimer = setInterval(() => void ctx.renewal.renewIfDue(log), RENEWAL_CHECK_MS);
      renewalTimer.unref();
      workers.forEach((w) => w.start());
    },
    async close() {
      if (renewalTimer) clearInterval(renewalTimer);
      await Promise.all(workers.map((w) => w.stop()));
      hub.close();
      await database.close();
    },
  };
  return ctx;
}

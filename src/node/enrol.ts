import { X509Certificate } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { systemClock, type Clock } from '../core/clock.js';
import { createCertificateRequest, generateNodeKeys, rawPublicKey, saveNodeKeys } from '../crypto/node-keys.js';
import { initialPassword, PasswordHasher } from '../crypto/secrets.js';
import { writeSecretFile } from '../crypto/secret-file.js';
import { certificateFingerprint, orgIdOfCertificate } from '../pki/certificate-authority.js';
import { userStore } from './accounts/user-store.js';
import { LocalAudit, NODE_ACTOR } from './audit/local-audit.js';
import { isEnrolled, nodeFiles, type NodeIdentityFile } from './files.js';
import { connectPinned, requestOnSocket } from './link/pinned-tls.js';
import { openNodeDatabase } from './storage/open.js';

/** Enrolment could not be done: a bad token, a hub that is not the pinned one, a refusal. */
export class EnrolmentError extends Error {}

export interface EnrolOptions {
  /** The hub's node port, https://HOST:PORT */
  hubUrl: string;
  /** `blt_<secret>.<first 32 hex of the network root's SHA-256>`, from the hub's administrator */
  token: string;
  dataDir: string;
  /** Encrypts the node's private keys (AES-256, PKCS#8); the node then needs it at every start. */
  passphrase?: string | undefined;
  /** The first administrator's username at the node. */
  adminUsername?: string;
  scryptCost?: number;
  timeoutMs?: number;
  clock?: Clock;
}

export interface Enrolled {
  orgId: string;
  hubUrl: string;
  dataDir: string;
  certificateNotAfter: string;
  adminUsername: string;
  /** Shown once; also in the 0600 first-login file until the administrator deletes it. */
  adminPassword: string;
  firstLoginFile: string;
}

const TOKEN = /^blt_[A-Za-z0-9_-]+\.([0-9a-f]{32})$/;

interface EnrolAnswer {
  orgId: string;
  certificate: string;
  caCertificate: string;
  notAfter: string;
  hub?: { signingKey?: string };
}

/**
 * Joins the network: makes the node's keys here (TLS, signing, encryption),
 * reaches the hub over TLS trusting only the root the token pins, sends the
 * token with a CSR and the two public message keys, checks what comes back
 * (a certificate from the pinned root, for this key, naming the organisation)
 * and writes the data folder: keys (0600, optionally encrypted), certificate,
 * root, database with a first administrator, and node.json last. Private keys
 * never leave this machine.
 */
export async function enrolNode(options: EnrolOptions): Promise<Enrolled> {
  const clock = options.clock ?? systemClock;
  const files = nodeFiles(options.dataDir);
  const match = TOKEN.exec(options.token.trim());
  if (!match) throw new EnrolmentError('the enrolment token does not read blt_<secret>.<32 hex digits>; copy it whole from the hub administrator');
  const pin = match[1] as string;
  const hubUrl = normaliseHubUrl(options.hubUrl);
  if (isEnrolled(options.dataDir)) throw new EnrolmentError(`${options.dataDir} already holds an enrolled node; use another --data-dir`);
  if (options.passphrase === '') throw new EnrolmentError('the key passphrase is empty');

  const keys = generateNodeKeys();
  const csr = await createCertificateRequest(keys, 'blueline-node');
  const timeoutMs = options.timeoutMs ?? 30_000;
  let answer: EnrolAnswer;
  try {
    const { socket } = await connectPinned(hubUrl, pin, timeoutMs, clock.now());
    const res = await requestOnSocket(socket, hubUrl, 'POST', '/node/v1/enrol', { token: options.token.trim(), csr, signingKey: rawPublicKey(keys.signing.publicKey), encryptionKey: rawPublicKey(keys.encryption.publicKey) }, timeoutMs);
    if (res.status !== 201 && res.status !== 200) {
      const code = res.problemCode();
      if (code === 'enrolment.token_invalid') throw new EnrolmentError('the hub refused the token: unknown, already used or expired (ask the hub administrator for a new one)');
      throw new EnrolmentError(`the hub refused the enrolment: ${res.status} ${code ?? ''} ${safeDetail(res.body)}`.trim());
    }
    answer = res.json<EnrolAnswer>();
  } catch (error) {
    if (error instanceof EnrolmentError) throw error;
    throw new EnrolmentError(`cannot enrol with ${hubUrl}: ${(error as Error).message}`);
  }
  checkAnswer(answer, pin, keys.tls.publicKey, clock.now());

  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  await saveNodeKeys(files.keysDir, keys, options.passphrase);
  await writeFile(files.certificate, answer.certificate, { mode: 0o644 });
  await writeFile(files.caCertificate, answer.caCertificate, { mode: 0o644 });

  const adminUsername = options.adminUsername ?? 'admin';
  const adminPassword = initialPassword();
  const passwords = new PasswordHasher(options.scryptCost ?? 17);
  const database = await openNodeDatabase(files.database);
  try {
    const hash = await passwords.hash(adminPassword);
    await database.transaction(async (trx) => {
      const now = clock.now().toISOString();
      const admin = await userStore.insert(trx, { username: adminUsername, displayName: 'Node administrator', roles: ['admin'], passwordHash: hash, mustChangePassword: true }, now);
      const audit = new LocalAudit(clock);
      await audit.record(trx, NODE_ACTOR, {
        action: 'node.enrol', resourceType: 'node', resourceId: answer.orgId,
        details: { hubUrl, notAfter: answer.notAfter, rootFingerprint: certificateFingerprint(answer.caCertificate), signingKey: rawPublicKey(keys.signing.publicKey), encryptionKey: rawPublicKey(keys.encryption.publicKey) },
      });
      await audit.record(trx, NODE_ACTOR, { action: 'user.create', resourceType: 'user', resourceId: admin.id, details: { username: adminUsername, roles: ['admin'], firstAdministrator: true } });
    });
  } finally {
    await database.close();
  }
  await writeSecretFile(files.firstLogin, `Blueline node ${answer.orgId}\nfirst administrator: ${adminUsername}\nfirst password (change it at first login, then delete this file): ${adminPassword}\n`);
  const identity: NodeIdentityFile = { v: 1, orgId: answer.orgId, hubUrl, enrolledAt: clock.now().toISOString(), hubSigningKey: answer.hub?.signingKey ?? null };
  await writeSecretFile(files.identity, `${JSON.stringify(identity, null, 2)}\n`);
  return {
    orgId: answer.orgId, hubUrl, dataDir: options.dataDir, certificateNotAfter: answer.notAfter,
    adminUsername, adminPassword, firstLoginFile: files.firstLogin,
  };
}

function normaliseHubUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EnrolmentError(`--hub must be the hub's node port as https://HOST:PORT (got ${JSON.stringify(raw)})`);
  }
  if (url.protocol !== 'https:' || (url.pathname !== '/' && url.pathname !== '') || url.search || url.username) throw new EnrolmentError(`--hub must be https://HOST:PORT with nothing after it (got ${JSON.stringify(raw)})`);
  return url.origin;
}

/** What the hub sent must be what the node asked for: a certificate for its key, from the pinned root, naming the organisation. */
function checkAnswer(answer: EnrolAnswer, pin: string, tlsPublicKey: import('node:crypto').KeyObject, now: Date): void {
  if (typeof answer?.orgId !== 'string' || typeof answer.certificate !== 'string' || typeof answer.caCertificate !== 'string') throw new EnrolmentError('the hub\'s answer to the enrolment is not what the protocol says');
  let root: X509Certificate;
  let cert: X509Certificate;
  try {
    root = new X509Certificate(answer.caCertificate);
    cert = new X509Certificate(answer.certificate);
  } catch {
    throw new EnrolmentError('the hub sent certificates that cannot be read');
  }
  if (!certificateFingerprint(answer.caCertificate).startsWith(pin)) throw new EnrolmentError('the root certificate the hub sent is not the one the token pins');
  if (!cert.checkIssued(root) || !cert.verify(root.publicKey)) throw new EnrolmentError('the node certificate is not signed by the network root');
  if (!cert.publicKey.equals(tlsPublicKey)) throw new EnrolmentError('the node certificate is not for this node\'s key');
  if (orgIdOfCertificate(cert) !== answer.orgId) throw new EnrolmentError(`the node certificate does not name ${answer.orgId}`);
  if (new Date(cert.validTo) <= now) throw new EnrolmentError('the node certificate has already expired');
}

function safeDetail(body: Buffer): string {
  try {
    const detail = (JSON.parse(body.toString('utf8')) as { detail?: unknown }).detail;
    return typeof detail === 'string' ? `(${detail.slice(0, 200)})` : '';
  } catch {
    return '';
  }
}

import type { Principal } from '../access/principal.js';
import type { AuditLog } from '../audit/log.js';
import type { EventBus } from '../bus/bus.js';
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { publicKeyFromRaw } from '../crypto/node-keys.js';
import { randomSecret, sha256 } from '../crypto/secrets.js';
import { activeOrganisation } from '../registry/organisations/load.js';
import type { Organisation } from '../registry/organisations/schema.js';
import type { Database } from '../storage/database.js';
import type { CertificateAuthority } from './certificate-authority.js';
import { normaliseSerial, PKI_CHANGED_TOPIC, type PkiChange } from './certificate-status.js';
import { nodePrincipal } from './node-principal.js';
import { certificateStore, enrolmentTokenStore, type NodeCertificateRow } from './store.js';

const TOKEN_PREFIX = 'blt_';
/** How much of the root's fingerprint a token carries: 128 bits, enough to pin it. */
export const TOKEN_PIN_HEX = 32;

export interface EnrolmentRequest {
  token: string;
  csr: string;
  signingKey: string;
  encryptionKey: string;
}

export interface Enrolled {
  orgId: string;
  certificate: string;
  caCertificate: string;
  serial: string;
  notAfter: string;
}

/** Splits `blt_<secret>.<pin>`; the pin is the node's business, the hub looks the secret up. */
export function parseEnrolmentToken(token: string): { secret: string; pin: string } | null {
  const match = /^blt_([A-Za-z0-9_-]{43})\.([0-9a-f]{32})$/.exec(token);
  return match ? { secret: match[1] as string, pin: match[2] as string } : null;
}

/**
 * How a member node joins: the hub admin makes a one-time token, the node
 * makes its own keys and sends a CSR and its public keys with the token, and
 * the hub's certificate authority answers with the node's certificate.
 */
export class Enrolment {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly bus: EventBus,
    private readonly ca: CertificateAuthority,
    private readonly settings: { tokenHours: number; certDays: number },
  ) {}

  async createToken(p: Principal, org: Organisation): Promise<{ id: string; token: string; expiresAt: string }> {
    if (org.kind === 'hub') throw new AppError('access.forbidden', 'the hub does not enrol as a member node');
    const now = this.clock.now();
    const secret = randomSecret(32);
    const row = {
      id: newId('ent', now.getTime()),
      org_id: org.id,
      secret_hash: sha256(secret).toString('hex'),
      created_by: p.id,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + this.settings.tokenHours * 3_600_000).toISOString(),
      used_at: null,
      used_for_serial: null,
    };
    await this.database.transaction(async (trx) => {
      await enrolmentTokenStore.insert(trx, row);
      await this.audit.record(trx, p, { action: 'node.enrolment_token_create', resourceType: 'organisation', resourceId: org.id, details: { tokenId: row.id, expiresAt: row.expires_at } });
    });
    return { id: row.id, token: `${TOKEN_PREFIX}${secret}.${this.ca.fingerprint.slice(0, TOKEN_PIN_HEX)}`, expiresAt: row.expires_at };
  }

  async enrol(input: EnrolmentRequest, from: string): Promise<Enrolled> {
    const now = this.clock.now();
    const refuse = async (why: string): Promise<never> => {
      await this.database.transaction((trx) => this.audit.record(trx, { kind: 'anonymous', id: `ip:${from}` }, {
        action: 'node.enrol', resourceType: 'enrolment_token', outcome: 'denied', details: { why },
      }));
      throw new AppError('enrolment.token_invalid');
    };
    const parsed = parseEnrolmentToken(input.token);
    if (!parsed) return refuse('malformed token');
    const token = await enrolmentTokenStore.bySecretHash(this.database.db, sha256(parsed.secret).toString('hex'));
    if (!token) return refuse('unknown token');
    if (token.used_at !== null) return refuse(`token ${token.id} was already used at ${token.used_at}`);
    if (new Date(token.expires_at) <= now) return refuse(`token ${token.id} expired at ${token.expires_at}`);
    const org = await activeOrganisation(this.database.db, token.org_id);
    for (const [kind, raw] of [['ed25519', input.signingKey], ['x25519', input.encryptionKey]] as const) {
      try {
        publicKeyFromRaw(kind, raw);
      } catch {
        throw new AppError('pki.csr_invalid', `the ${kind === 'ed25519' ? 'signing' : 'encryption'} key is not a raw ${kind} public key in base64url`);
      }
    }
    const issued = await this.issue(input.csr, org.id, now);
    const row = this.certificateRow(org.id, issued, input, now);
    await this.database.transaction(async (trx) => {
      if (!(await enrolmentTokenStore.use(trx, token.id, now.toISOString(), issued.serial))) throw new AppError('enrolment.token_invalid');
      await certificateStore.insert(trx, row);
      await this.audit.record(trx, nodePrincipal(org, issued.serial, new Map(), null), {
        action: 'node.enrol', resourceType: 'node_certificate', resourceId: issued.serial,
        details: { tokenId: token.id, fingerprint: row.fingerprint, notAfter: row.not_after, signingKey: row.signing_key, encryptionKey: row.encryption_key },
      });
    });
    await this.bus.publish(PKI_CHANGED_TOPIC, { issued: { serial: issued.serial, orgId: org.id } } satisfies PkiChange);
    return { orgId: org.id, certificate: issued.certificatePem, caCertificate: this.ca.certificatePem, serial: issued.serial, notAfter: row.not_after };
  }

  /** A fresh certificate for a connected node, keeping its message keys. */
  async renew(p: Principal, currentSerial: string, csr: string): Promise<Enrolled> {
    const now = this.clock.now();
    const current = await certificateStore.get(this.database.db, currentSerial);
    if (!current || current.org_id !== p.orgId) throw new AppError('node.certificate_untrusted');
    const issued = await this.issue(csr, p.orgId, now);
    const row = this.certificateRow(p.orgId, issued, { signingKey: current.signing_key, encryptionKey: current.encryption_key }, now);
    await this.database.transaction(async (trx) => {
      await certificateStore.insert(trx, row);
      await this.audit.record(trx, p, { action: 'node.renew', resourceType: 'node_certificate', resourceId: issued.serial, details: { previous: currentSerial, notAfter: row.not_after } });
    });
    await this.bus.publish(PKI_CHANGED_TOPIC, { issued: { serial: issued.serial, orgId: p.orgId } } satisfies PkiChange);
    return { orgId: p.orgId, certificate: issued.certificatePem, caCertificate: this.ca.certificatePem, serial: issued.serial, notAfter: row.not_after };
  }

  async revoke(p: Principal, serial: string, reason: string): Promise<NodeCertificateRow> {
    const now = this.clock.now().toISOString();
    const row = await this.database.transaction(async (trx) => {
      const cert = await certificateStore.get(trx, serial);
      if (!cert) throw new AppError('pki.certificate_not_found', `no node certificate with serial ${serial}`);
      if (await certificateStore.revoke(trx, serial, { at: now, by: p.id, reason })) {
        await this.audit.record(trx, p, { action: 'node.certificate_revoke', resourceType: 'node_certificate', resourceId: serial, details: { orgId: cert.org_id, reason } });
      }
      return (await certificateStore.get(trx, serial)) as NodeCertificateRow;
    });
    await this.bus.publish(PKI_CHANGED_TOPIC, { revoked: serial } satisfies PkiChange);
    return row;
  }

  async crl(): Promise<string> {
    const revoked = await certificateStore.revoked(this.database.db);
    return this.ca.createCrl({ revoked: revoked.map((r) => ({ serial: r.serial, revokedAt: new Date(r.revoked_at as string) })), now: this.clock.now(), nextUpdateHours: 24 });
  }

  private async issue(csrPem: string, orgId: string, now: Date) {
    const issued = await this.ca.issueNodeCertificate({ csrPem, orgId, now, validityDays: this.settings.certDays });
    return { ...issued, serial: normaliseSerial(issued.serial) };
  }

  private certificateRow(orgId: string, issued: { certificatePem: string; serial: string; notBefore: Date; notAfter: Date }, keys: { signingKey: string; encryptionKey: string }, now: Date): NodeCertificateRow {
    return {
      serial: normaliseSerial(issued.serial),
      org_id: orgId,
      fingerprint: sha256(Buffer.from(issued.certificatePem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64')).toString('hex'),
      certificate: issued.certificatePem,
      signing_key: keys.signingKey,
      encryption_key: keys.encryptionKey,
      not_before: issued.notBefore.toISOString(),
      not_after: issued.notAfter.toISOString(),
      issued_at: now.toISOString(),
      revoked_at: null,
      revoked_by: null,
      revoke_reason: null,
    };
  }
}

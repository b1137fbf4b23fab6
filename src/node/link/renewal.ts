import { X509Certificate } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../core/clock.js';
import { createCertificateRequest, tlsKeyPem } from '../../crypto/node-keys.js';
import { NODE_ACTOR, type LocalAudit } from '../audit/local-audit.js';
import { nodeFiles, replaceFile, type NodeIdentity } from '../files.js';
import type { NodeDatabase } from '../storage/open.js';
import type { HubClient } from './hub-client.js';

/**
 * Keeps the node's certificate valid: in the last third of its validity the
 * node sends a fresh CSR (same TLS key) over its current mTLS link
 * (POST /node/v1/renew) and switches to the new certificate.
 */
export class CertificateRenewal {
  constructor(
    private readonly identity: NodeIdentity,
    private readonly hub: HubClient,
    private readonly database: NodeDatabase,
    private readonly audit: LocalAudit,
    private readonly clock: Clock,
  ) {}

  notAfter(): string {
    return new Date(new X509Certificate(this.identity.certificatePem).validTo).toISOString();
  }

  due(): boolean {
    const cert = new X509Certificate(this.identity.certificatePem);
    const from = new Date(cert.validFrom).getTime();
    const to = new Date(cert.validTo).getTime();
    return this.clock.now().getTime() >= from + ((to - from) * 2) / 3;
  }

  /** Renews when due; answers whether it did. Failures are logged and tried at the next check. */
  async renewIfDue(log: FastifyBaseLogger): Promise<boolean> {
    if (!this.due()) return false;
    try {
      const csr = await createCertificateRequest(this.identity.keys, this.identity.orgId);
      const res = await this.hub.request('POST', '/node/v1/renew', { body: { csr } });
      if (res.status !== 200 && res.status !== 201) throw new Error(`the hub answered ${res.status} ${res.problemCode() ?? ''}`);
      const { certificate, notAfter } = res.json<{ certificate: string; notAfter: string }>();
      const issued = new X509Certificate(certificate);
      const root = new X509Certificate(this.identity.caCertificatePem);
      if (!issued.verify(root.publicKey) || !issued.publicKey.equals(this.identity.keys.tls.publicKey)) throw new Error('the renewed certificate is not for this node\'s key or not from the network root');
      await replaceFile(nodeFiles(this.identity.dataDir).certificate, certificate);
      this.identity.certificatePem = certificate;
      this.hub.useCredentials({ certificatePem: certificate, privateKeyPem: tlsKeyPem(this.identity.keys), caCertificatePem: this.identity.caCertificatePem });
      await this.database.transaction((trx) => this.audit.record(trx, NODE_ACTOR, { action: 'node.certificate_renew', resourceType: 'certificate', details: { notAfter } }));
      log.info({ notAfter }, 'the node certificate was renewed');
      return true;
    } catch (error) {
      log.warn({ err: error }, 'renewing the node certificate failed; will try again');
      return false;
    }
  }
}

import type { SecureContextOptions } from 'node:tls';
import type { CertificateAuthority } from '../../pki/certificate-authority.js';

/** The hub's own certificate on the node port lasts this long and is renewed (in memory) with this much left. */
const SERVER_CERT_DAYS = 90;
export const SERVER_CERT_RENEW_DAYS = 30;

export interface NodePortTls extends SecureContextOptions {
  requestCert: true;
  /** Enrolment comes before a node has a certificate; every other route refuses a missing or bad one itself. */
  rejectUnauthorized: false;
  minVersion: 'TLSv1.3';
  notAfter: Date;
}

/** A fresh server certificate from the network root for the node port: nodes pin the root, not this certificate. */
export async function nodePortTls(ca: CertificateAuthority, hostnames: readonly string[], now: Date): Promise<NodePortTls> {
  const server = await ca.issueServerCertificate({ hostnames, now, validityDays: SERVER_CERT_DAYS });
  return {
    key: server.privateKeyPem,
    cert: server.certificatePem,
    ca: [ca.certificatePem],
    requestCert: true,
    rejectUnauthorized: false,
    minVersion: 'TLSv1.3',
    notAfter: server.notAfter,
  };
}

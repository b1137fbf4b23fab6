import { createHash, createPrivateKey, randomBytes, webcrypto, X509Certificate as NodeX509 } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';
import { AppError } from '../core/errors.js';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const ORG_URI_PREFIX = 'urn:blueline:org:';
const ORGANISATION_NAME = 'Blueline network';
// Safe inside a DN and a URN without escaping; covers the registry's `org_…` ids.
const ORG_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const DAY_MS = 86_400_000;

export interface IssuedCertificate {
  certificatePem: string;
  /** lowercase hex, as `certificateSerial` reads it back */
  serial: string;
  notBefore: Date;
  notAfter: Date;
}

/** A CSR the CA will not sign; an AppError, so the hub answers it as 422 `pki.csr_invalid`. */
export class CertificateRequestError extends AppError {
  constructor(detail: string, cause?: unknown) {
    super('pki.csr_invalid', detail, cause === undefined ? {} : { cause });
    this.name = 'CertificateRequestError';
  }
}

export class CertificateAuthority {
  readonly certificatePem: string;
  /** sha256 of the root's DER, lowercase hex */
  readonly fingerprint: string;

  private constructor(
    private readonly certificate: x509.X509Certificate,
    private readonly signingKey: webcrypto.CryptoKey,
  ) {
    this.certificatePem = certificate.toString('pem');
    this.fingerprint = certificateFingerprint(new Uint8Array(certificate.rawData));
  }

  /** The root made by `createRootCa`: a CA certificate and its ECDSA P-256 PKCS#8 key. */
  static async fromPem(certificatePem: string, privateKeyPem: string): Promise<CertificateAuthority> {
    const nodeCert = new NodeX509(certificatePem);
    if (!nodeCert.ca) throw new Error('the network root is not a CA certificate');
    const keyObject = createPrivateKey(privateKeyPem);
    if (!nodeCert.checkPrivateKey(keyObject)) throw new Error('the network root key does not match its certificate');
    const der = keyObject.export({ format: 'der', type: 'pkcs8' });
    const signingKey = await webcrypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
    return new CertificateAuthority(new x509.X509Certificate(nodeCert.raw), signingKey);
  }

  static async load(certificateFile: string, keyFile: string): Promise<CertificateAuthority> {
    return CertificateAuthority.fromPem(await readFile(certificateFile, 'utf8'), await readFile(keyFile, 'utf8'));
  }

  async issueNodeCertificate(input: { csrPem: string; orgId: string; now: Date; validityDays: number }): Promise<IssuedCertificate> {
    if (!ORG_ID.test(input.orgId)) throw new Error(`not an organisation id usable in a certificate: ${JSON.stringify(input.orgId)}`);
    const csr = await readCsr(input.csrPem);
    return this.issue({
      subject: [{ CN: [input.orgId] }, { O: [ORGANISATION_NAME] }],
      publicKey: csr.publicKey,
      names: [{ type: 'url', value: ORG_URI_PREFIX + input.orgId }],
      usage: x509.ExtendedKeyUsage.clientAuth,
      now: input.now,
      validityDays: input.validityDays,
    });
  }

  async issueServerCertificate(input: { hostnames: readonly string[]; now: Date; validityDays: number }): Promise<IssuedCertificate & { privateKeyPem: string }> {
    const [first] = input.hostnames;
    if (first === undefined) throw new Error('a server certificate needs at least one hostname');
    const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
    const issued = await this.issue({
      subject: [{ CN: [first] }, { O: [ORGANISATION_NAME] }],
      publicKey: keys.publicKey,
      names: input.hostnames.map((h) => (isIP(h) ? { type: 'ip', value: h } : { type: 'dns', value: h })),
      usage: x509.ExtendedKeyUsage.serverAuth,
      now: input.now,
      validityDays: input.validityDays,
    });
    const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
    return { ...issued, privateKeyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') };
  }

  async createCrl(input: { revoked: readonly { serial: string; revokedAt: Date }[]; now: Date; nextUpdateHours: number }): Promise<string> {
    for (const { serial } of input.revoked) {
      if (!/^[0-9a-f]+$/i.test(serial)) throw new Error(`not a hexadecimal serial: ${JSON.stringify(serial)}`);
    }
    const crl = await x509.X509CrlGenerator.create({
      issuer: this.certificate.subjectName,
      thisUpdate: input.now,
      nextUpdate: new Date(input.now.getTime() + input.nextUpdateHours * 3_600_000),
      signingAlgorithm: ALGORITHM,
      signingKey: this.signingKey,
      entries: input.revoked.map((r) => ({ serialNumber: r.serial.toLowerCase(), revocationDate: r.revokedAt })),
      extensions: [
        await this.authorityKeyIdentifier(),
        // cRLNumber (RFC 5280 5.2.3) must increase: the issue time in milliseconds does.
        new x509.Extension('2.5.29.20', false, derInteger(input.now.getTime())),
      ],
    });
    // RFC 7468's label; @peculiar writes `CRL`, which OpenSSL does not read.
    return x509.PemConverter.encode(crl.rawData, 'X509 CRL');
  }

  private async issue(input: {
    subject: x509.JsonName;
    publicKey: x509.PublicKey | webcrypto.CryptoKey;
    names: x509.JsonGeneralNames;
    usage: x509.ExtendedKeyUsage;
    now: Date;
    validityDays: number;
  }): Promise<IssuedCertificate> {
    if (!(input.validityDays > 0)) throw new Error('validityDays must be positive');
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: input.subject,
      issuer: this.certificate.subjectName,
      notBefore: input.now,
      notAfter: new Date(input.now.getTime() + input.validityDays * DAY_MS),
      signingAlgorithm: ALGORITHM,
      publicKey: input.publicKey,
      signingKey: this.signingKey,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([input.usage]),
        new x509.SubjectAlternativeNameExtension(input.names),
        await x509.SubjectKeyIdentifierExtension.create(input.publicKey),
        await this.authorityKeyIdentifier(),
      ],
    });
    return { certificatePem: cert.toString('pem'), serial: cert.serialNumber.toLowerCase(), notBefore: cert.notBefore, notAfter: cert.notAfter };
  }

  private async authorityKeyIdentifier(): Promise<x509.AuthorityKeyIdentifierExtension> {
    const ski = this.certificate.getExtension(x509.SubjectKeyIdentifierExtension);
    return ski ? new x509.AuthorityKeyIdentifierExtension(ski.keyId) : x509.AuthorityKeyIdentifierExtension.create(this.certificate.publicKey);
  }
}

async function readCsr(pem: string): Promise<x509.Pkcs10CertificateRequest> {
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(pem);
  } catch (e) {
    throw new CertificateRequestError('the certificate request cannot be parsed', e);
  }
  const algorithm = csr.publicKey.algorithm as { name?: string; namedCurve?: string };
  if (algorithm.name !== 'ECDSA' || algorithm.namedCurve !== 'P-256') {
    throw new CertificateRequestError('the certificate request must be for an ECDSA P-256 key');
  }
  let valid = false;
  try {
    valid = await csr.verify();
  } catch {
    // a malformed signature is as bad as a wrong one
  }
  if (!valid) throw new CertificateRequestError('the certificate request is not signed by its key');
  return csr;
}

/** 16 random bytes, first one in 0x40..0x7f: positive, minimal DER, always 32 hex digits. */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x3f) | 0x40;
  return bytes.toString('hex');
}

function derInteger(value: number): Uint8Array {
  let hex = BigInt(value).toString(16);
  if (hex.length % 2) hex = '0' + hex;
  if (parseInt(hex.slice(0, 2), 16) >= 0x80) hex = '00' + hex;
  const body = Buffer.from(hex, 'hex');
  return Buffer.concat([Buffer.from([0x02, body.length]), body]);
}

function toNodeCertificate(cert: NodeX509 | string | Uint8Array): NodeX509 {
  return cert instanceof NodeX509 ? cert : new NodeX509(typeof cert === 'string' ? cert : Buffer.from(cert));
}

/** The organisation a node certificate was issued to (its one `urn:blueline:org:` SAN URI), or null. */
export function orgIdOfCertificate(cert: NodeX509 | string | Uint8Array): string | null {
  let names: readonly x509.GeneralName[];
  try {
    const san = new x509.X509Certificate(toNodeCertificate(cert).raw).getExtension(x509.SubjectAlternativeNameExtension);
    names = san?.names.items ?? [];
  } catch {
    return null;
  }
  const orgIds = names
    .filter((n) => n.type === 'url' && n.value.startsWith(ORG_URI_PREFIX))
    .map((n) => n.value.slice(ORG_URI_PREFIX.length));
  const [orgId] = orgIds;
  return orgIds.length === 1 && orgId !== undefined && ORG_ID.test(orgId) ? orgId : null;
}

/** The serial number as lowercase hex, the form `IssuedCertificate.serial` and the CRL use. */
export function certificateSerial(cert: NodeX509 | string | Uint8Array): string {
  return toNodeCertificate(cert).serialNumber.toLowerCase();
}

/** sha256 of the certificate's DER, lowercase hex. */
export function certificateFingerprint(pemOrDer: string | Uint8Array): string {
  const der = typeof pemOrDer === 'string' ? new NodeX509(pemOrDer).raw : pemOrDer;
  return createHash('sha256').update(der).digest('hex');
}

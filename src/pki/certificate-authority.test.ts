import { createHash, webcrypto, X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import * as x509 from '@peculiar/x509';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCertificateRequest, generateNodeKeys, newKeyPair, tlsKeyPem, type NodeKeys } from '../crypto/node-keys.js';
import {
  CertificateAuthority,
  CertificateRequestError,
  certificateFingerprint,
  certificateSerial,
  orgIdOfCertificate,
  type IssuedCertificate,
} from './certificate-authority.js';
import { createRootCa, saveRootCa, type RootCa } from './root-ca.js';

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const now = new Date();

let root: RootCa;
let ca: CertificateAuthority;
let keys: NodeKeys;
let issued: IssuedCertificate;
let server: IssuedCertificate & { privateKeyPem: string };

beforeAll(async () => {
  root = await createRootCa('Blueline Test');
  ca = await CertificateAuthority.fromPem(root.certificatePem, root.privateKeyPem);
  keys = generateNodeKeys();
  issued = await ca.issueNodeCertificate({ csrPem: await createCertificateRequest(keys, 'whoever'), orgId: 'org_alpha', now, validityDays: 365 });
  server = await ca.issueServerCertificate({ hostnames: ['localhost', '127.0.0.1', '::1'], now, validityDays: 90 });
});

async function csrWith(algorithm: webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams | webcrypto.Algorithm, signingAlgorithm: webcrypto.Algorithm | webcrypto.EcdsaParams): Promise<string> {
  const pair = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=x', keys: pair, signingAlgorithm });
  return csr.toString('pem');
}

async function expectCsrRefused(csrPem: string): Promise<void> {
  const attempt = ca.issueNodeCertificate({ csrPem, orgId: 'org_alpha', now, validityDays: 30 });
  await expect(attempt).rejects.toBeInstanceOf(CertificateRequestError);
  await expect(attempt).rejects.toMatchObject({ code: 'pki.csr_invalid', status: 422 });
}

describe('node certificates', () => {
  it('are issued by the root to the organisation, for client authentication', () => {
    const cert = new X509Certificate(issued.certificatePem);
    const rootCert = new X509Certificate(root.certificatePem);
    expect(cert.verify(rootCert.publicKey)).toBe(true);
    expect(cert.checkIssued(rootCert)).toBe(true);
    expect(cert.verify(new X509Certificate(server.certificatePem).publicKey)).toBe(false);
    expect(cert.ca).toBe(false);
    expect(cert.checkPrivateKey(keys.tls.privateKey)).toBe(true);
    expect(cert.subject.split('\n')).toEqual(['CN=org_alpha', 'O=Blueline network']);
    expect(cert.subjectAltName).toBe('URI:urn:blueline:org:org_alpha');
    expect(cert.keyUsage).toEqual([CLIENT_AUTH]);
    expect(orgIdOfCertificate(cert)).toBe('org_alpha');
    expect(orgIdOfCertificate(issued.certificatePem)).toBe('org_alpha');
    expect(orgIdOfCertificate(new Uint8Array(cert.raw))).toBe('org_alpha');
  });

  it('carry a random positive serial, the dates asked for and key identifiers', () => {
    const cert = new x509.X509Certificate(issued.certificatePem);
    expect(issued.serial).toMatch(/^[4-7][0-9a-f]{31}$/);
    expect(certificateSerial(issued.certificatePem)).toBe(issued.serial);
    expect(issued.notBefore.getTime()).toBe(Math.floor(now.getTime() / 1000) * 1000);
    expect(issued.notAfter.getTime() - issued.notBefore.getTime()).toBe(365 * 86_400_000);
    const ku = cert.getExtension(x509.KeyUsagesExtension);
    expect(ku?.usages).toBe(x509.KeyUsageFlags.digitalSignature);
    const ski = new x509.X509Certificate(root.certificatePem).getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
    expect(ski).toBeTruthy();
    expect(cert.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId).toBe(ski);
    expect(cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId).toMatch(/^[0-9a-f]{40}$/);
  });

  it('are refused for a CSR with a bad signature', async () => {
    const der = Buffer.from(new x509.Pkcs10CertificateRequest(await createCertificateRequest(keys, 'x')).rawData);
    der[der.length - 1]! ^= 0x01; // the last byte of the ECDSA signature's s
    await expectCsrRefused(x509.PemConverter.encode(der, 'CERTIFICATE REQUEST'));
  });

  it('are refused for RSA, Ed25519 and P-384 keys, and for garbage', async () => {
    await expectCsrRefused(await csrWith({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, { name: 'RSASSA-PKCS1-v1_5' }));
    await expectCsrRefused(await csrWith({ name: 'Ed25519' }, { name: 'Ed25519' }));
    await expectCsrRefused(await csrWith({ name: 'ECDSA', namedCurve: 'P-384' }, { name: 'ECDSA', hash: 'SHA-384' }));
    await expectCsrRefused('-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----');
    await expectCsrRefused('not a CSR');
  });

  it('are not issued to an organisation id that would need escaping', async () => {
    const csrPem = await createCertificateRequest(keys, 'x');
    await expect(ca.issueNodeCertificate({ csrPem, orgId: 'a,O=evil', now, validityDays: 1 })).rejects.toThrow(/organisation id/);
  });
});

describe('the hub server certificate', () => {
  it('names the hosts and IP addresses, for server authentication', () => {
    const cert = new X509Certificate(server.certificatePem);
    expect(cert.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(cert.keyUsage).toEqual([SERVER_AUTH]);
    expect(cert.checkIssued(new X509Certificate(root.certificatePem))).toBe(true);
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(orgIdOfCertificate(cert)).toBeNull();
  });
});

describe('the CA', () => {
  it('is fingerprinted by the sha256 of the root DER', async () => {
    const der = new X509Certificate(root.certificatePem).raw;
    expect(ca.fingerprint).toBe(createHash('sha256').update(der).digest('hex'));
    expect(certificateFingerprint(root.certificatePem)).toBe(ca.fingerprint);
    expect(certificateFingerprint(new Uint8Array(der))).toBe(ca.fingerprint);
    expect(ca.certificatePem.trim()).toBe(root.certificatePem.trim());
  });

  it('loads from files and refuses a key that is not the root’s', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blueline-ca-'));
    try {
      await saveRootCa(root, join(dir, 'ca.crt'), join(dir, 'ca.key'));
      expect((await CertificateAuthority.load(join(dir, 'ca.crt'), join(dir, 'ca.key'))).fingerprint).toBe(ca.fingerprint);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const other = newKeyPair('p256').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    await expect(CertificateAuthority.fromPem(root.certificatePem, other)).rejects.toThrow(/does not match/);
  });

  it('signs a CRL listing the revoked serials', async () => {
    const revokedAt = new Date(now.getTime() - 60_000);
    const pem = await ca.createCrl({ revoked: [{ serial: issued.serial, revokedAt }, { serial: '0abc', revokedAt }], now, nextUpdateHours: 24 });
    const crl = new x509.X509Crl(pem);
    expect(await crl.verify({ publicKey: new x509.X509Certificate(root.certificatePem) })).toBe(true);
    expect(await crl.verify({ publicKey: new x509.X509Certificate(server.certificatePem) })).toBe(false);
    expect(crl.issuer).toBe(new x509.X509Certificate(root.certificatePem).subject);
    expect(crl.entries.map((e) => e.serialNumber.toLowerCase())).toEqual([issued.serial, '0abc']);
    expect(crl.findRevoked(issued.serial)?.revocationDate.getTime()).toBe(Math.floor(revokedAt.getTime() / 1000) * 1000);
    expect(crl.findRevoked(server.serial)).toBeNull();
    expect(crl.nextUpdate!.getTime() - crl.thisUpdate.getTime()).toBe(24 * 3_600_000);
    expect(crl.getExtension('2.5.29.20')).not.toBeNull();
  });
});

interface Outcome {
  connected: boolean;
  serverError?: string;
  peerOrgId?: string | null;
}

/** A TLS 1.3 server with the hub's certificate that asks for a client certificate from the root. */
async function handshake(client: { key: string; cert: string }, serverExtra: tls.TlsOptions = {}): Promise<Outcome> {
  const outcome: Outcome = { connected: false };
  const srv = tls.createServer({ key: server.privateKeyPem, cert: server.certificatePem, ca: [root.certificatePem], requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.3', ...serverExtra }, (socket) => {
    outcome.peerOrgId = orgIdOfCertificate(socket.getPeerX509Certificate()!);
    socket.end('hello');
  });
  // Node checks the client certificate after OpenSSL's handshake and destroys the socket; the reason stays on it.
  srv.on('tlsClientError', (e, socket) => (outcome.serverError ??= String(socket.authorizationError ?? e.message)));
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = srv.address() as AddressInfo;
    const received = await new Promise<string>((resolve) => {
      let data = '';
      const socket = tls.connect({ host: '127.0.0.1', port, ca: [root.certificatePem], ...client, minVersion: 'TLSv1.3' });
      socket.on('secureConnect', () => expect(socket.getProtocol()).toBe('TLSv1.3'));
      socket.on('data', (chunk: Buffer) => (data += chunk.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(data));
    });
    outcome.connected = received === 'hello';
    return outcome;
  } finally {
    await new Promise((resolve) => srv.close(resolve));
  }
}

describe('TLS 1.3 between the hub and a node', () => {
  it('succeeds with an issued node certificate, and the hub reads the organisation', async () => {
    const outcome = await handshake({ key: tlsKeyPem(keys), cert: issued.certificatePem });
    expect(outcome).toEqual({ connected: true, peerOrgId: 'org_alpha' });
  });

  it('refuses a client certificate from another root', async () => {
    const otherRoot = await createRootCa('Other');
    const other = await CertificateAuthority.fromPem(otherRoot.certificatePem, otherRoot.privateKeyPem);
    const otherKeys = generateNodeKeys();
    const foreign = await other.issueNodeCertificate({ csrPem: await createCertificateRequest(otherKeys, 'x'), orgId: 'org_alpha', now, validityDays: 30 });
    const outcome = await handshake({ key: tlsKeyPem(otherKeys), cert: foreign.certificatePem });
    expect(outcome.connected).toBe(false);
    expect(outcome.serverError).toMatch(/^UNABLE_TO_VERIFY_LEAF_SIGNATURE$/);
  });

  it('refuses an expired node certificate', async () => {
    const longAgo = new Date(now.getTime() - 400 * 86_400_000);
    const expired = await ca.issueNodeCertificate({ csrPem: await createCertificateRequest(keys, 'x'), orgId: 'org_alpha', now: longAgo, validityDays: 365 });
    const outcome = await handshake({ key: tlsKeyPem(keys), cert: expired.certificatePem });
    expect(outcome.connected).toBe(false);
    expect(outcome.serverError).toMatch(/^CERT_HAS_EXPIRED$/);
  });

  it('refuses the server certificate used as a client certificate (EKU)', async () => {
    const outcome = await handshake({ key: server.privateKeyPem, cert: server.certificatePem });
    expect(outcome.connected).toBe(false);
    expect(outcome.serverError).toMatch(/^INVALID_PURPOSE$/);
  });

  it('refuses a node certificate the CRL lists', async () => {
    const crl = await ca.createCrl({ revoked: [{ serial: issued.serial, revokedAt: now }], now: new Date(now.getTime() - 1000), nextUpdateHours: 1 });
    const outcome = await handshake({ key: tlsKeyPem(keys), cert: issued.certificatePem }, { crl });
    expect(outcome.connected).toBe(false);
    expect(outcome.serverError).toMatch(/^CERT_REVOKED$/);
    expect((await handshake({ key: tlsKeyPem(keys), cert: issued.certificatePem }, { crl: await ca.createCrl({ revoked: [], now, nextUpdateHours: 1 }) })).connected).toBe(true);
  });
});

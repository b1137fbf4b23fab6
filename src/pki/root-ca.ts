import { webcrypto, X509Certificate as NodeX509 } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as x509 from '@peculiar/x509';
import { writeSecretFile } from '../crypto/secret-file.js';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const ROOT_VALIDITY_YEARS = 10;

export interface RootCa {
  certificatePem: string;
  privateKeyPem: string;
}

/** Creates the network's root certificate authority: an ECDSA P-256 key and a self-signed CA certificate. */
export async function createRootCa(networkName: string, now = new Date()): Promise<RootCa> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + ROOT_VALIDITY_YEARS);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1'),
    name: `CN=${escapeDn(networkName)} Root CA, O=${escapeDn(networkName)}`,
    notBefore: now,
    notAfter,
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 1, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    certificatePem: certificate.toString('pem'),
    privateKeyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
  };
}

export async function saveRootCa(ca: RootCa, certificateFile: string, keyFile: string): Promise<void> {
  await writeSecretFile(keyFile, ca.privateKeyPem);
  await writeSecretFile(certificateFile, ca.certificatePem);
}

/** Reads the root certificate and checks that it is still valid. */
export async function loadRootCertificate(file: string, now = new Date()): Promise<NodeX509> {
  const certificate = new NodeX509(await readFile(file));
  if (!certificate.ca) throw new Error(`${file} is not a CA certificate`);
  if (new Date(certificate.validTo) < now) throw new Error(`the network root certificate in ${file} expired on ${certificate.validTo}`);
  return certificate;
}

function escapeDn(value: string): string {
  return value.replace(/([,+"\\<>;=])/g, '\\$1');
}

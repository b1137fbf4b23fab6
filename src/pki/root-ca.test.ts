import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRootCa } from './root-ca.js';

describe('root CA', () => {
  it('is a self-signed CA certificate whose key matches', async () => {
    const ca = await createRootCa('Blueline Test');
    const cert = new X509Certificate(ca.certificatePem);
    expect(cert.ca).toBe(true);
    expect(cert.subject).toContain('CN=Blueline Test Root CA');
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.checkPrivateKey((await import('node:crypto')).createPrivateKey(ca.privateKeyPem))).toBe(true);
  });
});

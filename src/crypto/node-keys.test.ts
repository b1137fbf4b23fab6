import { createPublicKey, diffieHellman, sign, verify, type KeyObject } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createCertificateRequest,
  generateNodeKeys,
  loadNodeKeys,
  newKeyPair,
  NodeKeysError,
  publicKeyFromRaw,
  rawPublicKey,
  saveNodeKeys,
  tlsKeyPem,
  type NodeKeys,
} from './node-keys.js';

const FILES = ['tls.key', 'signing.key', 'encryption.key'];

function der(key: KeyObject): string {
  return key.type === 'private' ? key.export({ format: 'der', type: 'pkcs8' }).toString('hex') : key.export({ format: 'der', type: 'spki' }).toString('hex');
}

function expectSameKeys(a: NodeKeys, b: NodeKeys): void {
  for (const name of ['tls', 'signing', 'encryption'] as const) {
    expect(der(a[name].privateKey)).toBe(der(b[name].privateKey));
    expect(der(a[name].publicKey)).toBe(der(b[name].publicKey));
  }
}

describe('node keys', () => {
  it('are a P-256 TLS key, an Ed25519 signing key and an X25519 encryption key', () => {
    const keys = generateNodeKeys();
    expect(keys.tls.privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(keys.signing.privateKey.asymmetricKeyType).toBe('ed25519');
    expect(keys.encryption.privateKey.asymmetricKeyType).toBe('x25519');
    expect(der(keys.signing.publicKey)).not.toBe(der(generateNodeKeys().signing.publicKey));
  });

  it('give their public keys as base64url of the raw 32 bytes, and back', () => {
    const keys = generateNodeKeys();
    for (const [kind, pair] of [['ed25519', keys.signing], ['x25519', keys.encryption]] as const) {
      const raw = rawPublicKey(pair.publicKey);
      expect(raw).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(raw).toBe(pair.publicKey.export({ format: 'jwk' }).x);
      expect(rawPublicKey(pair.privateKey)).toBe(raw);
      const back = publicKeyFromRaw(kind, raw);
      expect(back.asymmetricKeyType).toBe(kind);
      expect(der(back)).toBe(der(pair.publicKey));
    }
    const signature = sign(null, Buffer.from('x'), keys.signing.privateKey);
    expect(verify(null, Buffer.from('x'), publicKeyFromRaw('ed25519', rawPublicKey(keys.signing.publicKey)), signature)).toBe(true);
  });

  it('refuse raw public keys of the wrong length or spelling, and other key types', () => {
    const raw = rawPublicKey(generateNodeKeys().signing.publicKey);
    expect(() => publicKeyFromRaw('ed25519', raw.slice(0, 42))).toThrow(/32 bytes/);
    expect(() => publicKeyFromRaw('ed25519', raw + 'AA')).toThrow(/32 bytes/);
    expect(() => publicKeyFromRaw('x25519', Buffer.alloc(31).toString('base64url'))).toThrow(/32 bytes/);
    expect(() => publicKeyFromRaw('x25519', raw.slice(0, 42) + '!')).toThrow(/32 bytes/);
    expect(() => rawPublicKey(newKeyPair('p256').publicKey)).toThrow(/Ed25519 or X25519/);
  });

  it('are made without a generator job, as working pairs that differ each time', () => {
    for (const kind of ['ed25519', 'x25519', 'p256'] as const) {
      const [a, b] = [newKeyPair(kind), newKeyPair(kind)];
      expect(a.privateKey.asymmetricKeyType).toBe(kind === 'p256' ? 'ec' : kind);
      expect(der(a.publicKey)).toBe(der(createPublicKey(a.privateKey)));
      expect(der(a.privateKey)).not.toBe(der(b.privateKey));
      if (kind === 'x25519') {
        expect(diffieHellman({ privateKey: a.privateKey, publicKey: b.publicKey })).toEqual(diffieHellman({ privateKey: b.privateKey, publicKey: a.publicKey }));
      } else {
        const hash = kind === 'p256' ? 'sha256' : null;
        const signature = sign(hash, Buffer.from('x'), a.privateKey);
        expect(verify(hash, Buffer.from('x'), a.publicKey, signature)).toBe(true);
        expect(verify(hash, Buffer.from('x'), b.publicKey, signature)).toBe(false);
      }
    }
    expect(newKeyPair('p256').privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('make a CSR signed by the TLS key', async () => {
    const keys = generateNodeKeys();
    const csr = new x509.Pkcs10CertificateRequest(await createCertificateRequest(keys, 'org_hint'));
    expect(csr.subject).toBe('CN=org_hint');
    expect(await csr.verify()).toBe(true);
    expect(Buffer.from(csr.publicKey.rawData).toString('hex')).toBe(der(keys.tls.publicKey));
  });

  it('give the TLS key as clear PKCS#8 PEM', () => {
    const keys = generateNodeKeys();
    const pem = tlsKeyPem(keys);
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(pem).toBe(keys.tls.privateKey.export({ format: 'pem', type: 'pkcs8' }));
  });
});

describe('saving and loading node keys', () => {
  let dir: string;
  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'blueline-keys-')), 'node');
  });
  afterEach(async () => {
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('round-trips clear keys in 0600 files', async () => {
    const keys = generateNodeKeys();
    await saveNodeKeys(dir, keys);
    for (const file of FILES) {
      expect((await stat(join(dir, file))).mode & 0o777).toBe(0o600);
      expect(await readFile(join(dir, file), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    }
    expectSameKeys(await loadNodeKeys(dir), keys);
  });

  it('round-trips keys encrypted under a passphrase', async () => {
    const keys = generateNodeKeys();
    await saveNodeKeys(dir, keys, 'correct horse battery staple');
    for (const file of FILES) {
      expect((await stat(join(dir, file))).mode & 0o777).toBe(0o600);
      const pem = await readFile(join(dir, file), 'utf8');
      expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
      expect(pem).not.toContain(tlsKeyPem(keys).split('\n')[1]);
    }
    expectSameKeys(await loadNodeKeys(dir, 'correct horse battery staple'), keys);
  });

  it('says clearly when the passphrase is wrong or missing', async () => {
    await saveNodeKeys(dir, generateNodeKeys(), 'right');
    const wrong = loadNodeKeys(dir, 'wrong');
    await expect(wrong).rejects.toBeInstanceOf(NodeKeysError);
    await expect(wrong).rejects.toMatchObject({ code: 'keys.passphrase_wrong', message: expect.stringMatching(/tls\.key cannot be decrypted: wrong node key passphrase/) as unknown });
    await expect(loadNodeKeys(dir)).rejects.toMatchObject({ code: 'keys.passphrase_missing', message: expect.stringMatching(/is encrypted: the node key passphrase is needed/) as unknown });
  });

  it('never overwrites existing keys and refuses an empty passphrase', async () => {
    const keys = generateNodeKeys();
    await saveNodeKeys(dir, keys);
    await expect(saveNodeKeys(dir, generateNodeKeys())).rejects.toMatchObject({ code: 'keys.exist' });
    expectSameKeys(await loadNodeKeys(dir), keys);
    await expect(saveNodeKeys(join(dir, 'other'), keys, '')).rejects.toThrow(/must not be empty/);
  });

  it('refuses a key file holding the wrong kind of key', async () => {
    const keys = generateNodeKeys();
    await saveNodeKeys(dir, { ...keys, signing: keys.encryption });
    await expect(loadNodeKeys(dir)).rejects.toMatchObject({ code: 'keys.invalid', message: expect.stringMatching(/signing\.key/) as unknown });
  });
});

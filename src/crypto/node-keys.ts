import { createECDH, createPrivateKey, createPublicKey, randomBytes, webcrypto, type KeyObject } from 'node:crypto';
import { access, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { writeSecretFile } from './secret-file.js';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface NodeKeys {
  /** ECDSA P-256: the key of the node's client certificate */
  tls: KeyPair;
  /** Ed25519: signs envelopes and receipts */
  signing: KeyPair;
  /** X25519: content keys are sealed to it */
  encryption: KeyPair;
}

export type OkpKind = 'ed25519' | 'x25519';

export class NodeKeysError extends Error {
  constructor(
    readonly code: 'keys.passphrase_missing' | 'keys.passphrase_wrong' | 'keys.invalid' | 'keys.exist',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'NodeKeysError';
  }
}

const FILES = { tls: 'tls.key', signing: 'signing.key', encryption: 'encryption.key' } as const;

// Through JWK, not SPKI DER: OpenSSL 3's DER encoder and decoder cost some 200 µs a key, JWK 5-35 µs.
const JWK_CURVE: Record<OkpKind, string> = { ed25519: 'Ed25519', x25519: 'X25519' };

export function generateNodeKeys(): NodeKeys {
  return { tls: newKeyPair('p256'), signing: newKeyPair('ed25519'), encryption: newKeyPair('x25519') };
}

export type KeyKind = OkpKind | 'p256';

// PKCS#8 of an Ed25519 / X25519 private key (RFC 8410): this prefix, then the 32 private bytes.
const OKP_PKCS8_PREFIX: Record<OkpKind, Buffer> = {
  ed25519: Buffer.from('302e020100300506032b657004220420', 'hex'),
  x25519: Buffer.from('302e020100300506032b656e04220420', 'hex'),
};

/**
 * A new key pair that is safe to export, made without `generateKeyPairSync`.
 * On Node 20, exporting a key (as JWK, PEM or DER) while the garbage collector
 * frees the job that generated it deadlocks the thread: the export holds the
 * key's lock while it allocates, and the job's destructor takes the same lock
 * (a CI run hung in `ExportJWKEdKey` → GC → `~KeyGenJob`). These keys never had
 * a generator job: an Ed25519 or X25519 private key is 32 random bytes (as
 * OpenSSL makes it), read from its PKCS#8 encoding; a P-256 key is made by
 * ECDH (raw bytes, no key object) and read from JWK. Tests use this too,
 * wherever a key is exported, so CI cannot hang on it.
 */
export function newKeyPair(kind: KeyKind): KeyPair {
  if (kind !== 'p256') return detachedKeyPair(Buffer.concat([OKP_PKCS8_PREFIX[kind], randomBytes(32)]));
  const ecdh = createECDH('prime256v1');
  const point = ecdh.generateKeys(); // 0x04 ‖ x ‖ y
  const d = Buffer.alloc(32);
  const raw = ecdh.getPrivateKey();
  raw.copy(d, 32 - raw.length); // big-endian, without its leading zero bytes
  const jwk = { kty: 'EC', crv: 'P-256', d: d.toString('base64url'), x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') };
  const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/**
 * A key pair read back from its private key's PKCS#8 encoding: no generator
 * job is tied to it, so it may be exported (see newKeyPair).
 */
function detachedKeyPair(pkcs8: Buffer): KeyPair {
  const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** A PKCS#10 request signed by the TLS key, subject CN=orgHint (the hub decides the real subject). */
export async function createCertificateRequest(keys: NodeKeys, orgHint: string): Promise<string> {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256' } as const;
  const privateKey = await webcrypto.subtle.importKey('pkcs8', keys.tls.privateKey.export({ format: 'der', type: 'pkcs8' }), algorithm, false, ['sign']);
  const publicKey = await webcrypto.subtle.importKey('spki', keys.tls.publicKey.export({ format: 'der', type: 'spki' }), algorithm, true, ['verify']);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: [{ CN: [orgHint] }],
    keys: { privateKey, publicKey },
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
  });
  return csr.toString('pem');
}

/** The raw 32 public bytes of an Ed25519 or X25519 key (a private key gives its public half). */
export function publicKeyBytes(key: KeyObject): Buffer {
  return Buffer.from(rawPublicKey(key), 'base64url');
}

export function publicKeyFromBytes(kind: OkpKind, raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new TypeError(`an ${kind} public key is 32 bytes, not ${raw.length}`);
  return createPublicKey({ key: { kty: 'OKP', crv: JWK_CURVE[kind], x: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64url') }, format: 'jwk' });
}

/** Ed25519 / X25519 public key as base64url of the raw 32 bytes. */
export function rawPublicKey(key: KeyObject): string {
  const kind = key.asymmetricKeyType;
  if (kind !== 'ed25519' && kind !== 'x25519') throw new TypeError(`not an Ed25519 or X25519 key: ${kind ?? key.type}`);
  const { x } = key.export({ format: 'jwk' });
  if (x === undefined) throw new TypeError('the key has no public part');
  return x;
}

export function publicKeyFromRaw(kind: OkpKind, raw: string): KeyObject {
  const bytes = Buffer.from(raw, 'base64url');
  // Buffer.from ignores stray characters; only the canonical spelling of 32 bytes is accepted.
  if (bytes.length !== 32 || bytes.toString('base64url') !== raw) throw new TypeError(`not a base64url ${kind} public key of 32 bytes`);
  return createPublicKey({ key: { kty: 'OKP', crv: JWK_CURVE[kind], x: raw }, format: 'jwk' });
}

export function tlsKeyPem(keys: NodeKeys): string {
  return keys.tls.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** Writes tls.key, signing.key and encryption.key (PKCS#8 PEM, 0600; encrypted with AES-256 under a passphrase). */
export async function saveNodeKeys(dir: string, keys: NodeKeys, passphrase?: string): Promise<void> {
  if (passphrase === '') throw new NodeKeysError('keys.invalid', 'the key passphrase must not be empty');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const file of Object.values(FILES)) {
    const exists = await access(join(dir, file)).then(() => true, () => false);
    if (exists) throw new NodeKeysError('keys.exist', `${join(dir, file)} already exists; node keys are never overwritten`);
  }
  for (const [name, file] of Object.entries(FILES) as [keyof NodeKeys, string][]) {
    const pem = passphrase === undefined
      ? keys[name].privateKey.export({ format: 'pem', type: 'pkcs8' })
      : keys[name].privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase });
    await writeSecretFile(join(dir, file), pem.toString());
  }
}

export async function loadNodeKeys(dir: string, passphrase?: string): Promise<NodeKeys> {
  const load = async (name: keyof NodeKeys, check: (key: KeyObject) => boolean): Promise<KeyPair> => {
    const file = join(dir, FILES[name]);
    const pem = await readFile(file, 'utf8');
    const encrypted = pem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    if (encrypted && passphrase === undefined) throw new NodeKeysError('keys.passphrase_missing', `${file} is encrypted: the node key passphrase is needed`);
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey(encrypted ? { key: pem, format: 'pem', passphrase: passphrase ?? '' } : pem);
    } catch (e) {
      if (encrypted) throw new NodeKeysError('keys.passphrase_wrong', `${file} cannot be decrypted: wrong node key passphrase`, { cause: e });
      throw new NodeKeysError('keys.invalid', `${file} is not a private key`, { cause: e });
    }
    if (!check(privateKey)) throw new NodeKeysError('keys.invalid', `${file} is not the expected kind of key`);
    return { privateKey, publicKey: createPublicKey(privateKey) };
  };
  return {
    tls: await load('tls', (k) => k.asymmetricKeyType === 'ec' && k.asymmetricKeyDetails?.namedCurve === 'prime256v1'),
    signing: await load('signing', (k) => k.asymmetricKeyType === 'ed25519'),
    encryption: await load('encryption', (k) => k.asymmetricKeyType === 'x25519'),
  };
}

import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { detachedKeyPair } from './node-keys.js';
import { writeSecretFile } from './secret-file.js';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function generateSigningKey(): SigningKey {
  // Read back from its encoding: see detachedKeyPair.
  return detachedKeyPair(generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'der' }, publicKeyEncoding: { type: 'spki', format: 'der' } }).privateKey);
}

export async function saveSigningKey(file: string, key: SigningKey): Promise<void> {
  await writeSecretFile(file, key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
}

export async function loadSigningKey(file: string): Promise<SigningKey> {
  const privateKey = createPrivateKey(await readFile(file, 'utf8'));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

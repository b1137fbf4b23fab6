import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { newKeyPair } from './node-keys.js';
import { writeSecretFile } from './secret-file.js';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function generateSigningKey(): SigningKey {
  // Safe to export (no generator job): see newKeyPair.
  return newKeyPair('ed25519');
}

export async function saveSigningKey(file: string, key: SigningKey): Promise<void> {
  await writeSecretFile(file, key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
}

export async function loadSigningKey(file: string): Promise<SigningKey> {
  const privateKey = createPrivateKey(await readFile(file, 'utf8'));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

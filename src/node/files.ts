import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadNodeKeys, type NodeKeys } from '../crypto/node-keys.js';

/** Where a node keeps what it is: everything under its data folder, the secrets owner-only. */
export function nodeFiles(dataDir: string) {
  return {
    dataDir,
    /** What the node is: its organisation and its hub (written last at enrolment: its presence means enrolled). */
    identity: join(dataDir, 'node.json'),
    keysDir: join(dataDir, 'keys'),
    certificate: join(dataDir, 'node.crt'),
    caCertificate: join(dataDir, 'ca.crt'),
    database: join(dataDir, 'node.sqlite'),
    firstLogin: join(dataDir, 'first-login.txt'),
  };
}

export interface NodeIdentityFile {
  v: 1;
  orgId: string;
  hubUrl: string;
  enrolledAt: string;
  /** The hub's signing key as it gave it at enrolment (base64url raw Ed25519). */
  hubSigningKey: string | null;
}

export interface NodeIdentity extends NodeIdentityFile {
  dataDir: string;
  keys: NodeKeys;
  certificatePem: string;
  caCertificatePem: string;
}

export class NotEnrolledError extends Error {}

export function isEnrolled(dataDir: string): boolean {
  return existsSync(nodeFiles(dataDir).identity);
}

/** Reads the node's identity, keys and certificates; a passphrase opens encrypted keys. */
export async function loadNodeIdentity(dataDir: string, passphrase?: string): Promise<NodeIdentity> {
  const files = nodeFiles(dataDir);
  if (!isEnrolled(dataDir)) throw new NotEnrolledError(`${dataDir} holds no enrolled node; run "blueline node enrol --hub URL --token T" first`);
  const identity = JSON.parse(await readFile(files.identity, 'utf8')) as NodeIdentityFile;
  if (identity.v !== 1 || typeof identity.orgId !== 'string' || typeof identity.hubUrl !== 'string') throw new NotEnrolledError(`${files.identity} is not a node identity file`);
  let keys: NodeKeys;
  try {
    keys = await loadNodeKeys(files.keysDir, passphrase);
  } catch (error) {
    throw new NotEnrolledError(`cannot open the node's keys in ${files.keysDir}${passphrase === undefined ? ' (are they encrypted? give --passphrase-file)' : ' (wrong passphrase?)'}: ${(error as Error).message}`);
  }
  return {
    ...identity,
    dataDir,
    keys,
    certificatePem: await readFile(files.certificate, 'utf8'),
    caCertificatePem: await readFile(files.caCertificate, 'utf8'),
  };
}

/** Replaces a public file in one step (write beside, then rename), so a crash leaves the old or the new one. */
export async function replaceFile(file: string, contents: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, contents, { mode: 0o644 });
  await rename(temporary, file);
}

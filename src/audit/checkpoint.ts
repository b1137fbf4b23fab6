/**
 * Signed tree heads as C2SP tlog-checkpoint bodies wrapped in C2SP signed
 * notes, signed with Ed25519 (the Go golang.org/x/mod/sumdb/note format):
 *
 *   <origin>\n<tree size>\n<base64 root hash>\n
 *   \n
 *   — <key name> <base64(key id || signature)>\n
 *
 * Parsing is strict: checkpoint extension lines are not accepted.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { HASH_SIZE } from './merkle.js';

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Buffer;
}

export type CheckpointErrorCode = 'malformed' | 'invalid-key' | 'unknown-key' | 'bad-signature';

export class CheckpointError extends Error {
  readonly code: CheckpointErrorCode;

  constructor(code: CheckpointErrorCode, message: string) {
    super(message);
    this.name = 'CheckpointError';
    this.code = code;
  }
}

export type CheckpointVerdict =
  | { readonly ok: true; readonly checkpoint: Checkpoint }
  | { readonly ok: false; readonly code: CheckpointErrorCode; readonly message: string };

export interface NoteSignature {
  readonly name: string;
  readonly keyId: Buffer;
  /** The signature bytes after the 4-byte key id. */
  readonly signature: Buffer;
}

export interface Note {
  /** The signed text, ending in a newline. */
  readonly body: string;
  readonly signatures: readonly NoteSignature[];
}

const SIGNATURE_PREFIX = '\u2014 ';
const ED25519_ALGORITHM = 0x01;
const KEY_ID_SIZE = 4;
const ED25519_SIGNATURE_SIZE = 64;
const MAX_SIGNATURES = 100;
const DECIMAL = /^(0|[1-9][0-9]*)$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function malformed(message: string): CheckpointError {
  return new CheckpointError('malformed', message);
}

/** Standard padded base64 that re-encodes to exactly the same text. */
function decodeBase64Strict(text: string): Buffer | undefined {
  if (!BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

function isWellFormedUtf16(text: string): boolean {
  return Buffer.from(text, 'utf8').toString('utf8') === text;
}

// Mirrors the Go note package: valid UTF-8, no ASCII controls but newline.
function hasOnlyNoteCharacters(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return isWellFormedUtf16(text) && !/[\u0000-\u0009\u000b-\u001f]/.test(text);
}

function isValidKeyName(name: string): boolean {
  return name !== '' && hasOnlyNoteCharacters(name) && !/[\s+]/u.test(name);
}

function isValidOrigin(origin: string): boolean {
  return origin !== '' && hasOnlyNoteCharacters(origin) && !origin.includes('\n');
}

// ---------------------------------------------------------------------------
// Checkpoint body
// ---------------------------------------------------------------------------

export function formatCheckpoint(checkpoint: { origin: string; size: number; root: Uint8Array }): string {
  const { origin, size, root } = checkpoint;
  if (!isValidOrigin(origin)) throw malformed('origin must be a non-empty line of text');
  if (!Number.isSafeInteger(size) || size < 0) throw malformed(`invalid tree size ${size}`);
  if (root.length !== HASH_SIZE) throw malformed(`root hash must be ${HASH_SIZE} bytes`);
  return `${origin}\n${size}\n${Buffer.from(root).toString('base64')}\n`;
}

/** Parses a checkpoint body (the signed text of the note, not the whole note). */
export function parseCheckpoint(body: string): Checkpoint {
  const lines = body.split('\n');
  if (lines.length !== 4 || lines[3] !== '') {
    throw malformed('checkpoint must be exactly three newline-terminated lines');
  }
  const [origin = '', sizeText = '', rootText = ''] = lines;
  if (!isValidOrigin(origin)) throw malformed('invalid origin line');
  const size = Number(sizeText);
  if (!DECIMAL.test(sizeText) || !Number.isSafeInteger(size)) throw malformed('invalid tree size line');
  const root = decodeBase64Strict(rootText);
  if (root?.length !== HASH_SIZE) throw malformed('invalid root hash line');
  return { origin, size, root };
}

// ---------------------------------------------------------------------------
// Signed notes
// ---------------------------------------------------------------------------

function rawEd25519PublicKey(key: KeyObject): Buffer {
  if (key.type !== 'public' || key.asymmetricKeyType !== 'ed25519') {
    throw new CheckpointError('invalid-key', 'expected an Ed25519 public key');
  }
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(jwk.x ?? '', 'base64url');
}

/** First 4 bytes of SHA-256(name || "\n" || 0x01 || public key), as in the Go note package. */
export function keyId(keyName: string, publicKey: KeyObject): Buffer {
  const hash = createHash('sha256')
    .update(keyName, 'utf8')
    .update(Buffer.from([0x0a, ED25519_ALGORITHM]))
    .update(rawEd25519PublicKey(publicKey))
    .digest();
  return hash.subarray(0, KEY_ID_SIZE);
}

/** Signs a checkpoint body and returns the complete note text. */
export function signCheckpoint(body: string, keyName: string, privateKey: KeyObject): string {
  parseCheckpoint(body);
  if (!isValidKeyName(keyName)) throw new CheckpointError('invalid-key', 'invalid key name');
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new CheckpointError('invalid-key', 'expected an Ed25519 private key');
  }
  const id = keyId(keyName, createPublicKey(privateKey));
  const signature = sign(null, Buffer.from(body, 'utf8'), privateKey);
  return `${body}\n${SIGNATURE_PREFIX}${keyName} ${Buffer.concat([id, signature]).toString('base64')}\n`;
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIGNATURE_PREFIX)) throw malformed('signature line must start with an em dash');
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.lastIndexOf(' ');
  const name = rest.slice(0, space);
  const blob = space < 0 ? undefined : decodeBase64Strict(rest.slice(space + 1));
  if (!isValidKeyName(name) || blob === undefined || blob.length <= KEY_ID_SIZE) {
    throw malformed('invalid signature line');
  }
  return { name, keyId: blob.subarray(0, KEY_ID_SIZE), signature: blob.subarray(KEY_ID_SIZE) };
}

/** Splits a signed note into its text and signature lines without verifying anything. */
export function openNote(text: string): Note {
  if (!hasOnlyNoteCharacters(text)) throw malformed('note contains invalid characters');
  if (!text.endsWith('\n')) throw malformed('note must end with a newline');
  const split = text.lastIndexOf('\n\n');
  if (split < 0) throw malformed('note has no signature block');
  const body = text.slice(0, split + 1);
  const lines = text.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw malformed('too many signatures');
  return { body, signatures: lines.map(parseSignatureLine) };
}

/**
 * Checks that the note carries a valid signature by this key and returns the
 * checkpoint. Signatures by other keys (e.g. witnesses) are ignored; a
 * signature claiming to be by this key that does not verify is a failure.
 */
export function verifyCheckpoint(text: string, keyName: string, publicKey: KeyObject): CheckpointVerdict {
  try {
    const note = openNote(text);
    const id = keyId(keyName, publicKey);
    const mine = note.signatures.filter((s) => s.name === keyName && s.keyId.equals(id));
    if (mine.length === 0) throw new CheckpointError('unknown-key', `no signature by ${keyName}`);
    const message = Buffer.from(note.body, 'utf8');
    for (const { signature } of mine) {
      const valid = signature.length === ED25519_SIGNATURE_SIZE && verify(null, message, publicKey, signature);
      if (!valid) throw new CheckpointError('bad-signature', `invalid signature by ${keyName}`);
    }
    return { ok: true, checkpoint: parseCheckpoint(note.body) };
  } catch (error) {
    if (error instanceof CheckpointError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  diffieHellman,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { canonicalJson } from '../core/canonical-json.js';
import { pooledRandomBytes } from '../crypto/random-pool.js';
import { publicKeyBytes, publicKeyFromBytes, publicKeyFromRaw } from '../crypto/node-keys.js';
import { batchSignatureMaxChars, isBatchSignature, signBatch, verifyBatch, type BatchPurpose } from './batch-signature.js';

export type Priority = 'routine' | 'urgent' | 'flash';
export type HandlingCode = 'H0' | 'H1' | 'H2' | 'H3';
export type Audience =
  | { kind: 'agencies'; ids: string[] }
  | { kind: 'region'; region: string }
  | { kind: 'all' }
  | { kind: 'project'; projectId: string };

export interface RoutingHeader {
  v: 1;
  id: string;
  sender: string;
  seq: number;
  recipients: string[];
  audience: Audience;
  priority: Priority;
  handling: { code: HandlingCode; restriction?: string };
  crimeAreas: string[];
  caseId: string | null;
  createdAt: string;
  contentType: 'application/vnd.blueline.message+json';
}

/** A content key sealed to one recipient with HPKE; base64url. */
export interface WrappedKey {
  recipient: string;
  enc: string;
  wrappedKey: string;
}

export interface Envelope extends RoutingHeader {
  ciphertext: string;
  keys: WrappedKey[];
  signature: string;
}

export interface Attachment {
  name: string;
  contentType: string;
  data: Uint8Array;
}

export interface MessageContent {
  subject: string;
  body: string;
  attachments: Attachment[];
}

export type EnvelopeErrorCode = 'message.tampered' | 'message.misaddressed' | 'message.malformed';

export class EnvelopeError extends Error {
  constructor(
    readonly code: EnvelopeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

/** An envelope sealed but not yet signed (signEnvelopes signs several together). */
export type UnsignedEnvelope = Omit<Envelope, 'signature'>;

/** The most envelopes under one batch signature: far above a compose group (an inclusion proof of at most 12 hashes). */
export const ENVELOPE_BATCH_MAX = 4096;
/** The longest envelope signature: a batch signature with the longest proof. */
export const ENVELOPE_SIGNATURE_MAX_CHARS = batchSignatureMaxChars(ENVELOPE_BATCH_MAX);

const ENVELOPES: BatchPurpose = { name: 'blueline/envelopes/v1', max: ENVELOPE_BATCH_MAX };

/** Encrypts the content once, seals its key to every `header.recipients` entry (each needs a key in `recipientKeys`) and signs. */
export async function sealEnvelope(
  header: RoutingHeader,
  content: MessageContent,
  senderSigningKey: KeyObject,
  recipientKeys: ReadonlyMap<string, string>,
): Promise<Envelope> {
  return Promise.resolve(signEnvelopes([sealUnsigned(header, content, recipientKeys)], senderSigningKey)[0] as Envelope);
}

/** Encrypts the content once and seals its key to every `header.recipients` entry (each needs a key in `recipientKeys`); not signed yet. */
export function sealUnsigned(header: RoutingHeader, content: MessageContent, recipientKeys: ReadonlyMap<string, string>): UnsignedEnvelope {
  const routing = routingHeaderOf(header);
  if (routing.recipients.length === 0) throw new EnvelopeError('message.malformed', 'a message needs at least one recipient');
  if (new Set(routing.recipients).size !== routing.recipients.length) throw new EnvelopeError('message.malformed', 'a recipient is listed twice');
  const recipientPublicKeys = routing.recipients.map((recipient) => {
    const raw = recipientKeys.get(recipient);
    if (raw === undefined) throw new EnvelopeError('message.malformed', `no encryption key for recipient ${recipient}`);
    try {
      return encryptionKeyOf(raw);
    } catch {
      throw new EnvelopeError('message.malformed', `the encryption key of recipient ${recipient} is not an X25519 key`);
    }
  });

  // The content key and the content's nonce in one draw (crypto/random-pool.ts).
  const random = pooledRandomBytes(44);
  const contentKey = random.subarray(0, 32);
  const ciphertext = encryptContent(contentKey, random.subarray(32), Buffer.from(canonicalJson(routing)), Buffer.from(serialiseContent(content)));
  const keys = routing.recipients.map((recipient, i): WrappedKey => {
    const { key, bytes } = recipientPublicKeys[i]!;
    const { enc, ct } = hpkeSeal(key, contentKey, keyAad(routing.id, recipient), bytes);
    return { recipient, enc: enc.toString('base64url'), wrappedKey: ct.toString('base64url') };
  });
  return { ...routing, ciphertext: ciphertext.toString('base64url'), keys };
}

/**
 * Signs envelopes with the sender's key: one alone with a plain Ed25519
 * signature over its canonical JSON; several with one batch signature
 * (batch-signature.ts, decision 0008), each envelope carrying its inclusion
 * proof, so each still verifies on its own. Envelopes share a signature only
 * with others addressed to the same recipients: a recipient's proof holds
 * only hashes of envelopes it receives too.
 */
export function signEnvelopes(unsigned: readonly UnsignedEnvelope[], senderSigningKey: KeyObject): Envelope[] {
  const texts = unsigned.map((e) => Buffer.from(envelopeJson(e)));
  const signatures: string[] = new Array<string>(unsigned.length);
  const groups = new Map<string, number[]>();
  unsigned.forEach((e, i) => {
    const key = e.recipients.join('\n');
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  for (const all of groups.values()) {
    for (let start = 0; start < all.length; start += ENVELOPE_BATCH_MAX) {
      const group = all.slice(start, start + ENVELOPE_BATCH_MAX);
      if (group.length === 1) {
        const i = group[0] as number;
        signatures[i] = sign(null, texts[i] as Buffer, senderSigningKey).toString('base64url');
        continue;
      }
      const signed = signBatch(ENVELOPES, group.map((i) => texts[i] as Buffer), senderSigningKey);
      group.forEach((i, k) => (signatures[i] = signed[k] as string));
    }
  }
  return unsigned.map((e, i) => ({ ...e, signature: signatures[i] as string }));
}

/** Checks the sender's Ed25519 signature (plain, or a batch signature with its proof) over everything in the envelope but `signature` (`signedText`, when the caller has it: envelopeTexts). */
export function verifyEnvelopeSignature(envelope: Envelope, senderSigningPublicKey: KeyObject, signedText?: string): void {
  assertEnvelopeShape(envelope);
  const { signature } = envelope;
  let valid = false;
  try {
    const text = Buffer.from(signedText ?? envelopeTexts(envelope).signed);
    if (isBatchSignature(signature)) {
      valid = verifyBatch(ENVELOPES, text, signature, senderSigningPublicKey);
    } else {
      // Only the canonical spelling counts, so one signature has one envelope digest.
      const signatureBytes = Buffer.from(signature, 'base64url');
      valid = signatureBytes.toString('base64url') === signature && verify(null, text, senderSigningPublicKey, signatureBytes);
    }
  } catch {
    // a value canonical JSON cannot represent was not signed either
  }
  if (!valid) throw new EnvelopeError('message.tampered', `the signature of message ${envelope.id} does not verify`);
}

/** Recipients' encryption keys as key objects and raw bytes, parsed once each (a node writes to few recipients many times). */
const encryptionKeys = new Map<string, { key: KeyObject; bytes: Buffer }>();
const ENCRYPTION_KEYS_KEPT = 10_000;

function encryptionKeyOf(raw: string): { key: KeyObject; bytes: Buffer } {
  let found = encryptionKeys.get(raw);
  if (!found) {
    const key = publicKeyFromRaw('x25519', raw);
    found = { key, bytes: Buffer.from(raw, 'base64url') };
    if (encryptionKeys.size >= ENCRYPTION_KEYS_KEPT) encryptionKeys.clear();
    encryptionKeys.set(raw, found);
  }
  return found;
}

/** Signature first, then addressing, then decryption: `message.tampered`, `message.misaddressed` or `message.malformed` on failure. */
export async function openEnvelope(
  envelope: Envelope,
  recipient: { orgId: string; encryptionPrivateKey: KeyObject },
  senderSigningPublicKey: KeyObject,
): Promise<MessageContent> {
  verifyEnvelopeSignature(envelope, senderSigningPublicKey);
  const entries = envelope.keys.filter((k) => k.recipient === recipient.orgId);
  const [entry] = entries;
  if (!envelope.recipients.includes(recipient.orgId) || entry === undefined) {
    throw new EnvelopeError('message.misaddressed', `message ${envelope.id} is not addressed to ${recipient.orgId}`);
  }
  if (entries.length > 1) throw new EnvelopeError('message.malformed', `message ${envelope.id} holds two keys for ${recipient.orgId}`);

  let plaintext: Buffer;
  try {
    const contentKey = hpkeOpen(recipient.encryptionPrivateKey, Buffer.from(entry.enc, 'base64url'), Buffer.from(entry.wrappedKey, 'base64url'), keyAad(envelope.id, recipient.orgId));
    plaintext = decryptContent(contentKey, Buffer.from(canonicalJson(routingHeaderOf(envelope))), Buffer.from(envelope.ciphertext, 'base64url'));
  } catch {
    throw new EnvelopeError('message.tampered', `message ${envelope.id} cannot be decrypted`);
  }
  return parseContent(plaintext, envelope.id);
}

/** sha256 hex of the canonical JSON of the whole envelope: what the hub compares to tell a duplicate from a replay. */
export function envelopeDigest(envelope: Envelope, wholeText = envelopeJson(envelope)): string {
  return createHash('sha256').update(wholeText).digest('hex');
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * canonicalJson(envelope), byte for byte, without JSON.stringify scanning the ciphertext for
 * characters to escape (7 ms a MiB): base64url has none, so it goes in as it is.
 */
export function envelopeJson(envelope: Omit<Envelope, 'signature'> & { signature?: string }): string {
  return envelopeTexts(envelope).whole;
}

/**
 * The canonical JSON of an envelope (`whole`: what its digest covers) and of
 * everything in it but its signature (`signed`: what the signature signs), in
 * one walk of its fields.
 */
export function envelopeTexts(envelope: Omit<Envelope, 'signature'> & { signature?: string }): { signed: string; whole: string } {
  const record = envelope as unknown as Record<string, unknown>;
  let signed = '';
  let whole = '';
  for (const key of Object.keys(record).sort()) {
    const value = record[key];
    if (value === undefined) continue;
    const json = key === 'ciphertext' && typeof value === 'string' && BASE64URL.test(value) ? `"${value}"` : canonicalJson(value);
    const member = JSON.stringify(key) + ':' + json;
    whole += (whole.length > 0 ? ',' : '') + member;
    if (key !== 'signature') signed += (signed.length > 0 ? ',' : '') + member;
  }
  return { signed: `{${signed}}`, whole: `{${whole}}` };
}

export function routingHeaderOf(envelope: RoutingHeader): RoutingHeader {
  const { v, id, sender, seq, recipients, audience, priority, handling, crimeAreas, caseId, createdAt, contentType } = envelope;
  return { v, id, sender, seq, recipients, audience, priority, handling, crimeAreas, caseId, createdAt, contentType };
}

function keyAad(id: string, recipient: string): Buffer {
  return Buffer.from(`${id}\n${recipient}`);
}

// ---- content: AES-256-GCM, nonce ‖ ciphertext ‖ tag ----

function encryptContent(key: Buffer, nonce: Buffer, aad: Buffer, plaintext: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = cipher.update(plaintext);
  const rest = cipher.final();
  return Buffer.concat([nonce, body, rest, cipher.getAuthTag()]);
}

function decryptContent(key: Buffer, aad: Buffer, sealed: Buffer): Buffer {
  if (sealed.length < 28) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
}

/** The content as it is encrypted: JSON with attachments in base64 (also the node's own copies). */
export function serialiseContent(content: MessageContent): string {
  return JSON.stringify({
    subject: content.subject,
    body: content.body,
    attachments: content.attachments.map((a) => ({
      name: a.name,
      contentType: a.contentType,
      data: Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength).toString('base64'),
    })),
  });
}

/** The inverse of serialiseContent; anything else is `message.malformed`. */
export function parseContent(plaintext: Buffer, id: string): MessageContent {
  const malformed = () => new EnvelopeError('message.malformed', `the content of message ${id} is not a Blueline message`);
  let value: unknown;
  try {
    value = JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw malformed();
  }
  const c = value as { subject?: unknown; body?: unknown; attachments?: unknown };
  if (typeof c !== 'object' || c === null || typeof c.subject !== 'string' || typeof c.body !== 'string' || !Array.isArray(c.attachments)) throw malformed();
  const attachments = c.attachments.map((item: unknown): Attachment => {
    const a = item as { name?: unknown; contentType?: unknown; data?: unknown };
    if (typeof a !== 'object' || a === null || typeof a.name !== 'string' || typeof a.contentType !== 'string' || typeof a.data !== 'string') throw malformed();
    const data = Buffer.from(a.data, 'base64');
    return { name: a.name, contentType: a.contentType, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  });
  return { subject: c.subject, body: c.body, attachments };
}

function assertEnvelopeShape(e: Envelope): void {
  const strings = (v: unknown): boolean => Array.isArray(v) && v.every((s) => typeof s === 'string');
  const ok =
    typeof e === 'object' && e !== null &&
    e.v === 1 && typeof e.id === 'string' && typeof e.sender === 'string' && Number.isSafeInteger(e.seq) &&
    strings(e.recipients) && typeof e.ciphertext === 'string' && typeof e.signature === 'string' &&
    Array.isArray(e.keys) &&
    e.keys.every((k) => typeof k === 'object' && k !== null && typeof k.recipient === 'string' && typeof k.enc === 'string' && typeof k.wrappedKey === 'string');
  if (!ok) throw new EnvelopeError('message.malformed', 'not a version 1 Blueline envelope');
}

// ---- HPKE (RFC 9180), base mode, single shot ----
// DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM on node:crypto. This is the suite
// @hpke/core implements (the test proves both open each other's output), done synchronously on
// OpenSSL: @hpke/core's WebCrypto round trips made one seal or open cost over 1 ms.

const HPKE_INFO = Buffer.from('blueline/message/v1');
const VERSION_LABEL = Buffer.from('HPKE-v1');
const KEM_SUITE_ID = Buffer.from([0x4b, 0x45, 0x4d, 0x00, 0x20]); // "KEM" ‖ kem_id
const HPKE_SUITE_ID = Buffer.from([0x48, 0x50, 0x4b, 0x45, 0x00, 0x20, 0x00, 0x01, 0x00, 0x02]); // "HPKE" ‖ kem ‖ kdf ‖ aead
const EMPTY = Buffer.alloc(0);

function labeledExtract(suiteId: Buffer, salt: Buffer, label: string, ikm: Buffer): Buffer {
  return createHmac('sha256', salt).update(VERSION_LABEL).update(suiteId).update(label).update(ikm).digest();
}

/** HKDF-Expand for at most one block (L ≤ 32), all HPKE needs here. */
function labeledExpand(suiteId: Buffer, prk: Buffer, label: string, info: Buffer, length: number): Buffer {
  const labeledInfo = Buffer.concat([Buffer.from([0, length]), VERSION_LABEL, suiteId, Buffer.from(label), info, Buffer.from([1])]);
  return createHmac('sha256', prk).update(labeledInfo).digest().subarray(0, length);
}

// mode_base ‖ psk_id_hash ‖ info_hash: the same for every message.
const KEY_SCHEDULE_CONTEXT = Buffer.concat([
  Buffer.from([0]),
  labeledExtract(HPKE_SUITE_ID, EMPTY, 'psk_id_hash', EMPTY),
  labeledExtract(HPKE_SUITE_ID, EMPTY, 'info_hash', HPKE_INFO),
]);

function sharedSecret(dh: Buffer, enc: Buffer, recipientPublic: Buffer): Buffer {
  if (dh.every((b) => b === 0)) throw new Error('X25519 produced the all-zero shared secret');
  const prk = labeledExtract(KEM_SUITE_ID, EMPTY, 'eae_prk', dh);
  return labeledExpand(KEM_SUITE_ID, prk, 'shared_secret', Buffer.concat([enc, recipientPublic]), 32);
}

function keySchedule(shared: Buffer): { key: Buffer; nonce: Buffer } {
  const secret = labeledExtract(HPKE_SUITE_ID, shared, 'secret', EMPTY);
  return {
    key: labeledExpand(HPKE_SUITE_ID, secret, 'key', KEY_SCHEDULE_CONTEXT, 32),
    nonce: labeledExpand(HPKE_SUITE_ID, secret, 'base_nonce', KEY_SCHEDULE_CONTEXT, 12),
  };
}

/**
 * A new X25519 key pair whose public half the generator itself encodes (as JWK), inside the
 * call: on Node 20, exporting a key after generateKeyPairSync returned can deadlock the thread
 * (the export holds the key's lock while it allocates; the garbage collector may then free the
 * generator job, whose destructor takes the same lock: a CI run hung on it). Here the job is
 * still running, so it cannot be freed. The private key is only used for Diffie-Hellman, never
 * exported. The typings know this option only with a private key encoding too.
 */
const generateEphemeral = generateKeyPairSync as unknown as (type: 'x25519', options: { publicKeyEncoding: { format: 'jwk' } }) => { publicKey: { x?: string }; privateKey: KeyObject };
const EPHEMERAL_OPTIONS = { publicKeyEncoding: { format: 'jwk' } } as const;

/** Seals `plaintext` to an X25519 public key; `ct` is ciphertext ‖ tag. Exported for the interoperability test. */
export function hpkeSeal(recipientPublicKey: KeyObject, plaintext: Buffer, aad: Buffer, recipientPublicBytes = publicKeyBytes(recipientPublicKey)): { enc: Buffer; ct: Buffer } {
  const ephemeral = generateEphemeral('x25519', EPHEMERAL_OPTIONS);
  const enc = Buffer.from(ephemeral.publicKey.x ?? '', 'base64url');
  if (enc.length !== 32) throw new Error('the X25519 generator gave no public key');
  const dh = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipientPublicKey });
  const { key, nonce } = keySchedule(sharedSecret(dh, enc, recipientPublicBytes));
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { enc, ct: Buffer.concat([body, cipher.getAuthTag()]) };
}

const publicOfPrivate = new WeakMap<KeyObject, Buffer>();

export function hpkeOpen(recipientPrivateKey: KeyObject, enc: Buffer, ct: Buffer, aad: Buffer): Buffer {
  if (ct.length < 16) throw new Error('sealed key too short');
  let recipientPublic = publicOfPrivate.get(recipientPrivateKey);
  if (recipientPublic === undefined) {
    recipientPublic = publicKeyBytes(recipientPrivateKey);
    publicOfPrivate.set(recipientPrivateKey, recipientPublic);
  }
  const dh = diffieHellman({ privateKey: recipientPrivateKey, publicKey: publicKeyFromBytes('x25519', enc) });
  const { key, nonce } = keySchedule(sharedSecret(dh, enc, recipientPublic));
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(ct.subarray(ct.length - 16));
  return Buffer.concat([decipher.update(ct.subarray(0, ct.length - 16)), decipher.final()]);
}

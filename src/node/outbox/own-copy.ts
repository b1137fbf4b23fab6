import { createCipheriv, createDecipheriv, hkdfSync, type KeyObject } from 'node:crypto';
import { pooledRandomBytes } from '../../crypto/random-pool.js';
import { EnvelopeError, parseContent, serialiseContent, type MessageContent } from '../../messaging/envelope.js';

/**
 * The node's own copy of a message it sent, so its people can read it again.
 * It never leaves the node, so it needs neither a wrapped key per recipient
 * nor a signature: the content is encrypted (AES-256-GCM) under a key derived
 * from the node's own X25519 private key (HKDF-SHA256, its own label, so the
 * key serves nothing else), bound to the message id as associated data. Whoever
 * can open it could open an HPKE seal to the same key; the GCM tag detects any
 * change to the stored bytes, as the signature did. Against sealing a full
 * envelope to itself (an ephemeral X25519 key pair, a Diffie-Hellman and an
 * Ed25519 signature each time) this is about a hundredth of the work.
 *
 * Rows written before this format hold a whole envelope sealed to the node
 * (`v: 1`); the composer still opens those.
 */
export interface OwnCopy {
  v: 'own-1';
  id: string;
  /** nonce (12) ‖ ciphertext ‖ tag (16), base64url. */
  sealed: string;
}

const INFO = Buffer.from('blueline/node/own-copy/v1');

export function ownCopyKey(encryptionPrivateKey: KeyObject): Buffer {
  const d = encryptionPrivateKey.export({ format: 'jwk' }).d;
  if (typeof d !== 'string') throw new Error('the node\'s encryption key has no private part');
  return Buffer.from(hkdfSync('sha256', Buffer.from(d, 'base64url'), Buffer.alloc(0), INFO, 32));
}

export function isOwnCopy(value: unknown): value is OwnCopy {
  const v = value as Partial<OwnCopy> | null;
  return typeof v === 'object' && v !== null && v.v === 'own-1' && typeof v.id === 'string' && typeof v.sealed === 'string';
}

export function sealOwnCopy(key: Buffer, id: string, content: MessageContent): OwnCopy {
  const nonce = pooledRandomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aadOf(id));
  const body = cipher.update(serialiseContent(content));
  const rest = cipher.final();
  return { v: 'own-1', id, sealed: Buffer.concat([nonce, body, rest, cipher.getAuthTag()]).toString('base64url') };
}

/** The content, or `message.tampered` when the stored bytes were changed or belong to another message. */
export function openOwnCopy(key: Buffer, id: string, copy: OwnCopy): MessageContent {
  let plaintext: Buffer;
  try {
    if (copy.id !== id) throw new Error('another message\'s copy');
    const sealed = Buffer.from(copy.sealed, 'base64url');
    if (sealed.length < 28) throw new Error('too short');
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
    decipher.setAAD(aadOf(id));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    plaintext = Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
  } catch {
    throw new EnvelopeError('message.tampered', `this node's copy of message ${id} cannot be decrypted`);
  }
  return parseContent(plaintext, id);
}

function aadOf(id: string): Buffer {
  return Buffer.from(`blueline/node/own-copy/v1\n${id}`);
}

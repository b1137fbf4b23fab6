import { randomBytes } from 'node:crypto';

/**
 * Identifiers: a short prefix naming the kind, then 16 random bytes in
 * base32 (lower case, no padding). Prefixes make a leaked id self-explaining
 * in logs and keep one kind from being passed where another is expected.
 */
export type IdKind = 'org' | 'usr' | 'key' | 'ses' | 'doc' | 'hit' | 'cas';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

export function newId(kind: IdKind): string {
  return `${kind}_${base32(randomBytes(16))}`;
}

export const ID_PATTERN = '^[a-z]{3}_[a-z2-7]{26}$';

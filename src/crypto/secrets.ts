import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

function scryptAsync(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export function sha256(data: string | Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

/** Compares two secrets without leaking, through timing, where they first differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A random secret, base64url, `bytes` of entropy. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

const KEY_LENGTH = 32;

/**
 * scrypt password hashing. The cost (log2 N) is stored in each hash, so it can
 * be raised later without invalidating existing passwords.
 * Format: `scrypt$<log2N>$<r>$<p>$<salt b64>$<key b64>`.
 */
export class PasswordHasher {
  constructor(private readonly log2N = 17) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await scryptAsync(password, salt, KEY_LENGTH, this.options(this.log2N, 8, 1));
    return ['scrypt', this.log2N, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
    const [log2N, r, p] = parts.slice(1, 4).map(Number);
    if (!log2N || !r || !p) return false;
    const expected = Buffer.from(parts[5] ?? '', 'base64');
    const key = await scryptAsync(password, Buffer.from(parts[4] ?? '', 'base64'), expected.length, this.options(log2N, r, p));
    return constantTimeEqual(key, expected);
  }

  private options(log2N: number, r: number, p: number): ScryptOptions {
    return { N: 2 ** log2N, r, p, maxmem: 256 * 2 ** log2N * r + 1024 * 1024 };
  }
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `the password must have at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `the password must have at most ${PASSWORD_MAX_LENGTH} characters`;
  if (password.toLowerCase().includes(username.toLowerCase())) return 'the password must not contain the username';
  if (new Set(password).size < 5) return 'the password must use at least 5 different characters';
  return null;
}

/** A password for a first login, to be changed at once: readable, 20 characters from 32 symbols. */
export function initialPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789AB';
  return Array.from(randomBytes(20), (b) => alphabet[b & 31]).join('').replace(/(.{5})(?!$)/g, '$1-');
}

import { randomBytes } from 'node:crypto';

const POOL_BYTES = 16 * 1024;
const MAX_POOLED = 256;

let pool = Buffer.alloc(0);
let used = 0;

/**
 * `n` bytes from the operating system's generator (crypto.randomBytes), drawn
 * 16 KiB at a time: each call of randomBytes costs 10–15 µs however few bytes
 * it gives, and sealing a message wanted three. Each answer is a copy, and the
 * pool's bytes are zeroed as they are handed out, so no two answers share a
 * byte and none stays behind. Requests above 256 bytes go straight to randomBytes.
 */
export function pooledRandomBytes(n: number): Buffer {
  if (n > MAX_POOLED) return randomBytes(n);
  if (used + n > pool.length) {
    pool = randomBytes(POOL_BYTES);
    used = 0;
  }
  const out = Buffer.allocUnsafe(n);
  pool.copy(out, 0, used, used + n);
  pool.fill(0, used, used + n);
  used += n;
  return out;
}

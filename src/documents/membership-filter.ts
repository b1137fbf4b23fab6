/**
 * The no-hit fast path: an in-memory membership filter over string keys that
 * answers "definitely not present" without touching the database. Almost
 * every search of the stolen and lost travel documents database is a no-hit,
 * so almost every search ends here.
 *
 * A blocked Bloom filter (Putze, Sanders and Singler, "Cache-, Hash- and
 * Space-Efficient Bloom Filters", 2007): each key hashes to one 64-byte,
 * 512-bit block — one cache line — and sets `hashesPerKey` bits inside it, so
 * a lookup costs one cache miss however many bits it tests, and an absent key
 * usually stops at the first or second clear bit. Blocks are less even than
 * a classic Bloom filter's single bit array (some blocks get more keys than
 * others), which costs memory for the same false-positive rate: 9.9 bits per
 * key instead of 9.6 at 1%, 15.5 instead of 14.4 at 0.1%, more below that.
 * Sizing below models the blocks exactly rather than using the classic
 * formula.
 *
 * Keys can be added at any time (records are created continuously), which is
 * why this is a Bloom filter and not a static xor or binary-fuse filter.
 * Deletions are NOT supported: clearing a deleted record's bits could clear
 * bits other keys share and cause false negatives. A deleted record's key
 * simply stays in the filter as a possible false positive (the database then
 * answers no-hit). `added` counts every `add`; when it, or
 * `estimatedFalsePositiveRate()`, goes well past what the filter was sized
 * for, the owner rebuilds it from the database.
 *
 * The filter is keyed on exactly what the search matches on: for an
 * OCR-tolerant search that is the OCR canonical key (see `ocr.ts`), not the
 * number as read, or a misread number would be answered "definitely absent".
 *
 * The bits live in one Uint8Array per segment of at most `maxSegmentBytes`
 * (1 GiB by default), so no single typed array comes near Node's limits. The
 * whole filter is capped at {@link MEMBERSHIP_FILTER_MAX_BYTES} (2 GiB): 128
 * million keys at the default 1% need 151 MiB.
 *
 * The hash is not keyed: someone who can choose search strings can find keys
 * that are false positives. That only costs what every search would cost
 * without the filter (a database lookup), so it is not defended against.
 */

export const DEFAULT_FALSE_POSITIVE_RATE = 0.01;
/** Largest filter, in bytes of bit array. */
export const MEMBERSHIP_FILTER_MAX_BYTES = 2 ** 31;
/** Version byte written by {@link MembershipFilter.serialize}. */
export const MEMBERSHIP_FILTER_FORMAT_VERSION = 1;

const BLOCK_BYTES = 64;
const BLOCK_BITS = 512;
const BLOCK_SHIFT = 6; // log2(BLOCK_BYTES)
const MAX_BLOCKS = MEMBERSHIP_FILTER_MAX_BYTES / BLOCK_BYTES;
const MAX_HASHES = 32;
const DEFAULT_SEGMENT_BYTES = 2 ** 30;
const TWO_TO_MINUS_32 = 2 ** -32;

export interface MembershipFilterOptions {
  /** How many keys the filter is sized for; more can be added, at a growing false-positive rate. */
  readonly expectedKeys: number;
  /** Target false-positive rate at `expectedKeys` keys, in (0, 0.5]; 1% by default. */
  readonly falsePositiveRate?: number;
  /** Largest single typed array, in bytes: a power of two from 64 to 1 GiB (the default). */
  readonly maxSegmentBytes?: number;
}

export interface MembershipFilterPlan {
  readonly blocks: number;
  readonly hashesPerKey: number;
  readonly bytes: number;
  /** Bits of filter per expected key. */
  readonly bitsPerKey: number;
  /** The false-positive rate this geometry gives at `expectedKeys` keys (at most the target). */
  readonly falsePositiveRate: number;
}

// ---------------------------------------------------------------------------
// Hashing

/** Second 32-bit half of the last {@link hashKey}; a module variable so a lookup allocates nothing. */
let hashLow = 0;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * A 64-bit hash of the key's UTF-16 code units, as two 32-bit halves: two
 * MurmurHash3-style lanes with different constants over 32-bit words (two
 * code units each), cross-mixed at the end as MurmurHash3's 128-bit variant
 * does. 64 bits matter: with one 32-bit hash, an absent key would match the
 * hash of one of 128 million present keys 3% of the time whatever the filter
 * size. Returns the high half; the low half is left in `hashLow`.
 *
 * Part of the serialised format: changing it needs a new format version.
 */
function hashKey(key: string): number {
  let h1 = 0x2f1b_6a3d;
  let h2 = 0x7c3e_9d15;
  const n = key.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const w = key.charCodeAt(i) | (key.charCodeAt(i + 1) << 16);
    let k1 = Math.imul(w, 0xcc9e2d51);
    k1 = Math.imul((k1 << 15) | (k1 >>> 17), 0x1b873593);
    h1 ^= k1;
    h1 = (Math.imul((h1 << 13) | (h1 >>> 19), 5) + 0xe6546b64) | 0;
    let k2 = Math.imul(w, 0x85ebca77);
    k2 = Math.imul((k2 << 13) | (k2 >>> 19), 0xc2b2ae3d);
    h2 ^= k2;
    h2 = (Math.imul((h2 << 17) | (h2 >>> 15), 5) + 0x561ccd1b) | 0;
  }
  if (i < n) {
    const w = key.charCodeAt(i);
    let k1 = Math.imul(w, 0xcc9e2d51);
    h1 ^= Math.imul((k1 << 15) | (k1 >>> 17), 0x1b873593);
    k1 = Math.imul(w, 0x85ebca77);
    h2 ^= Math.imul((k1 << 13) | (k1 >>> 19), 0xc2b2ae3d);
  }
  h1 ^= n;
  h2 ^= n;
  h1 = (h1 + h2) | 0;
  h2 = (h2 + h1) | 0;
  h1 = fmix32(h1);
  h2 = fmix32(h2);
  h1 = (h1 + h2) | 0;
  hashLow = (h2 + h1) | 0;
  return h1;
}

// Bit positions inside the block: the top 9 bits of successive states of a
// 32-bit linear congruential generator (PCG's constants) seeded with the low
// half of the hash. One multiply-add per bit, no second pass over the key.
const LCG_MULTIPLIER = 0x2c9277b5;
const LCG_INCREMENT = 0xac564b05 | 0;

// ---------------------------------------------------------------------------
// Sizing

/**
 * False-positive rate of a blocked Bloom filter holding `keys` keys in
 * `blocks` blocks with `k` bits per key: the number of keys in a block is
 * Poisson(keys / blocks), and a block holding i keys answers a random absent
 * key "maybe" with probability (1 - (1 - 1/512)^(k·i))^k.
 */
function falsePositiveRateOf(keys: number, blocks: number, k: number): number {
  if (keys <= 0) return 0;
  const lambda = keys / blocks;
  const logClearPerKey = k * Math.log1p(-1 / BLOCK_BITS);
  const given = (i: number): number => (-Math.expm1(logClearPerKey * i)) ** k;
  // Poisson weights relative to the mode, summed outwards, then normalised.
  const mode = Math.floor(lambda);
  let total = given(mode);
  let weight = 1;
  let p = 1;
  for (let i = mode + 1; ; i++) {
    p *= lambda / i;
    total += p * given(i);
    weight += p;
    if (p < 1e-17 * weight) break;
  }
  p = 1;
  for (let i = mode; i > 0; i--) {
    p *= i / lambda;
    total += p * given(i - 1);
    weight += p;
    if (p < 1e-17 * weight) break;
  }
  return Math.min(1, total / weight);
}

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer of at least ${min}, got ${value}`);
}

function checkRate(value: number): void {
  if (!(value > 0 && value <= 0.5)) throw new RangeError(`falsePositiveRate must be in (0, 0.5], got ${value}`);
}

/** The smallest geometry that meets the target (on a tie, fewer bits set per key). Allocates nothing. */
export function planMembershipFilter(options: MembershipFilterOptions): MembershipFilterPlan {
  const keys = options.expectedKeys;
  const target = options.falsePositiveRate ?? DEFAULT_FALSE_POSITIVE_RATE;
  checkCount('expectedKeys', keys, 1);
  checkRate(target);
  const meets = (blocks: number, k: number): boolean => falsePositiveRateOf(keys, blocks, k) <= target;
  // Where to start looking: the classic Bloom filter's size, 1.44·log2(1/f) bits per key.
  const guess = Math.max(1, Math.ceil((keys * 1.44 * Math.log2(1 / target)) / BLOCK_BITS));
  let best: { blocks: number; k: number } | undefined;
  for (let k = 1; k <= MAX_HASHES; k++) {
    const limit = best === undefined ? MAX_BLOCKS : best.blocks - 1;
    if (limit < 1 || !meets(limit, k)) continue; // this k cannot beat what we have
    // Bracket the least size that meets the target between lo (fails, or 0) and hi (meets)...
    let lo = 0;
    let hi = Math.min(guess, limit);
    if (meets(hi, k)) {
      while (hi > 1 && meets(Math.floor(hi / 2), k)) hi = Math.floor(hi / 2);
      lo = Math.floor(hi / 2);
    } else {
      do {
        lo = hi;
        hi = Math.min(hi * 2, limit);
      } while (!meets(hi, k));
    }
    // ...then bisect.
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (meets(mid, k)) hi = mid;
      else lo = mid;
    }
    best = { blocks: hi, k };
  }
  if (best === undefined) {
    throw new RangeError(
      `A membership filter for ${keys} keys at a false-positive rate of ${target} would need more than ${MEMBERSHIP_FILTER_MAX_BYTES} bytes`,
    );
  }
  return {
    blocks: best.blocks,
    hashesPerKey: best.k,
    bytes: best.blocks * BLOCK_BYTES,
    bitsPerKey: (best.blocks * BLOCK_BITS) / keys,
    falsePositiveRate: falsePositiveRateOf(keys, best.blocks, best.k),
  };
}

// ---------------------------------------------------------------------------
// Serialised form
//
//   offset  size  field
//        0     4  magic "BLMF"
//        4     1  format version (1)
//        5     1  hashes per key
//        6     2  reserved, 0
//        8     4  blocks (uint32 LE)
//       12     4  reserved, 0
//       16     8  expected keys (float64 LE, an integer)
//       24     8  target false-positive rate (float64 LE)
//       32     8  keys added (float64 LE, an integer)
//       40     4  reserved, 0
//       44     4  CRC-32 (IEEE) of bytes 0..43 followed by the bit array
//       48        the bit array, blocks × 64 bytes, block after block
//
// Bits are addressed by byte (bit b of a block is bit b % 8 of its byte
// b / 8), so the layout is the same on any host byte order. Version 1 also
// fixes the hash and the bit positions derived from it.

const MAGIC = 0x464d4c42; // "BLMF" read as uint32 LE
const HEADER_BYTES = 48;
const CHECKSUM_OFFSET = 44;

export type MembershipFilterFormatErrorCode =
  | 'membership_filter.truncated'
  | 'membership_filter.not_a_filter'
  | 'membership_filter.unsupported_version'
  | 'membership_filter.bad_header'
  | 'membership_filter.wrong_length'
  | 'membership_filter.checksum_mismatch';

export class MembershipFilterFormatError extends Error {
  readonly code: MembershipFilterFormatErrorCode;

  constructor(code: MembershipFilterFormatErrorCode, message: string) {
    super(message);
    this.name = 'MembershipFilterFormatError';
    this.code = code;
  }
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256 * 4);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let j = 0; j < 8; j++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  // Slicing-by-4 tables: table[t·256 + n] is the CRC of byte n followed by t zero bytes.
  for (let n = 0; n < 256; n++) {
    let c = table[n]!;
    for (let t = 1; t < 4; t++) {
      c = table[c & 0xff]! ^ (c >>> 8);
      table[t * 256 + n] = c;
    }
  }
  return table;
})();

/** Continues a CRC-32 (IEEE 802.3) over `bytes`; start with 0. */
function crc32(crc: number, bytes: Uint8Array): number {
  const t = CRC_TABLE;
  let c = ~crc;
  const n = bytes.length;
  let i = 0;
  for (const end = n - 3; i < end; i += 4) {
    c ^= bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    c = t[768 + (c & 0xff)]! ^ t[512 + ((c >>> 8) & 0xff)]! ^ t[256 + ((c >>> 16) & 0xff)]! ^ t[c >>> 24]!;
  }
  for (; i < n; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

// ---------------------------------------------------------------------------

interface Geometry {
  readonly expectedKeys: number;
  readonly targetFalsePositiveRate: number;
  readonly blocks: number;
  readonly hashesPerKey: number;
  readonly maxSegmentBytes: number;
}

function segmentBytesOf(options: { readonly maxSegmentBytes?: number }): number {
  const bytes = options.maxSegmentBytes ?? DEFAULT_SEGMENT_BYTES;
  if (!Number.isSafeInteger(bytes) || bytes < BLOCK_BYTES || bytes > DEFAULT_SEGMENT_BYTES || (bytes & (bytes - 1)) !== 0) {
    throw new RangeError(`maxSegmentBytes must be a power of two from ${BLOCK_BYTES} to ${DEFAULT_SEGMENT_BYTES}, got ${bytes}`);
  }
  return bytes;
}

export class MembershipFilter {
  /** Keys the filter was sized for. */
  readonly expectedKeys: number;
  /** False-positive rate the filter was sized for, at `expectedKeys` keys. */
  readonly targetFalsePositiveRate: number;
  /** Number of 512-bit blocks. */
  readonly blocks: number;
  /** Bits set per key, all in the key's block. */
  readonly hashesPerKey: number;

  readonly #segments: Uint8Array[];
  /** log2 of blocks per segment. */
  readonly #segmentShift: number;
  readonly #segmentMask: number;
  #added: number;

  private constructor(geometry: Geometry, added: number) {
    this.expectedKeys = geometry.expectedKeys;
    this.targetFalsePositiveRate = geometry.targetFalsePositiveRate;
    this.blocks = geometry.blocks;
    this.hashesPerKey = geometry.hashesPerKey;
    const blocksPerSegment = geometry.maxSegmentBytes / BLOCK_BYTES;
    this.#segmentShift = Math.log2(blocksPerSegment);
    this.#segmentMask = blocksPerSegment - 1;
    this.#segments = [];
    for (let left = geometry.blocks; left > 0; left -= blocksPerSegment) {
      this.#segments.push(new Uint8Array(Math.min(left, blocksPerSegment) * BLOCK_BYTES));
    }
    this.#added = added;
  }

  /** An empty filter sized for `expectedKeys` keys at `falsePositiveRate` (1% by default). */
  static create(options: MembershipFilterOptions): MembershipFilter {
    const maxSegmentBytes = segmentBytesOf(options);
    const plan = planMembershipFilter(options);
    return new MembershipFilter(
      {
        expectedKeys: options.expectedKeys,
        targetFalsePositiveRate: options.falsePositiveRate ?? DEFAULT_FALSE_POSITIVE_RATE,
        blocks: plan.blocks,
        hashesPerKey: plan.hashesPerKey,
        maxSegmentBytes,
      },
      0,
    );
  }

  /** Number of `add` calls (repeats of a key included), kept across serialisation. */
  get added(): number {
    return this.#added;
  }

  /** Memory used by the bit array, in bytes. */
  get bytes(): number {
    return this.blocks * BLOCK_BYTES;
  }

  /** Bits of filter per expected key. */
  get bitsPerKey(): number {
    return (this.blocks * BLOCK_BITS) / this.expectedKeys;
  }

  add(key: string): void {
    const high = hashKey(key);
    const block = Math.floor((high >>> 0) * this.blocks * TWO_TO_MINUS_32);
    const bits = this.#segments[block >>> this.#segmentShift]!;
    const base = (block & this.#segmentMask) << BLOCK_SHIFT;
    let x = hashLow;
    for (let i = this.hashesPerKey; i > 0; i--) {
      const bit = x >>> 23;
      bits[base + (bit >>> 3)]! |= 1 << (bit & 7);
      x = (Math.imul(x, LCG_MULTIPLIER) + LCG_INCREMENT) | 0;
    }
    this.#added++;
  }

  /** False: the key was certainly never added. True: it may have been. */
  mightContain(key: string): boolean {
    const high = hashKey(key);
    const block = Math.floor((high >>> 0) * this.blocks * TWO_TO_MINUS_32);
    const bits = this.#segments[block >>> this.#segmentShift]!;
    const base = (block & this.#segmentMask) << BLOCK_SHIFT;
    let x = hashLow;
    for (let i = this.hashesPerKey; i > 0; i--) {
      const bit = x >>> 23;
      if ((bits[base + (bit >>> 3)]! & (1 << (bit & 7))) === 0) return false;
      x = (Math.imul(x, LCG_MULTIPLIER) + LCG_INCREMENT) | 0;
    }
    return true;
  }

  /**
   * The false-positive rate expected with `added` keys in this geometry: the
   * target at `expectedKeys`, growing as more are added. An overestimate when
   * keys were added more than once.
   */
  estimatedFalsePositiveRate(): number {
    return falsePositiveRateOf(this.#added, this.blocks, this.hashesPerKey);
  }

  /** The filter as bytes (format above), to save at shutdown and load at start. */
  serialize(): Buffer {
    const out = Buffer.allocUnsafe(HEADER_BYTES + this.bytes);
    const view = new DataView(out.buffer, out.byteOffset, HEADER_BYTES);
    view.setUint32(0, MAGIC, true);
    view.setUint8(4, MEMBERSHIP_FILTER_FORMAT_VERSION);
    view.setUint8(5, this.hashesPerKey);
    view.setUint16(6, 0, true);
    view.setUint32(8, this.blocks, true);
    view.setUint32(12, 0, true);
    view.setFloat64(16, this.expectedKeys, true);
    view.setFloat64(24, this.targetFalsePositiveRate, true);
    view.setFloat64(32, this.#added, true);
    view.setUint32(40, 0, true);
    let crc = crc32(0, out.subarray(0, CHECKSUM_OFFSET));
    let offset = HEADER_BYTES;
    for (const segment of this.#segments) {
      out.set(segment, offset);
      offset += segment.length;
      crc = crc32(crc, segment);
    }
    view.setUint32(CHECKSUM_OFFSET, crc, true);
    return out;
  }

  /**
   * A filter from {@link serialize}'s bytes, copied (the input can be reused).
   * Refuses anything truncated, corrupt or of another format version with a
   * {@link MembershipFilterFormatError}.
   */
  static deserialize(bytes: Uint8Array, options: { readonly maxSegmentBytes?: number } = {}): MembershipFilter {
    const maxSegmentBytes = segmentBytesOf(options);
    const fail = (code: MembershipFilterFormatErrorCode, message: string): never => {
      throw new MembershipFilterFormatError(code, message);
    };
    if (bytes.length < HEADER_BYTES) fail('membership_filter.truncated', `${bytes.length} bytes is shorter than the ${HEADER_BYTES}-byte header`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
    if (view.getUint32(0, true) !== MAGIC) fail('membership_filter.not_a_filter', 'The bytes do not start with a membership filter header');
    const version = view.getUint8(4);
    if (version !== MEMBERSHIP_FILTER_FORMAT_VERSION) {
      fail('membership_filter.unsupported_version', `Format version ${version} is not supported (this code reads version ${MEMBERSHIP_FILTER_FORMAT_VERSION})`);
    }
    const blocks = view.getUint32(8, true);
    if (blocks < 1 || blocks > MAX_BLOCKS) fail('membership_filter.bad_header', `Block count ${blocks} is out of range`);
    const expected = HEADER_BYTES + blocks * BLOCK_BYTES;
    if (bytes.length !== expected) {
      fail(
        bytes.length < expected ? 'membership_filter.truncated' : 'membership_filter.wrong_length',
        `A filter of ${blocks} blocks is ${expected} bytes, got ${bytes.length}`,
      );
    }
    const payload = bytes.subarray(HEADER_BYTES);
    const crc = crc32(crc32(0, bytes.subarray(0, CHECKSUM_OFFSET)), payload);
    if (crc !== view.getUint32(CHECKSUM_OFFSET, true)) fail('membership_filter.checksum_mismatch', 'The checksum does not match: the bytes are corrupt');
    const hashesPerKey = view.getUint8(5);
    const expectedKeys = view.getFloat64(16, true);
    const targetFalsePositiveRate = view.getFloat64(24, true);
    const added = view.getFloat64(32, true);
    if (
      hashesPerKey < 1 ||
      hashesPerKey > MAX_HASHES ||
      view.getUint16(6, true) !== 0 ||
      view.getUint32(12, true) !== 0 ||
      view.getUint32(40, true) !== 0 ||
      !Number.isSafeInteger(expectedKeys) ||
      expectedKeys < 1 ||
      !(targetFalsePositiveRate > 0 && targetFalsePositiveRate <= 0.5) ||
      !Number.isSafeInteger(added) ||
      added < 0
    ) {
      fail('membership_filter.bad_header', 'The header holds values no filter has');
    }
    const filter = new MembershipFilter({ expectedKeys, targetFalsePositiveRate, blocks, hashesPerKey, maxSegmentBytes }, added);
    let offset = 0;
    for (const segment of filter.#segments) {
      segment.set(payload.subarray(offset, offset + segment.length));
      offset += segment.length;
    }
    return filter;
  }
}

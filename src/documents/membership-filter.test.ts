import zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FALSE_POSITIVE_RATE,
  MEMBERSHIP_FILTER_FORMAT_VERSION,
  MEMBERSHIP_FILTER_MAX_BYTES,
  MembershipFilter,
  MembershipFilterFormatError,
  planMembershipFilter,
} from './membership-filter.js';

/** A small seeded generator (mulberry32), so measured rates are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomNumber(next: () => number): string {
  let s = '';
  for (let i = 0; i < 9; i++) s += ALNUM[Math.floor(next() * 36)];
  return s;
}

/** `GBR:000000042` style keys: sequential, so nearly identical strings. */
function recordKey(i: number): string {
  return `GBR:${String(i).padStart(9, '0')}`;
}

function filled(expectedKeys: number, count = expectedKeys, options: { falsePositiveRate?: number; maxSegmentBytes?: number } = {}) {
  const filter = MembershipFilter.create({ expectedKeys, ...options });
  for (let i = 0; i < count; i++) filter.add(recordKey(i));
  return filter;
}

/** Fraction of `count` random keys that cannot have been added (another country prefix) answered "maybe". */
function measuredFalsePositiveRate(filter: MembershipFilter, count: number, seed: number): number {
  const next = random(seed);
  let positives = 0;
  for (let i = 0; i < count; i++) if (filter.mightContain(`FRA:${randomNumber(next)}`)) positives++;
  return positives / count;
}

function refusal(bytes: Uint8Array): string {
  try {
    MembershipFilter.deserialize(bytes);
  } catch (e) {
    if (e instanceof MembershipFilterFormatError) return e.code;
    throw e;
  }
  return 'accepted';
}

describe('membership filter sizing', () => {
  it('fits 128 million keys at 1% in about 10 bits per key, far inside 2 GiB, without allocating', () => {
    const plan = planMembershipFilter({ expectedKeys: 128_000_000 });
    expect(plan.bytes).toBeLessThan(2 ** 31);
    expect(plan.bitsPerKey).toBeGreaterThan(9.6); // a classic Bloom filter's 9.59 is the floor
    expect(plan.bitsPerKey).toBeLessThan(10.5);
    expect(plan.falsePositiveRate).toBeLessThanOrEqual(DEFAULT_FALSE_POSITIVE_RATE);
    expect(plan.bytes).toBe(plan.blocks * 64);
  });

  it('uses more bits for a lower rate, and refuses options it cannot meet', () => {
    const tenth = planMembershipFilter({ expectedKeys: 1_000_000, falsePositiveRate: 0.001 });
    expect(tenth.bitsPerKey).toBeGreaterThan(planMembershipFilter({ expectedKeys: 1_000_000 }).bitsPerKey + 4);
    expect(tenth.falsePositiveRate).toBeLessThanOrEqual(0.001);
    for (const bad of [{ expectedKeys: 0 }, { expectedKeys: 1.5 }, { expectedKeys: Number.NaN }, { expectedKeys: 10, falsePositiveRate: 0 }, { expectedKeys: 10, falsePositiveRate: 0.6 }]) {
      expect(() => planMembershipFilter(bad)).toThrow(RangeError);
    }
    expect(() => planMembershipFilter({ expectedKeys: 2 ** 31, falsePositiveRate: 1e-9 })).toThrow(/more than 2147483648 bytes/);
    expect(MEMBERSHIP_FILTER_MAX_BYTES).toBe(2 ** 31);
    expect(() => MembershipFilter.create({ expectedKeys: 10, maxSegmentBytes: 100 })).toThrow(RangeError);
  });
});

describe('membership filter', () => {
  it('never answers "absent" for a key that was added', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', maxLength: 40 })), { maxLength: 300 }),
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom(64, 256, 2 ** 30),
        (keys, expectedKeys, maxSegmentBytes) => {
          const filter = MembershipFilter.create({ expectedKeys, maxSegmentBytes });
          for (const key of keys) filter.add(key);
          for (const key of keys) expect(filter.mightContain(key)).toBe(true);
          expect(filter.added).toBe(keys.length);
        },
      ),
    );
  });

  it('answers "absent" for everything when empty', () => {
    const filter = MembershipFilter.create({ expectedKeys: 1000 });
    expect(measuredFalsePositiveRate(filter, 10_000, 1)).toBe(0);
    expect(filter.mightContain('')).toBe(false);
    expect(filter.estimatedFalsePositiveRate()).toBe(0);
  });

  for (const expectedKeys of [10_000, 1_000_000]) {
    it(`meets the 1% target on 200,000 absent keys with ${expectedKeys.toLocaleString('en')} keys added`, async ({ annotate }) => {
      const filter = filled(expectedKeys);
      for (let i = 0; i < expectedKeys; i += 997) expect(filter.mightContain(recordKey(i))).toBe(true);
      const rate = measuredFalsePositiveRate(filter, 200_000, expectedKeys);
      const bytesPerKey = filter.bytes / expectedKeys;
      await annotate(
        `${expectedKeys} keys: ${filter.bytes} bytes, ${bytesPerKey.toFixed(3)} bytes/key (${filter.bitsPerKey.toFixed(2)} bits), ` +
          `k=${filter.hashesPerKey}, measured false positives ${(rate * 100).toFixed(3)}%, estimated ${(filter.estimatedFalsePositiveRate() * 100).toFixed(3)}%`,
      );
      expect(rate).toBeLessThanOrEqual(1.5 * DEFAULT_FALSE_POSITIVE_RATE);
      // Not wastefully oversized either.
      expect(rate).toBeGreaterThanOrEqual(0.5 * DEFAULT_FALSE_POSITIVE_RATE);
      expect(bytesPerKey).toBeLessThan(1.32);
      expect(filter.estimatedFalsePositiveRate()).toBeLessThanOrEqual(DEFAULT_FALSE_POSITIVE_RATE);
    });
  }

  it('meets a lower target too, also for keys that differ from added ones in one character', () => {
    const filter = filled(100_000, 100_000, { falsePositiveRate: 0.001 });
    let positives = 0;
    for (let i = 100_000; i < 300_000; i++) if (filter.mightContain(recordKey(i))) positives++;
    expect(positives / 200_000).toBeLessThanOrEqual(1.5 * 0.001);
  });

  it('keeps working past the expected count, with a growing false-positive rate it reports', () => {
    const filter = MembershipFilter.create({ expectedKeys: 10_000 });
    let previous = 0;
    for (const count of [10_000, 20_000, 40_000]) {
      for (let i = filter.added; i < count; i++) filter.add(recordKey(i));
      expect(filter.added).toBe(count);
      for (let i = 0; i < count; i++) expect(filter.mightContain(recordKey(i))).toBe(true);
      const estimated = filter.estimatedFalsePositiveRate();
      const measured = measuredFalsePositiveRate(filter, 100_000, count);
      expect(estimated).toBeGreaterThan(previous);
      expect(Math.abs(measured - estimated)).toBeLessThan(0.15 * estimated);
      previous = estimated;
    }
    expect(previous).toBeGreaterThan(0.1); // four times the keys: far past the 1% target
  });

  it('works across several typed arrays when one segment is smaller than the filter', () => {
    const split = filled(5000, 5000, { maxSegmentBytes: 1024 });
    const whole = filled(5000);
    expect(split.blocks).toBeGreaterThan(16);
    expect(split.serialize().equals(whole.serialize())).toBe(true);
    const next = random(7);
    for (let i = 0; i < 5000; i++) {
      const key = `FRA:${randomNumber(next)}`;
      expect(split.mightContain(key)).toBe(whole.mightContain(key));
    }
  });
});

describe('membership filter serialisation', () => {
  it('round-trips: same geometry, count and answers, byte for byte', () => {
    const filter = filled(20_000, 15_000);
    const bytes = filter.serialize();
    expect(bytes.length).toBe(48 + filter.bytes);
    expect(bytes[4]).toBe(MEMBERSHIP_FILTER_FORMAT_VERSION);
    // From a slice at an odd offset of a larger buffer, as a file read may give.
    const padded = Buffer.concat([Buffer.from('xyz'), bytes]);
    const restored = MembershipFilter.deserialize(padded.subarray(3));
    padded.fill(0); // the restored filter does not share the input's memory
    for (const key of ['expectedKeys', 'targetFalsePositiveRate', 'blocks', 'hashesPerKey', 'added', 'bytes', 'bitsPerKey'] as const) {
      expect(restored[key]).toBe(filter[key]);
    }
    expect(restored.serialize().equals(bytes)).toBe(true);
    for (let i = 0; i < 15_000; i++) expect(restored.mightContain(recordKey(i))).toBe(true);
    expect(measuredFalsePositiveRate(restored, 20_000, 3)).toBe(measuredFalsePositiveRate(filter, 20_000, 3));
    restored.add('NEW:1');
    expect(restored.mightContain('NEW:1')).toBe(true);
    expect(restored.added).toBe(15_001);
    // Into a different segment size: same filter.
    expect(MembershipFilter.deserialize(bytes, { maxSegmentBytes: 64 }).serialize().equals(bytes)).toBe(true);
  });

  it('checksums with the standard CRC-32', () => {
    const bytes = filled(100).serialize();
    const crc = zlib.crc32(bytes.subarray(48), zlib.crc32(bytes.subarray(0, 44)));
    expect(bytes.readUInt32LE(44)).toBe(crc);
  });

  it.runIf(typeof zlib.crc32 === 'function')('keeps the version 1 format: hash, bit positions and layout are pinned', () => {
    // If this fails, filters saved by an earlier build would be misread: bump the format version.
    const empty = (): MembershipFilter => MembershipFilter.deserialize(handMadeFilter({ blocks: 4, hashesPerKey: 3 }));
    const one = empty();
    one.add('L898902C');
    expect(setBits(one.serialize())).toEqual(PINNED_BITS);
    const many = empty();
    for (let i = 0; i < 50; i++) many.add(recordKey(i));
    expect(many.serialize().readUInt32LE(44)).toBe(PINNED_CRC);
  });

  it('refuses every single-bit corruption, and says what is wrong', () => {
    const bytes = filled(200).serialize();
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const corrupt = Buffer.from(bytes);
      corrupt[bit >>> 3]! ^= 1 << (bit & 7);
      expect(refusal(corrupt)).not.toBe('accepted');
    }
    expect(refusal(bytes)).toBe('accepted');
    const payloadFlip = Buffer.from(bytes);
    payloadFlip[100]! ^= 0x10;
    expect(refusal(payloadFlip)).toBe('membership_filter.checksum_mismatch');
    expect(refusal(bytes.subarray(0, 20))).toBe('membership_filter.truncated');
    expect(refusal(bytes.subarray(0, bytes.length - 1))).toBe('membership_filter.truncated');
    expect(refusal(Buffer.concat([bytes, Buffer.alloc(1)]))).toBe('membership_filter.wrong_length');
    expect(refusal(Buffer.from('not a filter at all, but long enough for a header'))).toBe('membership_filter.not_a_filter');
    const nextVersion = Buffer.from(bytes);
    nextVersion[4] = MEMBERSHIP_FILTER_FORMAT_VERSION + 1;
    expect(refusal(nextVersion)).toBe('membership_filter.unsupported_version');
    // A consistent checksum does not make a nonsensical header acceptable.
    const noHashes = Buffer.from(bytes);
    noHashes[5] = 0;
    noHashes.writeUInt32LE(zlib.crc32(noHashes.subarray(48), zlib.crc32(noHashes.subarray(0, 44))), 44);
    expect(refusal(noHashes)).toBe('membership_filter.bad_header');
    expect(refusal(new Uint8Array(0))).toBe('membership_filter.truncated');
  });
});

/** A version 1 serialisation of an empty filter of the given geometry, built by hand from the format description. */
function handMadeFilter({ blocks, hashesPerKey }: { blocks: number; hashesPerKey: number }): Buffer {
  const bytes = Buffer.alloc(48 + blocks * 64);
  bytes.write('BLMF', 0, 'latin1');
  bytes[4] = 1;
  bytes[5] = hashesPerKey;
  bytes.writeUInt32LE(blocks, 8);
  bytes.writeDoubleLE(100, 16);
  bytes.writeDoubleLE(0.01, 24);
  bytes.writeDoubleLE(0, 32);
  bytes.writeUInt32LE(zlib.crc32(bytes.subarray(48), zlib.crc32(bytes.subarray(0, 44))), 44);
  return bytes;
}

/** Indices of the set bits of a serialised filter's bit array (bit b of byte i is 8i + b). */
function setBits(bytes: Buffer): number[] {
  const bits: number[] = [];
  for (let i = 48; i < bytes.length; i++) for (let b = 0; b < 8; b++) if (bytes[i]! & (1 << b)) bits.push((i - 48) * 8 + b);
  return bits;
}

/** Checked against an independent re-implementation of the hash (in Python) when pinned. */
const PINNED_BITS = [1871, 1902, 1982];
const PINNED_CRC = 1870950343;

/**
 * The no-hit structure alone at any size (`--index-only`): the hub's
 * DocumentIndex filled with the OCR keys of N generated records and their
 * blank ranges, as a hub rebuilds it at start, without the database. Reports
 * its bytes per record, the heap it took, how long filling it took, its
 * false-positive rate measured on a million numbers nobody reported, and the
 * lookup's latency at that size (the filter no longer fits in any cache).
 */
import { DocumentIndex } from '../../src/documents/no-hit-index.js';
import { ocrCanonical } from '../../src/documents/ocr.js';
import { ISSUERS, TOTAL_WEIGHT, numberOf, rangesPerIssuer, rangeSpecs } from './data.js';

const PAGE = 10_000;
const PROBES = 1_000_000;

export interface IndexOnlyFigures {
  records: number;
  ranges: number;
  bytes: number;
  heapBytes: number;
  fillSeconds: number;
  falsePositiveRate: number;
  estimatedFalsePositiveRate: number;
  lookupP50Micros: number;
  lookupP99Micros: number;
}

export function measureIndexOnly(records: number, log: (line: string) => void): IndexOnlyFigures {
  const perIssuer = ISSUERS.map((i) => Math.floor((records * i.weight) / TOTAL_WEIGHT));
  perIssuer[0]! += records - perIssuer.reduce((a, b) => a + b, 0);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const started = performance.now();
  const index = DocumentIndex.sizedFor(records);
  let added = 0;
  for (let j = 0; j < ISSUERS.length; j++) {
    for (let from = 0; from < perIssuer[j]!; from += PAGE) {
      const page: string[] = [];
      for (let i = from; i < Math.min(from + PAGE, perIssuer[j]!); i++) page.push(ocrCanonical(numberOf(j, i)));
      index.apply({ addedMany: page });
      added += page.length;
      if (added % 10_000_000 < PAGE) log(`  index: ${added.toLocaleString('en-GB')} keys, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  }
  const ranges = rangesPerIssuer(perIssuer);
  ISSUERS.forEach((_, j) => index.apply({ ranges: rangeSpecs(ranges[j]!).map((r, k) => ({ id: `range_${j}_${k}`, canonicalPrefix: ocrCanonical(r.prefix), digits: r.digits, first: r.first, last: r.last })) }));
  const fillSeconds = (performance.now() - started) / 1000;
  global.gc?.();
  const heapBytes = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heapBefore;

  // Keys no record has (12 characters; every generated number is 9 or 10), so every "maybe" is a false positive.
  let maybe = 0;
  const micros: number[] = [];
  for (let k = 0; k < PROBES; k++) {
    const key = ocrCanonical(`NX${String(k * 7919).padStart(10, '0')}`);
    const t = performance.now();
    const found = index.lookup(key);
    micros.push((performance.now() - t) * 1000);
    if (found.maybeSingle) maybe++;
  }
  micros.sort((a, b) => a - b);
  const stats = index.stats;
  return {
    records: added,
    ranges: stats.ranges,
    bytes: stats.bytes,
    heapBytes,
    fillSeconds,
    falsePositiveRate: maybe / PROBES,
    estimatedFalsePositiveRate: stats.estimatedFalsePositiveRate,
    lookupP50Micros: micros[Math.floor(PROBES * 0.5)]!,
    lookupP99Micros: micros[Math.floor(PROBES * 0.99)]!,
  };
}

/**
 * Packed storage for the name index: many growable lists of 32-bit integers
 * in one typed array (no JavaScript array or object per list), and a hash
 * map from 32-bit integers to 32-bit integers in two typed arrays.
 */

/**
 * Lists of int32 in one Int32Array. Each list has a block of a power-of-two
 * capacity; a full list moves to a block twice the size and its old block is
 * kept for reuse by lists of that size. A list's id is chosen by the caller
 * (a person slot, a part id): ids are dense, starting at 0.
 */
export class PostingArena {
  private data: Int32Array;
  private top = 0;
  private start: Int32Array;
  private len: Int32Array;
  private capLog: Uint8Array;
  private readonly free: number[][] = [];

  constructor(initialValues = 1 << 12, initialLists = 1 << 10) {
    this.data = new Int32Array(initialValues);
    this.start = new Int32Array(initialLists).fill(-1);
    this.len = new Int32Array(initialLists);
    this.capLog = new Uint8Array(initialLists);
  }

  /** The backing array; valid until the next `push`. Read a list as `values[start(id) .. start(id)+length(id))`. */
  get values(): Int32Array {
    return this.data;
  }

  start0(id: number): number {
    return id < this.start.length ? this.start[id]! : -1;
  }

  length(id: number): number {
    return id < this.len.length ? this.len[id]! : 0;
  }

  push(id: number, value: number): void {
    this.ensureList(id);
    const n = this.len[id]!;
    let s = this.start[id]!;
    if (s < 0 || n === 1 << this.capLog[id]!) {
      const log = s < 0 ? 1 : this.capLog[id]! + 1;
      const block = this.alloc(log);
      if (s >= 0) {
        this.data.copyWithin(block, s, s + n);
        this.release(s, this.capLog[id]!);
      }
      s = block;
      this.start[id] = s;
      this.capLog[id] = log;
    }
    this.data[s + n] = value;
    this.len[id] = n + 1;
  }

  /** Removes one occurrence of `value` (the last element takes its place). */
  remove(id: number, value: number): boolean {
    const n = this.length(id);
    const s = this.start0(id);
    for (let i = 0; i < n; i++) {
      if (this.data[s + i] === value) {
        this.data[s + i] = this.data[s + n - 1]!;
        this.len[id] = n - 1;
        if (n - 1 === 0) this.clear(id);
        return true;
      }
    }
    return false;
  }

  clear(id: number): void {
    if (id >= this.start.length) return;
    const s = this.start[id]!;
    if (s >= 0) this.release(s, this.capLog[id]!);
    this.start[id] = -1;
    this.len[id] = 0;
    this.capLog[id] = 0;
  }

  /** Bytes held (the typed arrays' full capacity). */
  bytes(): number {
    let freeSlots = 0;
    for (const f of this.free) if (f) freeSlots += f.length * 8;
    return this.data.byteLength + this.start.byteLength + this.len.byteLength + this.capLog.byteLength + freeSlots;
  }

  /** Values in use (for reporting). */
  usedValues(): number {
    return this.top;
  }

  private ensureList(id: number): void {
    if (id < this.start.length) return;
    let size = this.start.length;
    while (size <= id) size *= 2;
    const start = new Int32Array(size).fill(-1);
    start.set(this.start);
    const len = new Int32Array(size);
    len.set(this.len);
    const capLog = new Uint8Array(size);
    capLog.set(this.capLog);
    this.start = start;
    this.len = len;
    this.capLog = capLog;
  }

  private alloc(log: number): number {
    const stack = this.free[log];
    if (stack !== undefined && stack.length > 0) return stack.pop()!;
    const size = 1 << log;
    if (this.top + size > this.data.length) {
      let cap = this.data.length;
      while (this.top + size > cap) cap = cap < 1 << 26 ? cap * 2 : Math.ceil(cap * 1.5);
      const data = new Int32Array(cap);
      data.set(this.data.subarray(0, this.top));
      this.data = data;
    }
    const at = this.top;
    this.top += size;
    return at;
  }

  private release(at: number, log: number): void {
    (this.free[log] ??= []).push(at);
  }
}

const EMPTY = 0xffffffff;

/** uint32 (not 2^32−1) → int32, open addressing with linear probing and backward-shift deletion. */
export class IntMap {
  private keys: Uint32Array;
  private vals: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1 << 10) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Uint32Array(size).fill(EMPTY);
    this.vals = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  private slot(key: number): number {
    // Fibonacci hashing of the key.
    return Math.imul(key, 0x9e3779b1) >>> 0 & this.mask;
  }

  get(key: number): number | undefined {
    let i = this.slot(key);
    for (;;) {
      const k = this.keys[i]!;
      if (k === EMPTY) return undefined;
      if (k === key) return this.vals[i]!;
      i = (i + 1) & this.mask;
    }
  }

  set(key: number, value: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    let i = this.slot(key);
    for (;;) {
      const k = this.keys[i]!;
      if (k === EMPTY) { this.keys[i] = key; this.vals[i] = value; this.count++; return; }
      if (k === key) { this.vals[i] = value; return; }
      i = (i + 1) & this.mask;
    }
  }

  delete(key: number): boolean {
    let i = this.slot(key);
    for (;;) {
      const k = this.keys[i]!;
      if (k === EMPTY) return false;
      if (k === key) break;
      i = (i + 1) & this.mask;
    }
    // Backward-shift: move later entries of the run into the hole when their home allows.
    let hole = i;
    let j = (i + 1) & this.mask;
    for (;;) {
      const k = this.keys[j]!;
      if (k === EMPTY) break;
      const home = this.slot(k);
      const between = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (!between) {
        this.keys[hole] = k;
        this.vals[hole] = this.vals[j]!;
        hole = j;
      }
      j = (j + 1) & this.mask;
    }
    this.keys[hole] = EMPTY;
    this.count--;
    return true;
  }

  bytes(): number {
    return this.keys.byteLength + this.vals.byteLength;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    this.keys = new Uint32Array(oldKeys.length * 2).fill(EMPTY);
    this.vals = new Int32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    this.count = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldKeys[i] !== EMPTY) this.set(oldKeys[i]!, oldVals[i]!);
  }
}

/** A growable typed array of one kind, for per-slot columns. */
export function grow<T extends Int32Array | Uint32Array | Uint8Array | Uint16Array | Float32Array>(arr: T, needed: number, make: (n: number) => T): T {
  if (needed <= arr.length) return arr;
  let size = Math.max(16, arr.length);
  while (size < needed) size = size < 1 << 24 ? size * 2 : Math.ceil(size * 1.25);
  const next = make(size);
  next.set(arr);
  return next;
}

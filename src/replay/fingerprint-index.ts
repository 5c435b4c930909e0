/**
 * Finds a remembered request by (caller, fingerprint): chained hashing over pool rows, one Int32
 * head per bucket and the chains through each row's CHAIN word. Buckets double (each row
 * re-linked once) while entries outnumber them, up to one bucket per allowed entry, so a chain
 * holds about one row and a lookup touches one or two rows.
 */
import { CHAIN, callerOf, FP_HI, FP_LO, NONE, TAG, type EntryPool } from './entry-pool.js';

const FIRST_BUCKETS = 1 << 10;

export class FingerprintIndex {
  private heads = new Int32Array(FIRST_BUCKETS).fill(NONE);
  private readonly maxBuckets: number;

  constructor(private readonly pool: EntryPool, maxEntries: number) {
    this.maxBuckets = Math.max(FIRST_BUCKETS, 2 ** Math.ceil(Math.log2(maxEntries)));
  }

  /** The row remembering (`caller`, `hi`:`lo`), or NONE. */
  find(hi: number, lo: number, caller: number): number {
    const pool = this.pool;
    for (let row = this.heads[this.bucket(lo, caller)]!; row !== NONE; row = pool.get(row, CHAIN)) {
      if (pool.get(row, FP_HI) === hi && pool.get(row, FP_LO) === lo && callerOf(pool.get(row, TAG)) === caller) return row;
    }
    return NONE;
  }

  /** Adds a filled-in row; `entries` is how many the index holds with it. */
  insert(row: number, entries: number): void {
    // Growing re-links every live row, this one included.
    if (entries > this.heads.length && this.heads.length < this.maxBuckets) this.grow();
    else this.link(row);
  }

  remove(row: number): void {
    const pool = this.pool;
    const bucket = this.bucket(pool.get(row, FP_LO), callerOf(pool.get(row, TAG)));
    let at = this.heads[bucket]!;
    if (at === row) {
      this.heads[bucket] = pool.get(row, CHAIN);
      return;
    }
    while (at !== NONE) {
      const next = pool.get(at, CHAIN);
      if (next === row) {
        pool.set(at, CHAIN, pool.get(row, CHAIN));
        return;
      }
      at = next;
    }
  }

  get bytes(): number {
    return this.heads.byteLength;
  }

  private bucket(lo: number, caller: number): number {
    // `lo` is already a seeded hash; the caller's index spreads one signature across callers.
    return (lo ^ Math.imul(caller + 1, 0x9e3779b1)) & (this.heads.length - 1);
  }

  private link(row: number): void {
    const bucket = this.bucket(this.pool.get(row, FP_LO), callerOf(this.pool.get(row, TAG)));
    this.pool.set(row, CHAIN, this.heads[bucket]!);
    this.heads[bucket] = row;
  }

  private grow(): void {
    this.heads = new Int32Array(this.heads.length * 2).fill(NONE);
    for (let row = 0; row < this.pool.rows; row++) if (this.pool.isLive(row)) this.link(row);
  }
}

/**
 * Finds a remembered request by (caller, fingerprint): chained hashing over pool rows, one Int32
 * head per bucket and the chains through each row's CHAIN word. Buckets double while entries
 * outnumber them, up to the power of two at or below the entries allowed: a chain holds one or
 * two rows at most loads, and the heads take 4 bytes per allowed entry at most, not up to 8 (4 MB,
 * not 8, for REPLAY_MAX_ENTRIES' default; docs/reliability.md#replay-memory).
 *
 * Doubling moves the old buckets' rows a few buckets per insert rather than all at once: re-linking
 * a million rows in one go would stall every request in flight for tens of milliseconds. Until
 * an old bucket has been moved, its rows are looked for there.
 */
import { CHAIN, callerOf, FP_HI, FP_LO, NONE, TAG, type EntryPool } from './entry-pool.js';

const FIRST_BUCKETS = 1 << 10;
/** Old buckets moved per insert: done after a quarter of the old size, long before the next doubling. */
const MOVES_PER_INSERT = 4;

export class FingerprintIndex {
  /** Heads hold row + 1, so that a fresh (zeroed) array is all empty buckets. */
  private heads = new Int32Array(FIRST_BUCKETS);
  /** The buckets before the last doubling, while their rows are being moved. */
  private old: Int32Array | undefined;
  /** Old buckets below this one are moved. */
  private moved = 0;
  private readonly maxBuckets: number;

  constructor(
    private readonly pool: EntryPool,
    maxEntries: number,
  ) {
    this.maxBuckets = Math.max(FIRST_BUCKETS, 2 ** Math.floor(Math.log2(Math.max(1, maxEntries))));
  }

  /** The row remembering (`caller`, `hi`:`lo`), or NONE. */
  find(hi: number, lo: number, caller: number): number {
    const hash = mix(lo, caller);
    const found = this.search(this.heads[hash & (this.heads.length - 1)]! - 1, hi, lo, caller);
    if (found !== NONE || !this.old) return found;
    const oldBucket = hash & (this.old.length - 1);
    return oldBucket < this.moved ? NONE : this.search(this.old[oldBucket]! - 1, hi, lo, caller);
  }

  /** Adds a filled-in row; `entries` is how many the index holds with it. */
  insert(row: number, entries: number): void {
    if (this.old) this.move(MOVES_PER_INSERT);
    if (entries > this.heads.length && this.heads.length < this.maxBuckets) {
      // Never so in practice (a move ends after a quarter of the inserts that a doubling takes).
      if (this.old) this.move(this.old.length);
      this.old = this.heads;
      this.heads = new Int32Array(this.heads.length * 2);
      this.moved = 0;
    }
    this.link(row, this.heads);
  }

  remove(row: number): void {
    const hash = mix(this.pool.get(row, FP_LO), callerOf(this.pool.get(row, TAG)));
    // A row inserted since the doubling is in the new buckets even if its old bucket is not moved yet.
    const oldBucket = this.old ? hash & (this.old.length - 1) : -1;
    if (oldBucket >= this.moved && this.unlink(row, this.old!, oldBucket)) return;
    this.unlink(row, this.heads, hash & (this.heads.length - 1));
  }

  /** Rows reachable from the buckets (each chain walked at most `pool.rows` steps): for tests. */
  chainedRows(): number {
    let count = 0;
    const walk = (heads: Int32Array, from: number) => {
      for (let bucket = from; bucket < heads.length; bucket++) {
        for (
          let row = heads[bucket]! - 1, steps = 0;
          row !== NONE && steps <= this.pool.rows;
          row = this.pool.get(row, CHAIN), steps++
        )
          count += 1;
      }
    };
    walk(this.heads, 0);
    if (this.old) walk(this.old, this.moved);
    return count;
  }

  get bytes(): number {
    return this.heads.byteLength + (this.old?.byteLength ?? 0);
  }

  private search(first: number, hi: number, lo: number, caller: number): number {
    const pool = this.pool;
    for (let row = first; row !== NONE; row = pool.get(row, CHAIN)) {
      if (pool.get(row, FP_HI) === hi && pool.get(row, FP_LO) === lo && callerOf(pool.get(row, TAG)) === caller)
        return row;
    }
    return NONE;
  }

  private link(row: number, heads: Int32Array): void {
    const bucket = mix(this.pool.get(row, FP_LO), callerOf(this.pool.get(row, TAG))) & (heads.length - 1);
    this.pool.set(row, CHAIN, heads[bucket]! - 1);
    heads[bucket] = row + 1;
  }

  /** Takes `row` out of the chain of `heads[bucket]`; false if it is not there. */
  private unlink(row: number, heads: Int32Array, bucket: number): boolean {
    const pool = this.pool;
    let at = heads[bucket]! - 1;
    if (at === row) {
      heads[bucket] = pool.get(row, CHAIN) + 1;
      return true;
    }
    while (at !== NONE) {
      const next = pool.get(at, CHAIN);
      if (next === row) {
        pool.set(at, CHAIN, pool.get(row, CHAIN));
        return true;
      }
      at = next;
    }
    return false;
  }

  private move(buckets: number): void {
    const old = this.old!;
    for (const end = Math.min(old.length, this.moved + buckets); this.moved < end; this.moved++) {
      for (let row = old[this.moved]! - 1; row !== NONE;) {
        const next = this.pool.get(row, CHAIN);
        this.link(row, this.heads);
        row = next;
      }
      old[this.moved] = 0;
    }
    if (this.moved === old.length) this.old = undefined;
  }
}

/** `lo` is already a seeded hash; the caller's index spreads one signature across callers. */
function mix(lo: number, caller: number): number {
  return lo ^ Math.imul(caller + 1, 0x9e3779b1);
}

/**
 * Remembered requests as rows of five 32-bit words, in chunks of 65,536 rows: 20 bytes an entry
 * and no object per entry, so the garbage collector never walks them. Memory follows the peak
 * number of live entries and grows without copying; freed rows are reused first.
 */

/** The words of a row. CHAIN links a hash bucket (or the free list), LINK an expiry list. */
export const FP_HI = 0;
export const FP_LO = 1;
export const CHAIN = 2;
export const LINK = 3;
/** The caller's index and the expiry's millisecond within its second: see `tagOf`. */
export const TAG = 4;

/** No row: the end of a list. */
export const NONE = -1;
/** Caller indices fit in the TAG word's upper 22 bits. */
export const MAX_CALLERS = 1 << 22;
/** The TAG of a free row (millisecond 1023 never occurs, so no live row has it). */
const FREE = -1;

const STRIDE = 5;
const CHUNK_BITS = 16;
const CHUNK_ROWS = 1 << CHUNK_BITS;
const ROW_MASK = CHUNK_ROWS - 1;

export const tagOf = (caller: number, millisecond: number): number => (caller << 10) | millisecond;
export const callerOf = (tag: number): number => tag >>> 10;
export const millisecondOf = (tag: number): number => tag & 1023;

export class EntryPool {
  private readonly chunks: Int32Array[] = [];
  private freeRows = NONE;
  /** Rows handed out so far; every row below is live or free. */
  private top = 0;

  allocate(): number {
    const reused = this.freeRows;
    if (reused !== NONE) {
      this.freeRows = this.get(reused, CHAIN);
      return reused;
    }
    if (this.top === this.chunks.length * CHUNK_ROWS) this.chunks.push(new Int32Array(CHUNK_ROWS * STRIDE));
    return this.top++;
  }

  release(row: number): void {
    this.set(row, TAG, FREE);
    this.set(row, CHAIN, this.freeRows);
    this.freeRows = row;
  }

  isLive(row: number): boolean {
    return this.get(row, TAG) !== FREE;
  }

  get(row: number, word: number): number {
    return this.chunks[row >>> CHUNK_BITS]![(row & ROW_MASK) * STRIDE + word]!;
  }

  set(row: number, word: number, value: number): void {
    this.chunks[row >>> CHUNK_BITS]![(row & ROW_MASK) * STRIDE + word] = value;
  }

  /** Rows handed out so far (live or free), for walking every row. */
  get rows(): number {
    return this.top;
  }

  get bytes(): number {
    return this.chunks.length * CHUNK_ROWS * STRIDE * 4;
  }
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EntryPool, FP_HI, FP_LO, NONE, TAG, tagOf } from '../../src/replay/entry-pool.js';
import { FingerprintIndex } from '../../src/replay/fingerprint-index.js';

describe('FingerprintIndex', () => {
  it('finds every live row and no removed one, through several doublings (generated histories)', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 5, max: 40 }).map((percent) => percent / 100),
        (seed, callers, removeShare) => {
          const pool = new EntryPool();
          const index = new FingerprintIndex(pool, 1_000_000);
          const live = new Map<number, [number, number, number]>();
          const rows: number[] = [];
          const gone: [number, number, number][] = [];
          let state = seed;
          const next = () => (state = (Math.imul(state, 1_103_515_245) + 12_345) | 0);
          // From the high bits: an LCG's low bits repeat with short periods.
          const random = () => (next() >>> 0) / 2 ** 32;
          for (let step = 0; step < 12_000; step++) {
            if (live.size > 0 && random() < removeShare) {
              // Half the time the newest row: inserted since the last doubling, its old bucket maybe not moved yet.
              const at = random() < 0.5 ? rows.length - 1 : Math.floor(random() * rows.length);
              const row = rows[at]!;
              const key = live.get(row)!;
              rows[at] = rows[rows.length - 1]!;
              rows.pop();
              index.remove(row);
              pool.release(row);
              live.delete(row);
              gone.push(key);
              continue;
            }
            const key: [number, number, number] = [next(), next(), Math.floor(random() * callers)];
            const row = pool.allocate();
            pool.set(row, FP_HI, key[0]);
            pool.set(row, FP_LO, key[1]);
            pool.set(row, TAG, tagOf(key[2], 0));
            live.set(row, key);
            rows.push(row);
            index.insert(row, live.size);
            if (step % 97 === 0) expect(index.chainedRows()).toBe(live.size);
            if (step % 997 === 0) expect(misfound(index, live)).toBe(0);
          }
          expect(misfound(index, live)).toBe(0);
          expect(gone.slice(-500).filter(([hi, lo, caller]) => index.find(hi, lo, caller) !== NONE)).toEqual([]);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('tells callers apart for one fingerprint', () => {
    const pool = new EntryPool();
    const index = new FingerprintIndex(pool, 10);
    const row = pool.allocate();
    pool.set(row, FP_HI, 1);
    pool.set(row, FP_LO, 2);
    pool.set(row, TAG, tagOf(3, 0));
    index.insert(row, 1);
    expect(index.find(1, 2, 3)).toBe(row);
    expect(index.find(1, 2, 4)).toBe(NONE);
  });
});

/** How many live rows the index does not find (one expect per check keeps the test fast). */
function misfound(index: FingerprintIndex, live: Map<number, [number, number, number]>): number {
  let wrong = 0;
  for (const [row, [hi, lo, caller]] of live) if (index.find(hi, lo, caller) !== row) wrong += 1;
  return wrong;
}

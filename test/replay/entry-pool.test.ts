import { describe, expect, it } from 'vitest';
import { CHAIN, callerOf, EntryPool, FP_HI, millisecondOf, tagOf, TAG } from '../../src/replay/entry-pool.js';

describe('EntryPool', () => {
  it('keeps five words a row, across chunks, and reuses freed rows first', () => {
    const pool = new EntryPool();
    const rows = Array.from({ length: 70_000 }, () => pool.allocate());
    expect(rows.at(-1)).toBe(69_999);
    expect(pool.bytes).toBe(2 * 65_536 * 20);
    pool.set(69_999, FP_HI, -123);
    pool.set(69_999, TAG, tagOf(5, 999));
    expect(pool.get(69_999, FP_HI)).toBe(-123);
    expect(pool.isLive(69_999)).toBe(true);
    pool.release(12);
    pool.release(65_600);
    expect(pool.isLive(12)).toBe(false);
    expect(pool.allocate()).toBe(65_600);
    expect(pool.allocate()).toBe(12);
    expect(pool.allocate()).toBe(70_000);
    expect(pool.rows).toBe(70_001);
    expect(pool.get(0, CHAIN)).toBe(0);
  });

  it('packs a caller index of up to 22 bits and a millisecond into one tag', () => {
    for (const [caller, ms] of [
      [0, 0],
      [1, 999],
      [(1 << 22) - 1, 999],
      [(1 << 21) + 3, 7],
    ] as const) {
      const tag = tagOf(caller, ms);
      expect([callerOf(tag), millisecondOf(tag)]).toEqual([caller, ms]);
      expect(tag).not.toBe(-1);
    }
  });
});

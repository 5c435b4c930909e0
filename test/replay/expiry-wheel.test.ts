import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EntryPool, TAG, tagOf } from '../../src/replay/entry-pool.js';
import { ExpiryWheel } from '../../src/replay/expiry-wheel.js';

function wheelWithLog() {
  const pool = new EntryPool();
  const dropped: number[] = [];
  const wheel = new ExpiryWheel(pool, (row) => {
    dropped.push(row);
    pool.release(row);
  });
  const add = (expiresAt: number) => {
    const row = pool.allocate();
    pool.set(row, TAG, tagOf(0, expiresAt - Math.floor(expiresAt / 1000) * 1000));
    wheel.add(row, expiresAt);
    return row;
  };
  return { wheel, dropped, add };
}

describe('ExpiryWheel', () => {
  it('drops an entry once the clock is past its expiry millisecond, not before', () => {
    const { wheel, dropped, add } = wheelWithLog();
    wheel.advance(10_000);
    const a = add(12_345);
    const b = add(12_346);
    const c = add(15_000);
    wheel.advance(12_345);
    expect(dropped).toEqual([]);
    wheel.advance(12_345.5);
    expect(dropped).toEqual([a]);
    wheel.advance(12_347);
    expect(dropped).toEqual([a, b]);
    wheel.advance(100_000);
    expect(dropped).toEqual([a, b, c]);
  });

  it('files entries of the current second by millisecond', () => {
    const { wheel, dropped, add } = wheelWithLog();
    wheel.advance(20_100);
    const late = add(20_900);
    const soon = add(20_101);
    wheel.advance(20_102);
    expect(dropped).toEqual([soon]);
    wheel.advance(21_000);
    expect(dropped).toEqual([soon, late]);
  });

  it('never runs backwards', () => {
    const { wheel, dropped, add } = wheelWithLog();
    wheel.advance(5_000);
    const row = add(6_000);
    wheel.advance(7_000);
    wheel.advance(4_000);
    expect(wheel.clock).toBe(7_000);
    expect(dropped).toEqual([row]);
  });

  it('drops exactly the entries that expired (generated schedules)', () => {
    const event = fc.oneof(
      fc.record({ add: fc.integer({ min: 0, max: 4_000 }) }),
      fc.record({ advance: fc.oneof(fc.integer({ min: 0, max: 2_500 }), fc.double({ min: 0, max: 3, noNaN: true })) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.array(event, { maxLength: 200 }), (start, events) => {
        const { wheel, dropped, add } = wheelWithLog();
        wheel.advance(start);
        const live = new Map<number, number>();
        for (const e of events) {
          if ('add' in e) {
            const expiresAt = Math.ceil(wheel.clock) + e.add;
            live.set(add(expiresAt), expiresAt);
          } else {
            wheel.advance(wheel.clock + e.advance);
            for (const row of dropped.splice(0)) {
              expect(live.get(row)! < wheel.clock).toBe(true);
              live.delete(row);
            }
            for (const expiresAt of live.values()) expect(expiresAt >= wheel.clock).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

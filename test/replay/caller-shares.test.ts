import { describe, expect, it } from 'vitest';
import { CallerShares } from '../../src/replay/caller-shares.js';
import { NONE } from '../../src/replay/entry-pool.js';

/** Adds entries for `index` until refused; how many went in. */
function fill(shares: CallerShares, index: number, limit = 1e6): number {
  let added = 0;
  while (added < limit && shares.admits(index)) {
    shares.added(index);
    added += 1;
  }
  return added;
}

describe('CallerShares', () => {
  it('gives each of N configured callers a floor of ⌊max / 2N⌋ and shares the rest', () => {
    const shares = new CallerShares(1_000, ['A', 'B', 'C', 'D']);
    const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((s) => shares.find(s));
    expect(fill(shares, a!)).toBe(125 + 500);
    expect(fill(shares, b!)).toBe(125);
    expect(fill(shares, c!, 60)).toBe(60);
    expect(fill(shares, d!)).toBe(125);
    expect(fill(shares, c!)).toBe(65);
    expect(shares.entries).toBe(1_000);
  });

  it('returns a floor as its entries go, and shared room to whoever asks first', () => {
    const shares = new CallerShares(100, ['A', 'B']);
    const [a, b] = [shares.find('A'), shares.find('B')];
    expect(fill(shares, a)).toBe(75);
    shares.removed(a);
    // B's floor, and the one shared entry A gave back.
    expect(fill(shares, b)).toBe(26);
    for (let i = 0; i < 10; i++) shares.removed(b);
    // Of B's ten, one was shared room (anyone's) and nine were its floor (only B's).
    expect(fill(shares, a)).toBe(1);
    expect(fill(shares, b)).toBe(9);
  });

  it('registers other scopes on demand, without a floor, and forgets them when idle', () => {
    const shares = new CallerShares(10, ['A']);
    expect(shares.find('x')).toBe(NONE);
    const x = shares.claim('x');
    expect(shares.claim('x')).toBe(x);
    shares.forgetIfIdle(x);
    expect(shares.find('x')).toBe(NONE);
    const y = shares.claim('y');
    expect(y).toBe(x);
    expect(fill(shares, y)).toBe(5);
    shares.removed(y);
    expect(shares.find('y')).toBe(y);
    for (let i = 0; i < 4; i++) shares.removed(y);
    expect(shares.find('y')).toBe(NONE);
    expect(shares.find('A')).toBe(0);
  });

  it('has no floors without configured callers, and counts a caller named twice once', () => {
    expect(fill(new CallerShares(7, []), new CallerShares(7, []).claim('s'))).toBe(7);
    const twice = new CallerShares(8, ['A', 'A', 'B']);
    expect(fill(twice, twice.find('B'))).toBe(2 + 4);
  });
});

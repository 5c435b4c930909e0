/** At most N calls per key in each one-second window of the injected clock (the API allows 40 a second). */
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../dev/emulator/rate-limiter.js';

describe('createRateLimiter', () => {
  it('allows N calls per key per second, then refuses until the next second', () => {
    const limiter = createRateLimiter(3);
    expect([1, 2, 3, 4, 5].map(() => limiter.allow('k', 10_000))).toEqual([true, true, true, false, false]);
    expect(limiter.allow('k', 10_999)).toBe(false);
    expect(limiter.allow('k', 11_000)).toBe(true);
  });

  it('counts each key apart', () => {
    const limiter = createRateLimiter(1);
    expect(limiter.allow('a', 0)).toBe(true);
    expect(limiter.allow('b', 0)).toBe(true);
    expect(limiter.allow('a', 0)).toBe(false);
  });

  it('starts afresh when the clock steps back to another second', () => {
    const limiter = createRateLimiter(1);
    expect(limiter.allow('k', 5_000)).toBe(true);
    expect(limiter.allow('k', 4_000)).toBe(true);
  });

  it.each([0, -1])('is off at %i', (perSecond) => {
    const limiter = createRateLimiter(perSecond);
    expect(Array.from({ length: 100 }, () => limiter.allow('k', 0)).every(Boolean)).toBe(true);
  });
});

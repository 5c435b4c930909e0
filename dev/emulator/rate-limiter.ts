/**
 * Per-key request limit per second (the real API allows 40 DescribeImages per second; the key is
 * SecretId + action). Fixed one-second windows on the injected clock, so tests are exact.
 */
export interface RateLimiter {
  /** Counts one request; false when it is over the limit for the current second. */
  allow(key: string, nowMs: number): boolean;
}

/** `perSecond` 0 (or less) turns the limit off. */
export function createRateLimiter(perSecond: number): RateLimiter {
  const windows = new Map<string, { second: number; count: number }>();
  return {
    allow(key, nowMs) {
      if (perSecond <= 0) return true;
      const second = Math.floor(nowMs / 1000);
      const current = windows.get(key);
      const window = current !== undefined && current.second === second ? current : { second, count: 0 };
      window.count += 1;
      windows.set(key, window);
      return window.count <= perSecond;
    },
  };
}

/**
 * Replay protection in one process's memory, bounded: expired entries are swept in bulk (amortised
 * O(1) a request), and past `maxEntries` live entries new requests are refused, not forgotten.
 */
import type { ReplayStore, ReplayVerdict } from './replay-store.js';

export function createMemoryReplayStore(options: { maxEntries: number; now: () => number }): ReplayStore {
  const expiries = new Map<string, number>();
  let sweepAt = Math.min(1024, options.maxEntries);

  function sweep(now: number): void {
    for (const [key, expiresAt] of expiries) if (expiresAt < now) expiries.delete(key);
    // Sweep again once the live set has doubled: each entry is visited O(1) times on average.
    sweepAt = Math.min(Math.max(1024, expiries.size * 2), options.maxEntries);
  }

  return {
    remember(scope, id, expiresAtMs): ReplayVerdict {
      const key = `${scope}\u0000${id}`;
      const now = options.now();
      const known = expiries.get(key);
      if (known !== undefined && known >= now) return 'seen';
      if (expiries.size >= sweepAt) sweep(now);
      if (expiries.size >= options.maxEntries) return 'full';
      expiries.set(key, expiresAtMs);
      return 'first';
    },
  };
}

/**
 * Replay protection in one process's memory, bounded: expired entries are swept in bulk (amortised
 * O(1) a request), and past `maxEntries` live entries new requests are refused, not forgotten.
 * One map per scope (caller), keyed by the signature alone: a live entry is a flat 40- or 64-char
 * string and a number, so a busy window of signed requests stays small.
 */
import type { ReplayStore, ReplayVerdict } from './replay-store.js';

export function createMemoryReplayStore(options: { maxEntries: number; now: () => number }): ReplayStore {
  const byScope = new Map<string, Map<string, number>>();
  let size = 0;
  let sweepAt = Math.min(1024, options.maxEntries);

  function sweep(now: number): void {
    size = 0;
    for (const [scope, entries] of byScope) {
      for (const [id, expiresAt] of entries) if (expiresAt < now) entries.delete(id);
      if (entries.size === 0) byScope.delete(scope);
      size += entries.size;
    }
    // Sweep again once the live set has doubled: each entry is visited O(1) times on average.
    sweepAt = Math.min(Math.max(1024, size * 2), options.maxEntries);
  }

  return {
    remember(scope, id, expiresAtMs): ReplayVerdict {
      const now = options.now();
      const known = byScope.get(scope)?.get(id);
      if (known !== undefined && known >= now) return 'seen';
      if (size >= sweepAt) sweep(now);
      if (size >= options.maxEntries) return 'full';
      let entries = byScope.get(scope);
      if (!entries) byScope.set(scope, (entries = new Map()));
      // An expired entry the sweep has not reached yet is overwritten, not counted twice.
      if (!entries.has(id)) size += 1;
      entries.set(id, expiresAtMs);
      return 'first';
    },
  };
}

/**
 * A short-lived cache of full 3.0 scans, with coalescing. A legacy query needs every page of a
 * 3.0 listing (docs/contract.md#b7); the visible list that scan yields answers every status, offset and
 * limit of the same query, so it is kept for `ttlMs` and concurrent identical scans share one
 * run. Keys always include the upstream identity and region: one account never sees another's
 * scan. Bounded by entries and by images held; the least recently used go first.
 */
import { untilAborted } from '../core/abort.js';

export type ScanSource = 'miss' | 'hit' | 'shared';

export interface ScanCache {
  /**
   * `signal` is this caller's deadline: joining another's scan, it stops waiting when its own time
   * is up. Given as a function, it is asked for only then (a hit or a scan of its own never needs it).
   */
  load<T extends readonly unknown[]>(
    key: string,
    scan: () => Promise<T>,
    signal?: AbortSignal | (() => AbortSignal),
  ): Promise<{ value: T; source: ScanSource }>;
}

export interface ScanCacheOptions {
  /** 0 keeps nothing (concurrent identical scans are still shared). */
  readonly ttlMs: number;
  readonly maxEntries: number;
  /** Items held across all entries. */
  readonly maxItems: number;
  readonly now: () => number;
  /** Share concurrent identical scans (default true; off only to measure the bare cost of a scan). */
  readonly coalesce?: boolean;
}

interface Entry {
  readonly value: readonly unknown[];
  readonly expiresAt: number;
}

export function createScanCache(options: ScanCacheOptions): ScanCache {
  const entries = new Map<string, Entry>();
  const running = new Map<string, Promise<readonly unknown[]>>();
  let items = 0;

  function drop(key: string): void {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    items -= entry.value.length;
  }

  function keep(key: string, value: readonly unknown[]): void {
    if (options.ttlMs <= 0 || value.length > options.maxItems) return;
    drop(key);
    entries.set(key, { value, expiresAt: options.now() + options.ttlMs });
    items += value.length;
    // Map order is insertion order, and a hit re-inserts: the first key is the least recently used.
    for (const oldest of entries.keys()) {
      if (entries.size <= options.maxEntries && items <= options.maxItems) break;
      drop(oldest);
    }
  }

  return {
    async load<T extends readonly unknown[]>(
      key: string,
      scan: () => Promise<T>,
      deadline?: AbortSignal | (() => AbortSignal),
    ) {
      const cached = entries.get(key);
      if (cached && cached.expiresAt > options.now()) {
        entries.delete(key);
        entries.set(key, cached);
        return { value: cached.value as T, source: 'hit' as const };
      }
      if (cached) drop(key);
      const inFlight = options.coalesce === false ? undefined : running.get(key);
      if (inFlight) {
        const signal = typeof deadline === 'function' ? deadline() : deadline;
        return { value: (await (signal ? untilAborted(inFlight, signal) : inFlight)) as T, source: 'shared' as const };
      }
      const run = scan();
      running.set(key, run);
      try {
        const value = await run;
        keep(key, value);
        return { value, source: 'miss' as const };
      } finally {
        running.delete(key);
      }
    },
  };
}

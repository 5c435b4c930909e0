/**
 * Replay protection in one process's memory, sized for a busy window: at 5,000 signed requests a
 * second, a 301-second window holds about 1.5 million live entries in about 40 MB.
 *
 * - An entry is a 64-bit fingerprint of the signature, the caller's index and its expiry's
 *   millisecond, in a row of typed arrays (20 bytes) plus 4 to 8 bytes of hash index: no string
 *   or object per entry (scripts/bench/replay-store.ts measures about 26 bytes an entry).
 * - Distinct signatures of one caller share a fingerprint with probability about 2^-64 (a false
 *   'seen', 4500): with 1.6 million live entries, about 9e-14 a request, or once in some 70 years
 *   at 5,000 requests a second. Callers are told apart exactly, by index, never by hash.
 * - Forgetting costs what expired: entries are filed by expiry second (see expiry-wheel.ts).
 * - Past capacity new requests are refused ('full', 4400), never let in unremembered, and one
 *   caller cannot take every other caller's room (the fair-share rule in caller-shares.ts).
 */
import { CallerShares } from './caller-shares.js';
import { EntryPool, FP_HI, FP_LO, NONE, TAG, callerOf, tagOf } from './entry-pool.js';
import { ExpiryWheel } from './expiry-wheel.js';
import { FingerprintIndex } from './fingerprint-index.js';
import { fingerprint64 } from './fingerprint.js';
import type { ReplayStore, ReplayVerdict } from './replay-store.js';

export interface MemoryReplayStoreOptions {
  /** Live entries at most, all callers together (REPLAY_MAX_ENTRIES). */
  readonly maxEntries: number;
  /** The configured callers' SecretIds (PROXY_CREDENTIALS): each is guaranteed a floor of room. */
  readonly callers?: readonly string[];
  /** Milliseconds since the epoch; Date.now unless given. */
  readonly now?: () => number;
  /** Seeds the fingerprints; random per store unless given. */
  readonly seed?: number;
}

export interface MemoryReplayStats {
  readonly entries: number;
  readonly peakEntries: number;
  /** Typed-array memory held: entry rows, hash buckets, millisecond lists. */
  readonly bytes: number;
  /** Rows visited by sweeping so far: grows with what expired, not with what is held. */
  readonly sweptRows: number;
}

export interface MemoryReplayStore extends ReplayStore {
  remember(scope: string, id: string, expiresAtMs: number, signal?: AbortSignal): ReplayVerdict;
  stats(): MemoryReplayStats;
}

export function createMemoryReplayStore(options: MemoryReplayStoreOptions): MemoryReplayStore {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? crypto.getRandomValues(new Uint32Array(1))[0]!;
  const pool = new EntryPool();
  const index = new FingerprintIndex(pool, options.maxEntries);
  const shares = new CallerShares(options.maxEntries, options.callers ?? []);
  const wheel = new ExpiryWheel(pool, (row) => {
    index.remove(row);
    shares.removed(callerOf(pool.get(row, TAG)));
    pool.release(row);
  });
  const fingerprint = new Int32Array(2);
  let peakEntries = 0;

  return {
    inProcess: true,
    remember(scope, id, expiresAtMs): ReplayVerdict {
      wheel.advance(now());
      fingerprint64(id, seed, fingerprint);
      const hi = fingerprint[0]!;
      const lo = fingerprint[1]!;
      const known = shares.find(scope);
      if (known !== NONE && index.find(hi, lo, known) !== NONE) return 'seen';
      const caller = known !== NONE ? known : shares.claim(scope);
      if (caller === NONE) return 'full';
      if (!shares.admits(caller)) {
        shares.forgetIfIdle(caller);
        return 'full';
      }
      // Whole milliseconds: a fraction would need more bits, and the gateway sends whole seconds.
      const expiresAt = Math.min(Math.ceil(expiresAtMs), Number.MAX_SAFE_INTEGER);
      // Already expired (never so from the gateway): it would never be 'seen', so it is not kept.
      if (!(expiresAt >= wheel.clock)) {
        shares.forgetIfIdle(caller);
        return 'first';
      }
      const row = pool.allocate();
      pool.set(row, FP_HI, hi);
      pool.set(row, FP_LO, lo);
      pool.set(row, TAG, tagOf(caller, expiresAt - Math.floor(expiresAt / 1000) * 1000));
      shares.added(caller);
      index.insert(row, shares.entries);
      wheel.add(row, expiresAt);
      peakEntries = Math.max(peakEntries, shares.entries);
      return 'first';
    },
    stats: () => ({
      entries: shares.entries,
      peakEntries,
      bytes: pool.bytes + index.bytes + wheel.bytes,
      sweptRows: wheel.rowsVisited,
    }),
  };
}

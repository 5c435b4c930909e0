import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryReplayStore } from '../../src/replay/memory-replay-store.js';
import type { ReplayVerdict } from '../../src/replay/replay-store.js';

describe('memory replay store', () => {
  it('says first, then seen, until the entry expires', () => {
    let now = 1_000;
    const store = createMemoryReplayStore({ maxEntries: 10, now: () => now });
    expect(store.remember('s', 'a', 2_000)).toBe('first');
    expect(store.remember('s', 'a', 2_000)).toBe('seen');
    expect(store.remember('s', 'b', 2_000)).toBe('first');
    now = 2_001;
    expect(store.remember('s', 'a', 3_000)).toBe('first');
  });

  it('keeps an entry up to and including its expiry millisecond, not one millisecond more', () => {
    let now = 1_700_000_000_000;
    const store = createMemoryReplayStore({ maxEntries: 10, now: () => now });
    const expiresAt = now + 301_000;
    expect(store.remember('s', 'a', expiresAt)).toBe('first');
    expect(store.remember('s', 'b', expiresAt + 437)).toBe('first');
    now = expiresAt;
    expect(store.remember('s', 'a', expiresAt)).toBe('seen');
    now = expiresAt + 1;
    expect(store.remember('s', 'a', expiresAt + 1)).toBe('first');
    now = expiresAt + 437;
    expect(store.remember('s', 'b', now)).toBe('seen');
    now = expiresAt + 438;
    expect(store.remember('s', 'b', now)).toBe('first');
  });

  it('stays bounded: refuses when full of live entries, makes room from expired ones', () => {
    let now = 0;
    const store = createMemoryReplayStore({ maxEntries: 3, now: () => now });
    for (const key of ['a', 'b', 'c']) expect(store.remember('s', key, 100)).toBe('first');
    expect(store.remember('s', 'd', 100)).toBe('full');
    expect(store.remember('s', 'a', 100)).toBe('seen');
    now = 101;
    expect(store.remember('s', 'd', 200)).toBe('first');
  });

  it('holds many entries with expired ones swept away', () => {
    let now = 0;
    const store = createMemoryReplayStore({ maxEntries: 5_000, now: () => now });
    for (let i = 0; i < 100_000; i++) {
      now = i;
      expect(store.remember('s', `k${i}`, i + 1_000)).toBe('first');
    }
    expect(store.stats().entries).toBe(1_001);
  });

  it('does not keep a request that is already past its expiry (it could never be seen)', () => {
    const store = createMemoryReplayStore({ maxEntries: 10, now: () => 5_000 });
    expect(store.remember('s', 'a', 4_999)).toBe('first');
    expect(store.remember('s', 'a', 4_999)).toBe('first');
    expect(store.stats().entries).toBe(0);
  });

  it('reads the clock it is given, and only that', () => {
    let reads = 0;
    const store = createMemoryReplayStore({ maxEntries: 10, now: () => (reads++, 0) });
    store.remember('s', 'a', 100);
    expect(reads).toBe(1);
  });

  it('behaves as a plain map of (caller, id) → expiry with the fair-share rule (generated histories)', () => {
    const step = fc.record({
      advanceMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_500 }), fc.constantFrom(999, 1_000, 1_001)),
      scope: fc.constantFrom('A', 'B', 'C', 'stranger'),
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
      lifeMs: fc.oneof(fc.integer({ min: -50, max: 3_000 }), fc.constantFrom(0, 1_000, 2_000)),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.subarray(['A', 'B', 'C']),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(step, { maxLength: 120 }),
        (maxEntries, callers, start, steps) => {
          let now = start;
          const store = createMemoryReplayStore({ maxEntries, callers, now: () => now, seed: 7 });
          const model = referenceStore(maxEntries, callers);
          for (const { advanceMs, scope, id, lifeMs } of steps) {
            now += advanceMs;
            expect(store.remember(scope, id, now + lifeMs)).toBe(model.remember(now, scope, id, now + lifeMs));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('scopes', () => {
  it('keeps callers apart: one id in two scopes is two entries', () => {
    const store = createMemoryReplayStore({ maxEntries: 10, now: () => 0 });
    expect(store.remember('AKIDa', 'sig', 100)).toBe('first');
    expect(store.remember('AKIDb', 'sig', 100)).toBe('first');
    expect(store.remember('AKIDa', 'sig', 100)).toBe('seen');
  });
});

describe('sweeping costs what expired, not what is held', () => {
  it('visits each expired entry at most twice, and no live one', () => {
    let now = 1_700_000_000_000;
    const store = createMemoryReplayStore({ maxEntries: 400_000, now: () => now, seed: 1 });
    const held = 200_000;
    for (let i = 0; i < held; i++) store.remember('s', `held${i}`, now + 3_600_000);
    for (let round = 0; round < 40; round++) {
      // 250 entries expiring within the next second, at scattered milliseconds.
      for (let i = 0; i < 250; i++) store.remember('s', `short${round}-${i}`, now + 1 + ((i * 7) % 999));
      const before = store.stats();
      now += 1_000 + (round % 3) * 700;
      store.remember('s', `probe${round}`, now + 3_600_000);
      const after = store.stats();
      expect(before.entries + 1 - after.entries).toBe(250);
      expect(after.sweptRows - before.sweptRows).toBeLessThanOrEqual(2 * 250);
    }
    const quiet = store.stats().sweptRows;
    for (let i = 0; i < 1_000; i++) store.remember('s', `quiet${i}`, now + 3_600_000);
    expect(store.stats().sweptRows).toBe(quiet);
    expect(store.stats().entries).toBeGreaterThanOrEqual(held);
  });
});

describe('fair shares', () => {
  it('one caller filling its share does not refuse another', () => {
    const store = createMemoryReplayStore({ maxEntries: 600, callers: ['AKIDflood', 'AKIDb', 'AKIDc'], now: () => 0 });
    let flooded = 0;
    while (store.remember('AKIDflood', `f${flooded}`, 1_000) === 'first') flooded += 1;
    // Its floor (600 / (2·3) = 100) and the shared half (300), no more.
    expect(flooded).toBe(400);
    for (const caller of ['AKIDb', 'AKIDc']) {
      for (let i = 0; i < 100; i++) expect(store.remember(caller, `x${i}`, 1_000)).toBe('first');
      expect(store.remember(caller, 'one more', 1_000)).toBe('full');
    }
    // A replay is still told apart from a full store.
    expect(store.remember('AKIDflood', 'f0', 1_000)).toBe('seen');
  });

  it('a lone configured caller can use the whole store', () => {
    const store = createMemoryReplayStore({ maxEntries: 50, callers: ['AKIDa'], now: () => 0 });
    for (let i = 0; i < 50; i++) expect(store.remember('AKIDa', `s${i}`, 1_000)).toBe('first');
    expect(store.remember('AKIDa', 'more', 1_000)).toBe('full');
  });

  it('a caller held back at its floor gets the shared room back as the flood expires', () => {
    let now = 0;
    const store = createMemoryReplayStore({ maxEntries: 40, callers: ['AKIDa', 'AKIDb'], now: () => now });
    for (let i = 0; i < 30; i++) expect(store.remember('AKIDa', `a${i}`, 1_000)).toBe('first');
    for (let i = 0; i < 10; i++) expect(store.remember('AKIDb', `b${i}`, 5_000)).toBe('first');
    expect(store.remember('AKIDb', 'b10', 5_000)).toBe('full');
    now = 1_001;
    expect(store.remember('AKIDb', 'b10', 5_000)).toBe('first');
  });

  it('a scope that is not a configured caller has no floor, only the shared room', () => {
    const store = createMemoryReplayStore({ maxEntries: 8, callers: ['AKIDa', 'AKIDb'], now: () => 0 });
    for (let i = 0; i < 4; i++) expect(store.remember('stranger', `s${i}`, 1_000)).toBe('first');
    expect(store.remember('stranger', 's4', 1_000)).toBe('full');
    for (let i = 0; i < 2; i++) expect(store.remember('AKIDa', `a${i}`, 1_000)).toBe('first');
  });
});

describe('capacity', () => {
  /** The REPLAY_MAX_ENTRIES default. */
  const DEFAULT_MAX_ENTRIES = 1_600_000;
  const MiB = 1024 * 1024;

  it('5,000 signed requests a second for 320 s (a whole 301 s window) fit, in about 40 MB', () => {
    const gc = exposedGc();
    const callers = ['AKID1', 'AKID2', 'AKID3', 'AKID4'];
    let now = 1_700_000_000_000;
    gc();
    const before = process.memoryUsage();
    const store = createMemoryReplayStore({ maxEntries: DEFAULT_MAX_ENTRIES, callers, now: () => now });
    const verdicts = new Map<ReplayVerdict, number>();
    let atPeak: NodeJS.MemoryUsage | undefined;
    for (let second = 0; second < 320; second++) {
      const ids = signatureIds(5_000);
      for (let i = 0; i < 5_000; i++) {
        now = 1_700_000_000_000 + second * 1_000 + Math.floor(i / 5);
        // As the gateway does: the Timestamp's second, plus the window, plus one second.
        const expiresAt = (Math.floor(now / 1_000) + 301) * 1_000;
        const verdict = store.remember(callers[i % 4]!, ids[i]!, expiresAt);
        verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
      }
      if (second === 302) {
        gc();
        atPeak = process.memoryUsage();
      }
    }
    expect(verdicts).toEqual(new Map([['first', 1_600_000]]));
    const stats = store.stats();
    expect(stats.peakEntries).toBeGreaterThanOrEqual(1_505_000);
    expect(stats.bytes).toBeLessThanOrEqual(40 * MiB);
    const grown = atPeak!.heapUsed + atPeak!.arrayBuffers - (before.heapUsed + before.arrayBuffers);
    expect(grown).toBeLessThan(64 * MiB);
  }, 180_000);
});

/** Signatures as the gateway passes them: 32 random bytes as one flat hex string. */
function signatureIds(count: number): string[] {
  const bytes = randomBytes(32 * count);
  const ids = new Array<string>(count);
  for (let i = 0; i < count; i++) ids[i] = bytes.toString('hex', i * 32, i * 32 + 32);
  return ids;
}

/** The garbage collector, so that a memory reading counts what is held rather than what is litter. */
function exposedGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** The rule written plainly: every entry in a map, live ones counted afresh at each call. */
function referenceStore(maxEntries: number, callers: readonly string[]) {
  const entries = new Map<string, Map<string, number>>();
  const floor = callers.length === 0 ? 0 : Math.floor(maxEntries / (2 * callers.length));
  return {
    remember(now: number, scope: string, id: string, expiresAt: number): ReplayVerdict {
      const known = entries.get(scope)?.get(id);
      if (known !== undefined && known >= now) return 'seen';
      const held = (s: string) => [...(entries.get(s)?.values() ?? [])].filter((at) => at >= now).length;
      const live = [...entries.keys()].reduce((sum, s) => sum + held(s), 0);
      const unusedFloors = callers.reduce((sum, c) => sum + Math.max(0, floor - held(c)), 0);
      const ownFloor = callers.includes(scope) ? floor : 0;
      if (held(scope) >= ownFloor && live + unusedFloors >= maxEntries) return 'full';
      if (expiresAt < now) return 'first';
      if (!entries.has(scope)) entries.set(scope, new Map());
      entries.get(scope)!.set(id, expiresAt);
      return 'first';
    },
  };
}

import { describe, expect, it } from 'vitest';
import { createMemoryReplayStore } from '../../src/replay/memory-replay-store.js';

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

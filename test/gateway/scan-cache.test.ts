import { describe, expect, it } from 'vitest';
import { createScanCache } from '../../src/gateway/scan-cache.js';

const options = { ttlMs: 1_000, maxEntries: 3, maxItems: 100, now: () => 0 };

describe('createScanCache', () => {
  it('scans once per TTL per key, and again after it', async () => {
    let now = 0;
    let scans = 0;
    const cache = createScanCache({ ...options, now: () => now });
    const scan = async () => [++scans];
    expect(await cache.load('k', scan)).toEqual({ value: [1], source: 'miss' });
    expect(await cache.load('k', scan)).toEqual({ value: [1], source: 'hit' });
    expect(await cache.load('other', scan)).toEqual({ value: [2], source: 'miss' });
    now = 1_001;
    expect(await cache.load('k', scan)).toEqual({ value: [3], source: 'miss' });
  });

  it('shares one run among concurrent identical loads, even with a TTL of 0', async () => {
    let scans = 0;
    const cache = createScanCache({ ...options, ttlMs: 0 });
    const scan = () => new Promise<number[]>((resolve) => setTimeout(() => resolve([++scans]), 20));
    const loads = await Promise.all(Array.from({ length: 5 }, () => cache.load('k', scan)));
    expect(scans).toBe(1);
    expect(loads.map((l) => l.source).sort()).toEqual(['miss', 'shared', 'shared', 'shared', 'shared']);
    expect((await cache.load('k', scan)).source).toBe('miss'); // nothing kept
  });

  it('keeps no failure: the next load scans again', async () => {
    const cache = createScanCache(options);
    await expect(
      cache.load('k', async () => {
        throw new Error('down');
      }),
    ).rejects.toThrow('down');
    expect(await cache.load('k', async () => [1])).toEqual({ value: [1], source: 'miss' });
  });

  it('stays bounded by entries and by items, dropping the least recently used', async () => {
    const cache = createScanCache(options);
    for (const key of ['a', 'b', 'c']) await cache.load(key, async () => [key]);
    await cache.load('a', async () => ['a2']); // a is now the most recent
    await cache.load('d', async () => ['d']); // b goes
    expect((await cache.load('b', async () => ['b2'])).source).toBe('miss');
    expect((await cache.load('a', async () => ['a3'])).value).toEqual(['a']);
    await cache.load('big', async () => Array.from({ length: 100 }, (_, i) => i)); // needs every slot
    expect((await cache.load('a', async () => ['a4'])).source).toBe('miss');
    await cache.load('huge', async () => Array.from({ length: 101 }, (_, i) => i)); // larger than the cache: not kept
    expect((await cache.load('huge', async () => [])).source).toBe('miss');
  });
});

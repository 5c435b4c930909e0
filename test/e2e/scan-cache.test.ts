/**
 * The scan cache in the whole proxy: status-filtered and paged queries over more than 100 private
 * images cost one full 3.0 scan per TTL per identity, give exactly the answers an uncached proxy
 * gives, and one account never gets another's scan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../dev/emulator/accounts.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const QUERIES: Array<Record<string, number>> = [
  { imageType: 1 },
  { imageType: 1, status: 2, limit: 100 },
  { imageType: 1, status: 1, offset: 5, limit: 7 },
  { imageType: 1, offset: 100, limit: 100 },
  { imageType: 1, status: 4 },
  { imageType: 1, status: 5 },
];

let cached: Harness;
let uncached: Harness;
beforeAll(async () => {
  cached = await startHarness({ env: { CACHE_TTL_MS: '60000' } });
  uncached = await startHarness({ env: { CACHE_TTL_MS: '0' } });
});
afterAll(async () => {
  await cached.close();
  await uncached.close();
});

describe('with the scan cache', () => {
  it('answers every status, offset and limit from one scan, exactly as without it', async () => {
    cached.emulator.emulator.clearRequests();
    for (const params of QUERIES) {
      expect(await cached.legacy({ params })).toEqual(await uncached.legacy({ params }));
    }
    expect(cached.emulator.emulator.requests).toHaveLength(2); // 130 private images: two 3.0 pages, once
    expect(uncached.emulator.emulator.requests.length).toBeGreaterThanOrEqual(QUERIES.length * 2);
    const scans = cached.log
      .records()
      .filter((r) => r.msg === 'legacy request')
      .slice(-QUERIES.length)
      .map((r) => r.scan);
    expect(scans).toEqual(['miss', 'hit', 'hit', 'hit', 'hit', 'hit']);
  });

  it('shares one scan among concurrent identical queries', async () => {
    const fresh = await startHarness({ env: { CACHE_TTL_MS: '0' } });
    try {
      // All eight must reach the cache while the first scan (two slow pages) runs: 2 × 500 ms, not
      // 2 × 100 ms, so that a busy machine has room to get them there.
      fresh.emulator.faults.set({ kind: 'slow', delayMs: 500 });
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) => fresh.legacy({ params: { imageType: 1, offset: i } })),
      );
      expect(answers.every((a) => a.code === 0)).toBe(true);
      expect(fresh.emulator.emulator.requests).toHaveLength(2);
    } finally {
      await fresh.close();
    }
  });

  it("never gives one account another's scan", async () => {
    const a = await cached.legacy({ params: { imageType: 1, limit: 100 } });
    const b = await cached.legacy({ params: { imageType: 1, limit: 100 }, account: DEMO_ACCOUNT_B });
    expect(a.imageSet.every((i: { creator: string }) => i.creator === DEMO_ACCOUNT_A.uin)).toBe(true);
    expect(b.imageSet.every((i: { creator: string }) => i.creator === DEMO_ACCOUNT_B.uin)).toBe(true);
  });
});

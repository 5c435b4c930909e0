/**
 * A failing API 3.0 (the emulator's fault layer on a real socket): for each fault the legacy
 * answer of Part B.10 arrives within the deadline, retries happen only where they can help,
 * bounded and logged, and the next good request succeeds.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FaultPlan } from '../../dev/emulator/faults.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const TIMEOUT_MS = 1_500;
let h: Harness;
beforeAll(async () => {
  // No scan cache: each request here must meet the upstream (and its fault) itself.
  h = await startHarness({
    env: { UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS), UPSTREAM_RETRIES: '2', CACHE_TTL_MS: '0' },
  });
});
afterAll(() => h.close());
beforeEach(() => h.emulator.faults.set(undefined));

async function underFault(plan: FaultPlan) {
  h.emulator.faults.set(plan);
  const before = h.log.lines.length;
  const injectedBefore = h.emulator.faults.injected[plan.kind];
  const started = Date.now();
  const answer = await h.legacy({ params: { imageType: 2, limit: 1 } });
  const elapsed = Date.now() - started;
  h.emulator.faults.set(undefined);
  const log = h.log
    .records()
    .slice(before)
    .find((r) => r.msg === 'legacy request')!;
  const next = await h.legacy({ params: { imageType: 2, limit: 1 } });
  return { answer, elapsed, log, hits: h.emulator.faults.injected[plan.kind] - injectedBefore, next };
}

describe('each fault, every time: the B.10 answer within the deadline, then recovery', () => {
  it.each<[FaultPlan['kind'], number, string, number]>([
    // kind, legacy code, message, calls hit (1 + retries where a retry can help)
    ['reset', 6200, 'API 3.0 is unavailable: it could not be reached', 3],
    ['http500', 6200, 'API 3.0 is unavailable: it answered HTTP 500', 3],
    ['rate-limit', 4400, '(RequestLimitExceeded)', 3],
    ['truncated', 6200, 'API 3.0 is unavailable: its answer is not API 3.0 JSON', 1],
    ['hang', 6200, 'API 3.0 is unavailable: no answer before the deadline', 1],
  ])('%s → %i', async (kind, code, message, hits) => {
    const run = await underFault({ kind });
    expect(run.answer.code).toBe(code);
    expect(run.answer.message).toContain(message);
    expect(run.hits).toBe(hits);
    expect(run.log).toMatchObject({ code, upstreamRetries: hits - 1 });
    expect(run.elapsed).toBeLessThan(TIMEOUT_MS + 1_000);
    expect(JSON.stringify(run.answer)).not.toMatch(/127\.0\.0\.1|at .*\.js:\d+/);
    expect(run.next.code).toBe(0);
  });

  it('a connection cut in the middle of the answer is a 6200 that names nothing of the upstream', async () => {
    const run = await underFault({ kind: 'cut-body' });
    expect(run.answer.code).toBe(6200);
    expect(run.answer.message).toMatch(
      /^API 3\.0 is unavailable: (it could not be reached|no answer before the deadline|its answer is not API 3\.0 JSON)$/,
    );
    expect(run.answer.codeDesc).toBe('ServiceUnavailable');
    expect(run.elapsed).toBeLessThan(TIMEOUT_MS + 1_000);
    expect(run.next.code).toBe(0);
  });

  it('a slow answer inside the deadline is simply waited for', async () => {
    const run = await underFault({ kind: 'slow', delayMs: 300 });
    expect(run.answer.code).toBe(0);
  });

  it('a slow answer past the deadline is 6200, not retried', async () => {
    const run = await underFault({ kind: 'slow', delayMs: TIMEOUT_MS + 500 });
    expect(run.answer).toMatchObject({ code: 6200, message: 'API 3.0 is unavailable: no answer before the deadline' });
    expect(run.hits).toBe(1);
  });
});

describe('retries', () => {
  it.each<FaultPlan['kind']>(['reset', 'http500', 'rate-limit'])(
    'a single %s is retried into a success, and the retry is logged',
    async (kind) => {
      const run = await underFault({ kind, times: 1 });
      expect(run.answer).toMatchObject({ code: 0, totalCount: 38 });
      expect(run.log).toMatchObject({ code: 0, upstreamRetries: 1 });
    },
  );

  it('never retries with UPSTREAM_RETRIES=0', async () => {
    const none = await startHarness({ env: { UPSTREAM_RETRIES: '0', CACHE_TTL_MS: '0' } });
    try {
      none.emulator.faults.set({ kind: 'reset' });
      expect((await none.legacy({ params: { imageType: 2 } })).code).toBe(6200);
      expect(none.emulator.faults.injected.reset).toBe(1);
    } finally {
      await none.close();
    }
  });

  it('never waits past the deadline to retry', async () => {
    const tight = await startHarness({
      env: { UPSTREAM_RETRIES: '10', UPSTREAM_TIMEOUT_MS: '400', CACHE_TTL_MS: '0' },
    });
    try {
      tight.emulator.faults.set({ kind: 'rate-limit' });
      const started = Date.now();
      expect((await tight.legacy({ params: { imageType: 2 } })).code).toBe(4400);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(tight.emulator.faults.injected['rate-limit']).toBeLessThan(11);
    } finally {
      await tight.close();
    }
  });
});

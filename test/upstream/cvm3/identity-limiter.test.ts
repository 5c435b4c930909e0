import { afterEach, describe, expect, it, vi } from 'vitest';
import { LegacyError } from '../../../src/core/errors.js';
import type { Cvm3Call, Cvm3Client } from '../../../src/upstream/cvm3/client.js';
import { withIdentityLimits } from '../../../src/upstream/cvm3/identity-limiter.js';

/** A 3.0 client that answers after `ms`, and records how many calls were in flight at once. */
function slowClient(ms: number) {
  let inFlight = 0;
  const seen = { peak: 0, started: [] as number[] };
  const client: Cvm3Client = {
    async describeImages() {
      inFlight += 1;
      seen.peak = Math.max(seen.peak, inFlight);
      seen.started.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, ms));
      inFlight -= 1;
      return { TotalCount: 0, ImageSet: [], RequestId: 'r' };
    },
  };
  return { client, seen };
}

const call = (secretId: string, timeoutMs = 5_000): Cvm3Call => ({
  identity: { secretId, secretKey: 'k' },
  region: 'ap-guangzhou',
  request: {},
  signal: AbortSignal.timeout(timeoutMs),
  deadline: Date.now() + timeoutMs,
});

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: LegacyError) => `${error.code}`,
  );

/**
 * Runs `calls` on fake timers, the limiter on the same fake clock: start times are then exact,
 * however busy the machine (a real clock read between decision and start can drift by a tick).
 */
async function onFakeTime<T>(calls: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const done = calls();
  await vi.runAllTimersAsync();
  return done;
}
afterEach(() => void vi.useRealTimers());

describe('withIdentityLimits', () => {
  it('holds concurrency per identity, queues the next ones, and refuses past the queue at once', async () => {
    const { client, seen } = slowClient(100);
    const limited = withIdentityLimits(client, { maxConcurrent: 2, maxQueued: 3, ratePerSecond: 1000 });
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 8 }, () => outcome(limited.describeImages(call('a')))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(5);
    expect(results.filter((r) => r === '4400')).toHaveLength(3);
    expect(seen.peak).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250); // three waves of 100 ms
  });

  it('keeps identities apart: one busy identity does not slow another', async () => {
    const { client } = slowClient(200);
    const limited = withIdentityLimits(client, { maxConcurrent: 1, maxQueued: 10, ratePerSecond: 1000 });
    let busyDone = 0;
    const busy = Array.from({ length: 5 }, () => limited.describeImages(call('busy')).then(() => (busyDone += 1)));
    await limited.describeImages(call('calm'));
    // Not behind the busy identity's queue (1 s of calls): done alongside its first call, by order, not by clock.
    expect(busyDone).toBeLessThanOrEqual(1);
    await Promise.all(busy);
  });

  it('starts at most ratePerSecond calls a second', async () => {
    const { client, seen } = slowClient(1);
    const limited = withIdentityLimits(client, {
      maxConcurrent: 100,
      maxQueued: 100,
      ratePerSecond: 10,
      now: () => Date.now(),
    });
    await onFakeTime(() => Promise.all(Array.from({ length: 15 }, () => limited.describeImages(call('a')))));
    const first = seen.started[0]!;
    expect(seen.started.filter((t) => t - first < 200)).toHaveLength(10); // the first second's allowance at once
    expect(seen.started.at(-1)! - first).toBeGreaterThanOrEqual(900); // the rest once the window has moved on
  });

  it('a call whose deadline passes while queued leaves the queue with 6200', async () => {
    const { client } = slowClient(500);
    const limited = withIdentityLimits(client, { maxConcurrent: 1, maxQueued: 5, ratePerSecond: 1000 });
    const first = limited.describeImages(call('a'));
    await expect(limited.describeImages(call('a', 100))).rejects.toMatchObject({
      code: 6200,
      message: expect.stringMatching(/deadline/),
    });
    await first;
  });
});

describe('withIdentityLimits, edges', () => {
  it('refuses a call that arrives past its deadline at once with 6200, and serves the next', async () => {
    const { client } = slowClient(1);
    const limited = withIdentityLimits(client, { maxConcurrent: 1, maxQueued: 5, ratePerSecond: 100 });
    const expired = { ...call('a'), signal: AbortSignal.abort() };
    await expect(limited.describeImages(expired)).rejects.toMatchObject({ code: 6200 });
    await expect(limited.describeImages(call('a'))).resolves.toMatchObject({ RequestId: 'r' });
  });

  it('with a queue of 0, still serves calls that can start at once', async () => {
    const { client } = slowClient(50);
    const limited = withIdentityLimits(client, { maxConcurrent: 1, maxQueued: 0, ratePerSecond: 100 });
    const first = limited.describeImages(call('a'));
    await expect(limited.describeImages(call('a'))).rejects.toMatchObject({ code: 4400 });
    await first;
    await expect(limited.describeImages(call('a'))).resolves.toBeDefined();
  });

  it('never starts more than ratePerSecond calls in any 1000 ms', async () => {
    const { client, seen } = slowClient(1);
    const limited = withIdentityLimits(client, {
      maxConcurrent: 100,
      maxQueued: 100,
      ratePerSecond: 8,
      now: () => Date.now(),
    });
    await onFakeTime(() => Promise.all(Array.from({ length: 20 }, () => limited.describeImages(call('a')))));
    expect(seen.started).toHaveLength(20);
    for (const start of seen.started)
      expect(seen.started.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(8);
  });

  it('does not name the upstream account when it refuses', async () => {
    const { client } = slowClient(50);
    const limited = withIdentityLimits(client, { maxConcurrent: 1, maxQueued: 0, ratePerSecond: 100 });
    const first = limited.describeImages(call('AKIDupstreamSecretOwner'));
    const refusal = (await limited
      .describeImages(call('AKIDupstreamSecretOwner'))
      .catch((error: Error) => error)) as Error;
    expect(refusal).toMatchObject({ code: 4400 });
    expect(refusal.message).not.toContain('AKIDupstreamSecretOwner');
    await first;
  });
});

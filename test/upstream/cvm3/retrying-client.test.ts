import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../../src/core/errors.js';
import type { Cvm3Call, Cvm3Client } from '../../../src/upstream/cvm3/client.js';
import { withRetries } from '../../../src/upstream/cvm3/retrying-client.js';

const OK = { TotalCount: 0, ImageSet: [], RequestId: 'r' };
const retryable = () => new LegacyError(6200, 'API 3.0 is unavailable: it could not be reached', { retryable: true });

/** A client that fails with the given errors in turn, then answers. */
function failing(...errors: Error[]) {
  const seen = { calls: 0 };
  const client: Cvm3Client = {
    async describeImages() {
      seen.calls += 1;
      const error = errors.shift();
      if (error) throw error;
      return OK;
    },
  };
  return { client, seen };
}

const call = (timeoutMs = 5_000, onRetry?: Cvm3Call['onRetry']): Cvm3Call => ({
  identity: { secretId: 'a', secretKey: 'k' },
  region: 'ap-guangzhou',
  request: {},
  signal: AbortSignal.timeout(timeoutMs),
  deadline: Date.now() + timeoutMs,
  ...(onRetry ? { onRetry } : {}),
});
const policy = { retries: 2, baseDelayMs: 10, maxDelayMs: 50 };

describe('withRetries', () => {
  it('retries what a retry can help, up to the count, and reports each retry', async () => {
    const { client, seen } = failing(retryable(), retryable());
    const retries: number[] = [];
    expect(await withRetries(client, policy).describeImages(call(5_000, (_e, attempt) => retries.push(attempt)))).toBe(
      OK,
    );
    expect(seen.calls).toBe(3);
    expect(retries).toEqual([1, 2]);
  });

  it('gives up after the count with the last error', async () => {
    const { client, seen } = failing(retryable(), retryable(), retryable());
    await expect(withRetries(client, policy).describeImages(call())).rejects.toMatchObject({ code: 6200 });
    expect(seen.calls).toBe(3);
  });

  it.each([
    ['a parameter error', new LegacyError(4000, '(InvalidParameter) x')],
    ['an authentication failure', new LegacyError(4100, '(AuthFailure.SignatureFailure) x')],
    ['a body that is not JSON', new LegacyError(6200, 'API 3.0 is unavailable: its answer is not API 3.0 JSON')],
    ['an unexpected error', new TypeError('bug')],
  ])('never retries %s', async (_name, error) => {
    const { client, seen } = failing(error);
    await expect(withRetries(client, policy).describeImages(call())).rejects.toBe(error);
    expect(seen.calls).toBe(1);
  });

  it('waits a full-jitter backoff: a random share of base × 2^attempt, capped', async () => {
    const { client } = failing(retryable(), retryable());
    const draws: number[] = [];
    const started = Date.now();
    await withRetries(client, {
      retries: 2,
      baseDelayMs: 100,
      maxDelayMs: 150,
      random: () => (draws.push(1), 0.999),
    }).describeImages(call());
    expect(draws).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(99 + 149); // ≈ 0.999 × 100, then 0.999 × min(150, 200)
  });

  it('does not start a retry that could not end before the deadline, and keeps the cause', async () => {
    const limit = new LegacyError(4400, '(RequestLimitExceeded) slow down', { retryable: true });
    const { client, seen } = failing(limit);
    await expect(
      withRetries(client, { retries: 5, baseDelayMs: 1_000, maxDelayMs: 1_000, random: () => 0.9 }).describeImages(
        call(300),
      ),
    ).rejects.toBe(limit);
    expect(seen.calls).toBe(1);
  });
});

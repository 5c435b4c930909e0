/**
 * Retries of failed 3.0 calls: a bounded number, only for failures a retry can help (connection
 * reset or refused, HTTP 5xx, the rate limit, 3.0 briefly unavailable), with full-jitter
 * exponential backoff, and never past the legacy request's deadline. DescribeImages only reads,
 * so a retried call is safe.
 */
import { LegacyError } from '../../core/errors.js';
import type { Cvm3Client } from './client.js';

export interface RetryPolicy {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly now?: () => number;
  readonly random?: () => number;
}

export function withRetries(client: Cvm3Client, policy: RetryPolicy): Cvm3Client {
  const now = policy.now ?? Date.now;
  const random = policy.random ?? Math.random;
  return {
    async describeImages(call) {
      let previous: LegacyError | undefined;
      for (let attempt = 0; ; attempt++) {
        const started = now();
        try {
          return await client.describeImages(call);
        } catch (error) {
          // A retry cut short by the deadline reports what made us retry, not the deadline.
          if (previous && call.signal.aborted) throw previous;
          if (!(error instanceof LegacyError) || !error.retryable || attempt >= policy.retries) throw error;
          // Full jitter (a random wait up to the exponential bound) spreads a crowd of retries out.
          const delay = Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
          // Only a retry that can end before the deadline, if it takes as long as this attempt did.
          if (now() + delay + (now() - started) >= call.deadline || call.signal.aborted) throw error;
          call.onRetry?.(error, attempt + 1);
          previous = error;
          await sleep(delay, call.signal);
          if (call.signal.aborted) throw error;
        }
      }
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * A cap on 3.0 calls per upstream identity (3.0 allows 40 DescribeImages calls a second per
 * account): at most `maxConcurrent` in flight and `ratePerSecond` started a second. Calls past
 * that wait in a bounded FIFO queue; past the queue they fail at once with 4400 instead of
 * piling up. A waiting call whose deadline passes leaves the queue.
 */
import { LegacyError } from '../core/errors.js';
import { upstreamUnavailable } from '../core/translate/upstream-errors.js';
import type { Cvm3Call, Cvm3Client } from './cvm3-client.js';

export interface IdentityLimits {
  readonly maxConcurrent: number;
  readonly maxQueued: number;
  readonly ratePerSecond: number;
  readonly now?: () => number;
}

interface Waiter {
  readonly start: () => void;
  readonly signal: AbortSignal;
}

interface Lane {
  active: number;
  readonly queue: Waiter[];
  /** Token bucket: calls that may start now, refilled at ratePerSecond up to one second's worth. */
  tokens: number;
  refilledAt: number;
  timer?: ReturnType<typeof setTimeout>;
}

export function withIdentityLimits(client: Cvm3Client, limits: IdentityLimits): Cvm3Client {
  const now = limits.now ?? Date.now;
  // One lane per upstream identity; identities come from the configuration, so lanes are bounded.
  const lanes = new Map<string, Lane>();

  function laneFor(secretId: string): Lane {
    let lane = lanes.get(secretId);
    if (!lane) {
      lane = { active: 0, queue: [], tokens: limits.ratePerSecond, refilledAt: now() };
      lanes.set(secretId, lane);
    }
    return lane;
  }

  function refill(lane: Lane): void {
    const at = now();
    lane.tokens = Math.min(limits.ratePerSecond, lane.tokens + ((at - lane.refilledAt) / 1000) * limits.ratePerSecond);
    lane.refilledAt = at;
  }

  /** Start as many queued calls as the slots and tokens allow; wake up again for the next token. */
  function pump(secretId: string, lane: Lane): void {
    refill(lane);
    while (lane.queue.length > 0 && lane.active < limits.maxConcurrent && lane.tokens >= 1) {
      const waiter = lane.queue.shift()!;
      if (waiter.signal.aborted) continue;
      lane.tokens -= 1;
      lane.active += 1;
      waiter.start();
    }
    if (lane.queue.length > 0 && lane.active < limits.maxConcurrent && !lane.timer) {
      const wait = Math.ceil(((1 - lane.tokens) / limits.ratePerSecond) * 1000);
      lane.timer = setTimeout(() => {
        lane.timer = undefined;
        pump(secretId, lane);
      }, wait);
    }
  }

  function admit(call: Cvm3Call, lane: Lane): Promise<void> {
    if (lane.queue.length >= limits.maxQueued) {
      return Promise.reject(new LegacyError(4400, `too many API 3.0 calls waiting for ${call.identity.secretId}; retry shortly`));
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        signal: call.signal,
        start: () => {
          call.signal.removeEventListener('abort', leave);
          resolve();
        },
      };
      function leave(): void {
        const index = lane.queue.indexOf(waiter);
        if (index >= 0) lane.queue.splice(index, 1);
        reject(upstreamUnavailable('no answer before the deadline (waiting for a free API 3.0 slot)'));
      }
      call.signal.addEventListener('abort', leave, { once: true });
      lane.queue.push(waiter);
      pump(call.identity.secretId, lane);
    });
  }

  return {
    async describeImages(call) {
      const lane = laneFor(call.identity.secretId);
      await admit(call, lane);
      try {
        return await client.describeImages(call);
      } finally {
        lane.active -= 1;
        pump(call.identity.secretId, lane);
      }
    },
  };
}

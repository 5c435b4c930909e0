/**
 * A cap on 3.0 calls per upstream identity (3.0 allows 40 DescribeImages calls a second per
 * account): at most `maxConcurrent` in flight, and at most `ratePerSecond` started in any
 * 1000 ms (a sliding log of start times, so no window ever sees more). Calls that cannot start
 * at once wait in a bounded FIFO queue; past the queue they fail at once with 4400 instead of
 * piling up. A call whose deadline passes while waiting (or that arrives past it) gets 6200.
 */
import { LegacyError } from '../../core/errors.js';
import { upstreamUnavailable } from '../../core/translate/upstream-errors.js';
import type { Cvm3Call, Cvm3Client } from './client.js';

export interface IdentityLimits {
  readonly maxConcurrent: number;
  readonly maxQueued: number;
  readonly ratePerSecond: number;
  /** Monotonic milliseconds; performance.now by default. */
  readonly now?: () => number;
}

interface Waiter {
  readonly call: Cvm3Call;
  readonly start: () => void;
  readonly fail: (error: Error) => void;
}

interface Lane {
  active: number;
  readonly queue: Waiter[];
  /** Start times of the calls of the last second, oldest first. */
  readonly starts: number[];
  timer?: ReturnType<typeof setTimeout>;
}

const WINDOW_MS = 1_000;
const pastDeadline = () => upstreamUnavailable('no answer before the deadline (waiting for a free API 3.0 slot)');

export function withIdentityLimits(client: Cvm3Client, limits: IdentityLimits): Cvm3Client {
  const now = limits.now ?? (() => performance.now());
  // One lane per upstream identity; identities come from the configuration, so lanes are bounded.
  const lanes = new Map<string, Lane>();

  function laneFor(secretId: string): Lane {
    let lane = lanes.get(secretId);
    if (!lane) {
      lane = { active: 0, queue: [], starts: [] };
      lanes.set(secretId, lane);
    }
    return lane;
  }

  /** Milliseconds until a call may start on this lane (0: now). */
  function waitFor(lane: Lane, at: number): number {
    while (lane.starts.length > 0 && lane.starts[0]! <= at - WINDOW_MS) lane.starts.shift();
    if (lane.active >= limits.maxConcurrent) return Infinity; // a finishing call wakes the lane
    return lane.starts.length < limits.ratePerSecond ? 0 : lane.starts[0]! + WINDOW_MS - at;
  }

  function begin(lane: Lane, at: number): void {
    lane.active += 1;
    lane.starts.push(at);
  }

  /** Start queued calls while the lane allows; otherwise wake up when it next will. */
  function pump(lane: Lane): void {
    while (lane.queue.length > 0) {
      const waiter = lane.queue[0]!;
      if (waiter.call.signal.aborted) {
        lane.queue.shift();
        waiter.fail(pastDeadline());
        continue;
      }
      const at = now();
      const wait = waitFor(lane, at);
      if (wait > 0) {
        if (wait !== Infinity && !lane.timer) {
          lane.timer = setTimeout(() => {
            lane.timer = undefined;
            pump(lane);
          }, Math.ceil(wait));
        }
        return;
      }
      lane.queue.shift();
      begin(lane, at);
      waiter.start();
    }
  }

  function admit(call: Cvm3Call, lane: Lane): Promise<void> {
    if (call.signal.aborted) return Promise.reject(pastDeadline());
    const at = now();
    if (lane.queue.length === 0 && waitFor(lane, at) === 0) {
      begin(lane, at);
      return Promise.resolve();
    }
    if (lane.queue.length >= limits.maxQueued) {
      return Promise.reject(
        new LegacyError(4400, 'too many API 3.0 calls are waiting for this account; retry shortly'),
      );
    }
    return new Promise((resolve, reject) => {
      const leave = () => {
        const index = lane.queue.indexOf(waiter);
        if (index >= 0) lane.queue.splice(index, 1);
        reject(pastDeadline());
      };
      const waiter: Waiter = {
        call,
        start: () => {
          call.signal.removeEventListener('abort', leave);
          resolve();
        },
        fail: (error) => {
          call.signal.removeEventListener('abort', leave);
          reject(error);
        },
      };
      call.signal.addEventListener('abort', leave, { once: true });
      lane.queue.push(waiter);
      pump(lane);
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
        pump(lane);
      }
    },
  };
}

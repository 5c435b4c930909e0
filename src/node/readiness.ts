/**
 * What GET /readyz says (docs/operations.md#health-and-readiness): whether this replica should get
 * new requests, and in what state its replay protection is. Liveness stays on GET /healthz.
 *
 * A replica whose Redis fails is `degraded`. With REPLAY_STORE_ON_FAILURE=open it still serves,
 * refusing the replays it has seen itself, and stays ready: every replica shares one Redis, so
 * taking them out of the load balancer together would turn weaker protection into an outage,
 * which is what `open` chose to avoid. With `closed` it could only answer 6200, so it is not ready.
 */
import type { ReplayFailureMode } from '../replay/replay-store.js';
import type { RedisReplayStatus } from '../replay/redis-replay-store.js';

/** Where signed requests are remembered right now. */
export type ReplayStoreState =
  | 'memory' // no REDIS_URL: each replica its own
  | 'redis' // shared, Redis answering
  | 'memory (Redis unavailable)' // `open`: the replica's own memory until Redis is back
  | 'none (Redis unavailable)'; // `closed`: requests get 6200 until Redis is back

export interface Readiness {
  readonly status: 'ok' | 'degraded' | 'draining';
  readonly replayStore: ReplayStoreState;
}

export function replayStoreState(redis: RedisReplayStatus | undefined, onFailure: ReplayFailureMode): ReplayStoreState {
  if (redis === undefined) return 'memory';
  if (redis === 'connected') return 'redis';
  return onFailure === 'open' ? 'memory (Redis unavailable)' : 'none (Redis unavailable)';
}

export function readiness(draining: boolean, replayStore: ReplayStoreState): Readiness {
  if (draining) return { status: 'draining', replayStore };
  return { status: replayStore.includes('unavailable') ? 'degraded' : 'ok', replayStore };
}

/** 503 while draining, or while no request can be served (`closed` and Redis unavailable). */
export function readinessHttpStatus(state: Readiness): 200 | 503 {
  return state.status === 'draining' || state.replayStore.startsWith('none') ? 503 : 200;
}

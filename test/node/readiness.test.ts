/** What /readyz says, and with which status, for each state of the server and its replay store. */
import { describe, expect, it } from 'vitest';
import { readiness, readinessHttpStatus, replayStoreState } from '../../src/node/readiness.js';

describe('readiness', () => {
  it.each([
    // draining, Redis (undefined: no REDIS_URL), REPLAY_STORE_ON_FAILURE → body, HTTP status
    [false, undefined, 'open', { status: 'ok', replayStore: 'memory' }, 200],
    [false, 'connected', 'open', { status: 'ok', replayStore: 'redis' }, 200],
    [false, 'connected', 'closed', { status: 'ok', replayStore: 'redis' }, 200],
    // `open` still serves, refusing the replays it has seen itself: degraded, but in the load balancer.
    [false, 'unavailable', 'open', { status: 'degraded', replayStore: 'memory (Redis unavailable)' }, 200],
    // `closed` can only answer 6200: out of the load balancer.
    [false, 'unavailable', 'closed', { status: 'degraded', replayStore: 'none (Redis unavailable)' }, 503],
    [true, 'connected', 'open', { status: 'draining', replayStore: 'redis' }, 503],
    [true, undefined, 'closed', { status: 'draining', replayStore: 'memory' }, 503],
  ] as const)('draining %s, Redis %s, %s → %j %i', (draining, redis, onFailure, body, status) => {
    const state = readiness(draining, replayStoreState(redis, onFailure));
    expect(state).toEqual(body);
    expect(readinessHttpStatus(state)).toBe(status);
  });
});

/**
 * Replay protection shared by every Node replica through one Redis: each signed request is one
 * atomic `SET key 1 PX <ms left in the window> NX`, so exactly one replica sees `OK` for a
 * signature and every other copy, on any replica, gets null ('seen'). Redis expires the keys.
 *
 * A Redis that is down or slow must never hang a request: commands fail fast while disconnected,
 * time out after `commandTimeoutMs`, and give up at the request's own deadline (`signal`). Then
 * `onFailure` decides: 'open' asks the replica's own memory (`fallback`) instead, so a replica
 * still refuses every replay it has seen itself; 'closed' refuses the request with 6200. Either
 * way the failure is reported, at most once a second. ioredis reconnects by itself, and shared
 * protection resumes with it (docs/operations.md#when-redis-fails).
 *
 * The fallback also remembers every request Redis accepted, and a request it has seen is a replay
 * even when Redis says 'first': so a replay is refused by the replica that served the original
 * across the switch to the fallback and back (Redis never saw what was accepted while it was away).
 */
import { Redis } from 'ioredis';
import { untilAborted } from '../core/abort.js';
import { LegacyError } from '../core/errors.js';
import { throttled } from '../observability/throttle.js';
import type { ReplayFailureMode, ReplayStore, ReplayVerdict } from './replay-store.js';

export { REPLAY_FAILURE_MODES, type ReplayFailureMode } from './replay-store.js';

/** Keys are `qlp:replay:<SecretId>:<signature hex>`; the hex holds no `:`, so the split is unambiguous. */
export const REDIS_REPLAY_KEY_PREFIX = 'qlp:replay:';
/** At most one failure report per this many ms; the ones in between are counted, not reported. */
const REPORT_INTERVAL_MS = 1_000;
/** Reconnect quickly, but not in a tight loop, so protection resumes soon after Redis is back. */
const MAX_RECONNECT_DELAY_MS = 1_000;

export interface RedisReplayStoreOptions {
  /** `redis://[:password@]host:port[/db]`, or `rediss://` for TLS. */
  readonly url: string;
  readonly onFailure: ReplayFailureMode;
  /** Called at most once a second with the latest failure and how many were left unreported since the last call. */
  readonly onStoreFailure?: (error: Error, suppressed: number) => void;
  /** Called for every failure, for a counter: the report above is rate-limited, this is not. */
  readonly countFailure?: () => void;
  /** REDIS_COMMAND_TIMEOUT_MS: its default lives in the configuration schema, and only there. */
  readonly commandTimeoutMs: number;
  /** Milliseconds since the epoch; Date.now unless given. */
  readonly now?: () => number;
  /**
   * With 'open': the replica's own store (memory), asked while Redis fails and told of every
   * request Redis accepts. Without it, 'open' lets a request in on the timestamp window alone.
   */
  readonly fallback?: ReplayStore;
}

/** `unavailable`: the connection is down, or the last command failed (and none has worked since). */
export type RedisReplayStatus = 'connected' | 'unavailable';

export interface RedisReplayStore extends ReplayStore {
  /**
   * Resolves true once connected, or false after `timeoutMs`. The connection is made in the
   * background; a server awaits this at start-up so that its first requests do not meet a store
   * still connecting (which counts as a failure: no command waits for a connection).
   */
  ready(timeoutMs: number): Promise<boolean>;
  /** Whether Redis answers now, for readiness (/readyz): never waits. */
  status(): RedisReplayStatus;
  /** Closes the connection (QUIT if Redis answers, else at once). */
  close(): Promise<void>;
}

export function createRedisReplayStore(options: RedisReplayStoreOptions): RedisReplayStore {
  const now = options.now ?? Date.now;
  const commandTimeout = options.commandTimeoutMs;
  const client = new Redis(options.url, {
    commandTimeout,
    connectTimeout: Math.max(commandTimeout, 1_000),
    // No queue while disconnected, no resend after a reconnect: a request fails now rather than
    // wait, and a SET NX that Redis applied before the link broke is never sent twice (the second
    // answer, null, would turn a first request into a false replay).
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(times * 100, MAX_RECONNECT_DELAY_MS),
    // A Redis that keeps the connection but never answers (stopped, partitioned) would otherwise
    // hold every timed-out command in ioredis's queue until the kernel gives up: memory without
    // bound. An idle socket this long is dropped, and the commands fail with it.
    socketTimeout: Math.max(2 * commandTimeout, 1_000),
  });
  // Connection errors surface on the requests that meet them; without a listener ioredis would
  // print each reconnect attempt's error to the console.
  client.on('error', () => {});
  // A command that failed makes the store unavailable until one works again or Redis reconnects.
  let lastCommandFailed = false;
  client.on('ready', () => void (lastCommandFailed = false));
  const fallback = options.onFailure === 'open' ? options.fallback : undefined;
  // A dead Redis fails every request: one report a second, with a count of the rest.
  const report = throttled<Error>(
    (error, suppressed) => {
      try {
        options.onStoreFailure?.(error, suppressed);
      } catch {
        // A failing reporter must not turn a store failure into a failed request.
      }
    },
    now,
    REPORT_INTERVAL_MS,
  );

  return {
    async remember(scope, id, expiresAtMs, signal): Promise<ReplayVerdict> {
      // PX must be positive: an entry already at the window's edge is kept for 1 ms.
      const ttlMs = Math.max(1, Math.ceil(expiresAtMs - now()));
      let reply: unknown;
      try {
        reply = await untilAborted(
          client.set(`${REDIS_REPLAY_KEY_PREFIX}${scope}:${id}`, '1', 'PX', ttlMs, 'NX'),
          signal,
          deadlineError,
        );
        lastCommandFailed = false;
      } catch (error) {
        // Redis at maxmemory (noeviction) refuses writes: that is a full store, as in memory (4400).
        if (error instanceof Error && error.message.startsWith('OOM ')) return 'full';
        lastCommandFailed = true;
        const failure = new Error(
          `replay store (Redis, connection ${client.status}) failed: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
        report(failure);
        try {
          options.countFailure?.();
        } catch {
          // A counter never decides a request.
        }
        if (options.onFailure === 'closed') {
          throw new LegacyError(6200, 'replay protection is unavailable; retry shortly', {
            codeDesc: 'ServiceUnavailable',
            cause: failure,
          });
        }
        return fallback ? fallback.remember(scope, id, expiresAtMs, signal) : 'first';
      }
      if (reply !== 'OK') return 'seen';
      // Redis is the judge; the fallback only adds what this replica let in while Redis was away
      // (its 'full' is no reason to refuse a request Redis accepted).
      return fallback && (await fallback.remember(scope, id, expiresAtMs, signal)) === 'seen' ? 'seen' : 'first';
    },
    status: () => (client.status === 'ready' && !lastCommandFailed ? 'connected' : 'unavailable'),
    ready(timeoutMs) {
      if (client.status === 'ready') return Promise.resolve(true);
      return new Promise((resolve) => {
        const onReady = () => {
          clearTimeout(timer);
          resolve(true);
        };
        const timer = setTimeout(() => {
          client.off('ready', onReady);
          resolve(false);
        }, timeoutMs);
        client.once('ready', onReady);
      });
    },
    async close() {
      try {
        await client.quit();
      } catch {
        // Not connected or not answering: there is nothing to say goodbye to.
      } finally {
        client.disconnect();
      }
    },
  };
}

function deadlineError(alreadyAborted: boolean): Error {
  return new Error(
    alreadyAborted
      ? 'the request deadline passed before Redis was asked'
      : 'Redis did not answer before the request deadline',
  );
}

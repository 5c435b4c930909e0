/**
 * What only the Node server has, built from the configuration: the 3.0 client UPSTREAM_CLIENT
 * names (the official SDK over a keep-alive agent that follows no redirect, or the lean undici
 * pool), replay protection shared through Redis when REDIS_URL is set (with the replica's own
 * memory as its fallback), Prometheus and the migration page for the admin listener, and the HMAC
 * on node:crypto. The rest of the proxy takes its configured defaults.
 */
import type { Hono } from 'hono';
import type { ProxyRuntime } from '../runtime.js';
import type { ProxyConfig } from '../config/load-config.js';
import type { Logger } from '../observability/logger.js';
import type { MigrationMetrics } from '../observability/metrics/observations.js';
import { createMemoryReplayStore } from '../replay/memory-replay-store.js';
import { buildInfo, UNKNOWN } from '../observability/version.js';
import type { RedisReplayStore } from '../replay/redis-replay-store.js';
import type { Cvm3Client } from '../upstream/cvm3/client.js';
import { createNoRedirectAgent } from '../upstream/cvm3/no-redirect-agent.js';
import { nodeMacKey } from './legacy-mac.js';
import { createFleetObservability, createNodeObservability } from './observability.js';
import { replayStoreState, type ReplayStoreState } from './readiness.js';

export interface NodeParts {
  /** For the composer; the server adds what belongs to its lifecycle (isDraining). */
  readonly runtime: ProxyRuntime;
  /** GET /metrics and GET /migration: for the admin listener only, never a public one. */
  readonly adminPages: Hono;
  /** Where signed requests are remembered right now, for /readyz. */
  replayStore(): ReplayStoreState;
  /** Cuts the 3.0 client's connections. */
  closeUpstream(): void;
  /**
   * Disconnects from Redis: last, once no request can check for replays any more. The migration
   * history reports what it has left first.
   */
  closeReplay(): Promise<void>;
}

export async function createNodeParts(config: ProxyConfig, logger: Logger): Promise<NodeParts> {
  const upstream = await createUpstream(config);
  const observability = config.redisUrl
    ? await createFleetObservability({ ...config, redisUrl: config.redisUrl }, logger)
    : createNodeObservability();
  const replay = config.redisUrl
    ? await connectReplayStore(config.redisUrl, config, logger, observability.metrics)
    : undefined;
  return {
    runtime: {
      cvm: upstream.client,
      logger,
      replay,
      observability: { metrics: observability.metrics },
      legacyMac: nodeMacKey,
      build: shownBuild(),
    },
    adminPages: observability.pages,
    replayStore: () => replayStoreState(replay?.status(), config.replayStoreOnFailure),
    closeUpstream: upstream.close,
    closeReplay: async () => {
      await observability.close();
      await replay?.close();
    },
  };
}

/** The version for /healthz, and the commit where the build names one. */
function shownBuild(): { version: string; commit?: string } {
  const { version, commit } = buildInfo();
  return commit === UNKNOWN ? { version } : { version, commit };
}

/**
 * The configured 3.0 client, with what closes its connections. The pool is as large as the
 * per-identity limits allow in all, so that one busy key pair cannot take another's sockets.
 */
async function createUpstream(config: ProxyConfig): Promise<{ client: Cvm3Client; close(): void }> {
  const identities = new Set(config.credentials.map((c) => (c.upstream ?? c).secretId)).size;
  const connections = config.upstreamMaxConcurrency * Math.max(1, identities);
  // Only the configured client is loaded: the other's package would cost the process ~15 MB for nothing.
  if (config.upstreamClient === 'undici') {
    const { createUndiciCvm3Client } = await import('../upstream/cvm3/undici-client.js');
    const client = createUndiciCvm3Client({ endpoint: config.cvmEndpoint, connections });
    return { client, close: () => void client.close().catch(() => {}) };
  }
  const agent = createNoRedirectAgent(config.cvmEndpoint.protocol, { keepAlive: true, maxSockets: connections });
  const { createSdkCvm3Client } = await import('../upstream/cvm3/sdk-client.js');
  return { client: createSdkCvm3Client({ endpoint: config.cvmEndpoint, agent }), close: () => agent.destroy() };
}

/**
 * Replay protection shared by every replica (REDIS_URL). A failure is logged (at most once a second,
 * with how many more there were) and counted; REPLAY_STORE_ON_FAILURE decides what requests get:
 * with `open`, this replica's own memory (as without Redis) judges them until Redis is back.
 * Starting while Redis is down is allowed: shared protection begins as soon as it answers.
 */
async function connectReplayStore(
  url: string,
  config: ProxyConfig,
  logger: Logger,
  metrics: MigrationMetrics,
): Promise<RedisReplayStore> {
  const mode = config.replayStoreOnFailure;
  // Loaded only here: ioredis costs a process ~9 MB that runs without REDIS_URL (docs/performance.md#memory).
  const { createRedisReplayStore } = await import('../replay/redis-replay-store.js');
  const consequence =
    mode === 'open' ? "requests checked against this replica's memory only" : 'requests refused with 6200';
  const store = createRedisReplayStore({
    url,
    onFailure: mode,
    fallback:
      mode === 'open' ? createMemoryReplayStore({ maxEntries: config.replayMaxEntries, now: Date.now }) : undefined,
    commandTimeoutMs: config.redisCommandTimeoutMs,
    countFailure: () => metrics.replayStoreFailures(1),
    onStoreFailure: (error, suppressed) => {
      logger.warn(
        { cause: error.message, suppressed, replayStoreOnFailure: mode },
        `replay store (Redis) unavailable: ${consequence}`,
      );
    },
  });
  if (!(await store.ready(2_000)))
    logger.warn({ replayStoreOnFailure: mode }, `replay store (Redis) not reachable yet: ${consequence} until it is`);
  return store;
}

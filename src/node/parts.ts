/**
 * What only the Node server has, built from the configuration: the 3.0 client UPSTREAM_CLIENT
 * names (the official SDK over a keep-alive agent, or the lean undici pool), replay protection
 * shared through Redis when REDIS_URL is set, Prometheus and the migration page, and the HMAC on
 * node:crypto. The rest of the proxy takes its configured defaults.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { ProxyRuntime } from '../compose.js';
import type { ProxyConfig } from '../config/load-config.js';
import type { Logger } from '../observability/logger.js';
import type { MigrationMetrics } from '../observability/metrics/observations.js';
import type { RedisReplayStore } from '../replay/redis-replay-store.js';
import type { Cvm3Client } from '../upstream/cvm3/client.js';
import { writeJsonToNode } from './direct-answer.js';
import { nodeMacKey } from './legacy-mac.js';
import { createNodeObservability } from './observability.js';

export interface NodeParts {
  /** For the composer; the server adds what belongs to its lifecycle (isDraining). */
  readonly runtime: ProxyRuntime;
  /** Cuts the 3.0 client's connections. */
  closeUpstream(): void;
  /** Disconnects from Redis: last, once no request can check for replays any more. */
  closeReplay(): Promise<void>;
}

export async function createNodeParts(config: ProxyConfig, logger: Logger): Promise<NodeParts> {
  const upstream = await createUpstream(config);
  const observability = createNodeObservability();
  const replay = config.redisUrl ? await connectReplayStore(config.redisUrl, config, logger, observability.metrics) : undefined;
  return {
    runtime: { cvm: upstream.client, logger, replay, observability, legacyMac: nodeMacKey, writeJson: writeJsonToNode },
    closeUpstream: upstream.close,
    closeReplay: async () => replay?.close(),
  };
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
  const agentOptions = { keepAlive: true, maxSockets: connections };
  const agent = config.cvmEndpoint.protocol === 'https://' ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  const { createSdkCvm3Client } = await import('../upstream/cvm3/sdk-client.js');
  return { client: createSdkCvm3Client({ endpoint: config.cvmEndpoint, agent }), close: () => agent.destroy() };
}

/**
 * Replay protection shared by every replica (REDIS_URL). A failure is logged (at most once a second,
 * with how many more there were) and counted; REPLAY_STORE_ON_FAILURE decides what requests get.
 * Starting while Redis is down is allowed: protection begins as soon as it answers.
 */
async function connectReplayStore(url: string, config: ProxyConfig, logger: Logger, metrics: MigrationMetrics): Promise<RedisReplayStore> {
  const mode = config.replayStoreOnFailure;
  // Loaded only here: ioredis costs a process ~9 MB that runs without REDIS_URL (docs/performance.md#memory).
  const { createRedisReplayStore } = await import('../replay/redis-replay-store.js');
  const store = createRedisReplayStore({
    url,
    onFailure: mode,
    commandTimeoutMs: config.redisCommandTimeoutMs,
    countFailure: () => metrics.replayStoreFailures(1),
    onStoreFailure: (error, suppressed) => {
      const consequence = mode === 'open' ? 'requests let in on the timestamp window alone' : 'requests refused with 6200';
      logger.warn({ cause: error.message, suppressed, replayStoreOnFailure: mode }, `replay store (Redis) unavailable: ${consequence}`);
    },
  });
  if (!(await store.ready(2_000))) logger.warn({ replayStoreOnFailure: mode }, 'replay store (Redis) not reachable yet: protection starts when it is');
  return store;
}

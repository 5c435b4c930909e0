/**
 * Builds the proxy from a checked configuration and the parts a runtime provides: the 3.0 client
 * and the logger always; the parts where Node and Workers differ (a limiter or none, the scan
 * cache, what keeps background work alive, the MAC factory, the host a client addressed) when the
 * configured default does not fit the runtime.
 */
import type { Hono } from 'hono';
import type { ProxyRuntime, UpstreamLimiter } from './runtime.js';

export type { ProxyRuntime, UpstreamLimiter } from './runtime.js';
import { inProcess, type Background } from './http/background.js';
import { createApp } from './http/app.js';
import { legacyExchange, type LegacyExchange } from './http/legacy-exchange.js';
import type { ProxyConfig } from './config/load-config.js';
import { createCallerKeyring, type CallerKeyring } from './core/legacy/keyring.js';
import { createLegacyGateway } from './gateway/index.js';
import type { LegacyMacKeyFactory } from './core/legacy/signature.js';
import type { Logger } from './observability/logger.js';
import { createMemoryReplayStore } from './replay/memory-replay-store.js';
import { createScanCache, type ScanCache } from './gateway/scan-cache.js';
import type { ReplayStore } from './replay/replay-store.js';
import type { Cvm3Client } from './upstream/cvm3/client.js';
import { withIdentityLimits } from './upstream/cvm3/identity-limiter.js';
import { withRetries } from './upstream/cvm3/retrying-client.js';
import { withDeadline } from './upstream/cvm3/deadline-client.js';
import { noMetrics } from './observability/metrics/fan-out.js';
import type { MigrationMetrics } from './observability/metrics/observations.js';
import { observedCvm3Client, observedForwarder } from './observability/metrics/observed-upstreams.js';
import { createLegacyForwarder } from './upstream/legacy-forwarder.js';
import { createShadowComparer } from './gateway/shadow.js';

/** At most this many shadow comparisons wait on the legacy endpoint at once; more are skipped. */
const SHADOW_MAX_IN_FLIGHT = 32;

/** Wraps the 3.0 client in a cap on its calls. */

/** Each 3.0 call waits for its identity's slot (UPSTREAM_MAX_CONCURRENCY, _QUEUE, _RATE_PER_SECOND). */
export function configuredLimiter(config: ProxyConfig): UpstreamLimiter {
  return (client) =>
    withIdentityLimits(client, {
      maxConcurrent: config.upstreamMaxConcurrency,
      maxQueued: config.upstreamMaxQueue,
      ratePerSecond: config.upstreamRatePerSecond,
    });
}

/** The scan cache as CACHE_TTL_MS, CACHE_MAX_ENTRIES, CACHE_MAX_IMAGES and SCAN_COALESCING say. */
export function configuredScanCache(
  config: ProxyConfig,
  now: () => number,
  coalesce = config.scanCoalescing,
): ScanCache {
  return createScanCache({
    ttlMs: config.cacheTtlMs,
    maxEntries: config.cacheMaxEntries,
    maxItems: config.cacheMaxImages,
    coalesce,
    now,
  });
}

/** The proxy as a hono app (every runtime, every path). */
export function createProxyApp(config: ProxyConfig, runtime: ProxyRuntime): Hono {
  return createProxy(config, runtime).app;
}

export interface Proxy {
  readonly app: Hono;
  /** The legacy endpoint without a framework, for a runtime that serves it directly (Node); the app's own. */
  readonly exchange: LegacyExchange;
}

/** The app, and the legacy exchange inside it. */
export function createProxy(config: ProxyConfig, runtime: ProxyRuntime): Proxy {
  const now = runtime.now ?? Date.now;
  const metrics = runtime.observability?.metrics ?? noMetrics;
  // An answer that comes after the request's deadline is a 6200, whichever client brought it.
  const cvm = observedCvm3Client(withDeadline(runtime.cvm, now), metrics, now);
  const forward =
    config.legacyEndpoint &&
    observedForwarder(createLegacyForwarder(config.legacyEndpoint, runtime.fetch), metrics, now);
  const shadow =
    forward && config.shadowSample > 0
      ? createShadowComparer({
          forward,
          sample: config.shadowSample,
          timeoutMs: config.upstreamTimeoutMs,
          maxInFlight: SHADOW_MAX_IN_FLIGHT,
          metrics,
          logger: runtime.logger,
          random: runtime.random,
        })
      : undefined;
  const limiter = runtime.limiter === undefined ? configuredLimiter(config) : runtime.limiter;
  // Each retry is a call of its own: it waits for a slot again.
  const limited = limiter ? limiter(cvm) : cvm;
  const gateway = createLegacyGateway({
    keyring: runtime.keyring ?? createCallerKeyring(config.credentials, runtime.legacyMac),
    routes: config.actionRoutes,
    proxyHosts: config.proxyHosts,
    forward,
    shadow,
    replay:
      runtime.replay ??
      createMemoryReplayStore({
        maxEntries: config.replayMaxEntries,
        callers: config.credentials.map((c) => c.secretId),
        now,
      }),
    cvm: withRetries(limited, { retries: config.upstreamRetries, baseDelayMs: 100, maxDelayMs: 2_000, now }),
    scans: runtime.scans ?? configuredScanCache(config, now),
    now,
    timestampWindowSeconds: config.timestampWindowSeconds,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
  });
  const exchange = legacyExchange({ gateway, logger: runtime.logger, metrics, now });
  const app = createApp({
    gateway,
    exchange,
    logger: runtime.logger,
    maxBodyBytes: config.maxBodyBytes,
    now,
    background: runtime.background ?? inProcess(runtime.logger),
    hostOf: runtime.hostOf,
    isDraining: runtime.isDraining,
    metrics,
    build: runtime.build,
  });
  return { app, exchange };
}

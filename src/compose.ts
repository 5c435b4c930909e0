/**
 * Wires a checked configuration into the app: the keyring, the replay store, the gateway.
 * Runtime entry points call this with what only they can provide (the 3.0 client, the logger).
 */
import type { Hono } from 'hono';
import { createApp } from './http/app.js';
import type { ProxyConfig } from './config/load-config.js';
import { createCallerKeyring } from './core/legacy/keyring.js';
import { createLegacyGateway } from './gateway/index.js';
import type { LegacyMacKeyFactory } from './core/legacy/signature.js';
import type { Logger } from './observability/logger.js';
import { createMemoryReplayStore } from './replay/memory-replay-store.js';
import { createScanCache } from './gateway/scan-cache.js';
import type { ReplayStore } from './replay/replay-store.js';
import type { Cvm3Client } from './upstream/cvm3/client.js';
import { withIdentityLimits } from './upstream/cvm3/identity-limiter.js';
import { withRetries } from './upstream/cvm3/retrying-client.js';
import { noMetrics } from './observability/metrics/fan-out.js';
import type { MigrationMetrics } from './observability/metrics/observations.js';
import { observedCvm3Client, observedForwarder } from './observability/metrics/observed-upstreams.js';
import { createLegacyForwarder } from './upstream/legacy-forwarder.js';
import { createShadowComparer } from './gateway/shadow.js';

/** At most this many shadow comparisons wait on the legacy endpoint at once; more are skipped. */
const SHADOW_MAX_IN_FLIGHT = 32;

export interface ProxyRuntime {
  readonly cvm: Cvm3Client;
  readonly logger: Logger;
  readonly now?: () => number;
  readonly replay?: ReplayStore;
  readonly hostOf?: (request: Request) => string;
  /** True while the server drains for shutdown: /healthz then answers 503. */
  readonly isDraining?: () => boolean;
  /**
   * Whether to cap 3.0 calls per identity in this process (default true). Off on Workers: an
   * isolate sees a sliver of the traffic, and a queue shared between requests cannot wake its
   * waiters there (a timer belongs to the request that set it).
   */
  readonly limitUpstream?: boolean;
  /** How callers' HMAC keys are checked: WebCrypto unless the runtime has a faster way. */
  readonly legacyMac?: LegacyMacKeyFactory;
  /** Where observations go (Prometheus and the page on Node, log lines on Workers), and the pages to serve. */
  readonly observability?: { readonly metrics: MigrationMetrics; readonly pages?: Hono };
  /** How the legacy endpoint is reached: platform fetch unless given. */
  readonly fetch?: typeof fetch;
  /** Background work (the shadow) is kept alive by the execution context's waitUntil (Workers). */
  readonly waitUntilFromExecutionContext?: boolean;
  /** For the shadow sample; Math.random unless given. */
  readonly random?: () => number;
  /** Overrides SCAN_COALESCING (the Worker turns it off: see src/worker/index.ts). */
  readonly scanCoalescing?: boolean;
}

export function createProxyApp(config: ProxyConfig, runtime: ProxyRuntime): Hono {
  const now = runtime.now ?? Date.now;
  const metrics = runtime.observability?.metrics ?? noMetrics;
  const cvm = observedCvm3Client(runtime.cvm, metrics, now);
  const forward = config.legacyEndpoint && observedForwarder(createLegacyForwarder(config.legacyEndpoint, runtime.fetch), metrics, now);
  const shadow =
    forward && config.shadowSample > 0
      ? createShadowComparer({
          forward,
          sample: config.shadowSample,
          timeoutMs: config.upstreamTimeoutMs,
          maxInFlight: SHADOW_MAX_IN_FLIGHT,
          metrics,
          logger: runtime.logger,
          ...(runtime.random ? { random: runtime.random } : {}),
        })
      : undefined;
  // Each 3.0 call waits for its identity's slot; each retry is a call of its own.
  const limited =
    runtime.limitUpstream === false
      ? cvm
      : withIdentityLimits(cvm, {
          maxConcurrent: config.upstreamMaxConcurrency,
          maxQueued: config.upstreamMaxQueue,
          ratePerSecond: config.upstreamRatePerSecond,
        });
  const gateway = createLegacyGateway({
    keyring: createCallerKeyring(config.credentials, runtime.legacyMac),
    routes: config.actionRoutes,
    ...(config.proxyHosts ? { proxyHosts: config.proxyHosts } : {}),
    ...(forward ? { forward } : {}),
    ...(shadow ? { shadow } : {}),
    replay: runtime.replay ?? createMemoryReplayStore({ maxEntries: config.replayMaxEntries, callers: config.credentials.map((c) => c.secretId), now }),
    cvm: withRetries(limited, { retries: config.upstreamRetries, baseDelayMs: 100, maxDelayMs: 2_000, now }),
    scans: createScanCache({
      ttlMs: config.cacheTtlMs,
      maxEntries: config.cacheMaxEntries,
      maxItems: config.cacheMaxImages,
      coalesce: runtime.scanCoalescing ?? config.scanCoalescing,
      now,
    }),
    now,
    timestampWindowSeconds: config.timestampWindowSeconds,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
  });
  return createApp({
    gateway,
    logger: runtime.logger,
    maxBodyBytes: config.maxBodyBytes,
    now,
    ...(runtime.hostOf ? { hostOf: runtime.hostOf } : {}),
    ...(runtime.isDraining ? { isDraining: runtime.isDraining } : {}),
    metrics,
    ...(runtime.waitUntilFromExecutionContext ? { waitUntilFromExecutionContext: true } : {}),
    ...(runtime.observability?.pages ? { pages: runtime.observability.pages } : {}),
  });
}

/**
 * Wires a checked configuration into the app: the keyring, the replay store, the gateway.
 * Runtime entry points call this with what only they can provide (the 3.0 client, the logger).
 */
import type { Hono } from 'hono';
import { createApp } from './app.js';
import type { ProxyConfig } from './config.js';
import { createCallerKeyring } from './core/legacy/keyring.js';
import { createLegacyGateway } from './legacy-gateway.js';
import type { LegacyMacKeyFactory } from './core/legacy/signature.js';
import type { Logger } from './logger.js';
import { createMemoryReplayStore } from './replay/memory-replay-store.js';
import { createScanCache } from './scan-cache.js';
import type { ReplayStore } from './replay/replay-store.js';
import type { Cvm3Client } from './upstream/cvm3-client.js';
import { withIdentityLimits } from './upstream/identity-limiter.js';
import { withRetries } from './upstream/retrying-client.js';

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
  /** Overrides SCAN_COALESCING (the Worker turns it off: see src/worker.ts). */
  readonly scanCoalescing?: boolean;
}

export function createProxyApp(config: ProxyConfig, runtime: ProxyRuntime): Hono {
  const now = runtime.now ?? Date.now;
  // Each 3.0 call waits for its identity's slot; each retry is a call of its own.
  const limited =
    runtime.limitUpstream === false
      ? runtime.cvm
      : withIdentityLimits(runtime.cvm, {
          maxConcurrent: config.upstreamMaxConcurrency,
          maxQueued: config.upstreamMaxQueue,
          ratePerSecond: config.upstreamRatePerSecond,
        });
  const gateway = createLegacyGateway({
    keyring: createCallerKeyring(config.credentials, runtime.legacyMac),
    replay: runtime.replay ?? createMemoryReplayStore({ maxEntries: config.replayMaxEntries, now }),
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
  });
}

/**
 * Wires a checked configuration into the app: the keyring, the replay store, the gateway.
 * Runtime entry points call this with what only they can provide (the 3.0 client, the logger).
 */
import type { Hono } from 'hono';
import { createApp } from './app.js';
import type { ProxyConfig } from './config.js';
import { createCallerKeyring } from './core/legacy/keyring.js';
import { createLegacyGateway } from './legacy-gateway.js';
import type { Logger } from './logger.js';
import { createMemoryReplayStore } from './replay/memory-replay-store.js';
import type { ReplayStore } from './replay/replay-store.js';
import type { Cvm3Client } from './upstream/cvm3-client.js';

export interface ProxyRuntime {
  readonly cvm: Cvm3Client;
  readonly logger: Logger;
  readonly now?: () => number;
  readonly replay?: ReplayStore;
  readonly hostOf?: (request: Request) => string;
}

export function createProxyApp(config: ProxyConfig, runtime: ProxyRuntime): Hono {
  const now = runtime.now ?? Date.now;
  const gateway = createLegacyGateway({
    keyring: createCallerKeyring(config.credentials),
    replay: runtime.replay ?? createMemoryReplayStore({ maxEntries: config.replayMaxEntries, now }),
    cvm: runtime.cvm,
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
  });
}

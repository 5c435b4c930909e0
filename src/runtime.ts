/**
 * What a runtime entry point hands the composer (src/compose.ts): the parts where Node and the
 * Worker differ, each optional with the configured default otherwise.
 */
import type { Background } from './http/background.js';
import type { CallerKeyring } from './core/legacy/keyring.js';
import type { LegacyMacKeyFactory } from './core/legacy/signature.js';
import type { Logger } from './observability/logger.js';
import type { ScanCache } from './gateway/scan-cache.js';
import type { ReplayStore } from './replay/replay-store.js';
import type { Cvm3Client } from './upstream/cvm3/client.js';
import type { MigrationMetrics } from './observability/metrics/observations.js';

/** Wraps the 3.0 client with a cap on calls per identity. */
export type UpstreamLimiter = (client: Cvm3Client) => Cvm3Client;

export interface ProxyRuntime {
  readonly cvm: Cvm3Client;
  readonly logger: Logger;
  readonly now?: () => number;
  readonly replay?: ReplayStore;
  /** The cap on 3.0 calls: UPSTREAM_MAX_CONCURRENCY and friends per identity unless given; `null` for none. */
  readonly limiter?: UpstreamLimiter | null;
  /** The cache of full 3.0 scans: `configuredScanCache(config, now)` unless given. */
  readonly scans?: ScanCache;
  /** What keeps background work (the shadow) alive after the answer: on Node, nothing needs to. */
  readonly background?: Background;
  /** How callers' HMAC keys are checked: WebCrypto unless the runtime has a faster way. */
  readonly legacyMac?: LegacyMacKeyFactory;
  /** The host the client addressed: the Host header unless given. */
  readonly hostOf?: (request: Request) => string;
  /** True while the server drains for shutdown: /healthz then answers 503. */
  readonly isDraining?: () => boolean;
  /** Where observations go (Prometheus and the page on Node, log lines on Workers). */
  readonly observability?: { readonly metrics: MigrationMetrics };
  /** How the legacy endpoint is reached: platform fetch unless given. */
  readonly fetch?: typeof fetch;
  /** For the shadow sample; Math.random unless given. */
  readonly random?: () => number;
  /** The callers allowed in: a keyring of `config.credentials` unless given (Node's reloads on SIGHUP). */
  readonly keyring?: CallerKeyring;
  /** What is running, for /healthz; nothing unless given. */
  readonly build?: { readonly version: string; readonly commit?: string };
}

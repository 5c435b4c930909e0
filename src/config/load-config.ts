/**
 * The proxy's configuration, read once from a string record (process.env on Node, the text
 * bindings on Workers) through the schema (schema.ts) into a frozen, typed value. Every problem
 * is reported at once, each naming its variable; a secret's value is never echoed.
 */
import type { CallerCredential } from '../core/legacy/caller.js';
import type { Cvm3Endpoint } from '../upstream/cvm3/endpoint.js';
import { adminPortOf, type AdminConfig } from './admin.js';
import { ConfigError } from './config-error.js';
import type { ReadFile } from './file-variants.js';
import type { MigrationConfig } from './migration.js';
import { readSettings, type Env } from './read-settings.js';
import { checkRelations } from './relations.js';
import type { ReplayConfig } from './replay.js';
import { SETTINGS, type LogLevel, type UpstreamClientKind } from './schema.js';

export { ConfigError } from './config-error.js';
export { LOG_LEVELS, UPSTREAM_CLIENTS, type LogLevel, type UpstreamClientKind } from './schema.js';

export interface ProxyConfig extends MigrationConfig, ReplayConfig, AdminConfig {
  readonly port: number;
  readonly host: string;
  readonly cvmEndpoint: Cvm3Endpoint;
  readonly credentials: readonly CallerCredential[];
  readonly timestampWindowSeconds: number;
  readonly upstreamTimeoutMs: number;
  readonly logLevel: LogLevel;
  readonly maxBodyBytes: number;
  readonly replayMaxEntries: number;
  readonly upstreamRetries: number;
  readonly upstreamMaxConcurrency: number;
  readonly upstreamMaxQueue: number;
  readonly upstreamRatePerSecond: number;
  readonly clientTimeoutMs: number;
  /** Node: client connections open at once, per listener. */
  readonly maxConnections: number;
  readonly shutdownGraceMs: number;
  readonly cacheTtlMs: number;
  readonly cacheMaxEntries: number;
  readonly cacheMaxImages: number;
  /** Whether concurrent identical scans share one run (SCAN_COALESCING=on|off). */
  readonly scanCoalescing: boolean;
  /** Node only: the official SDK (the reference) or the lean undici client. */
  readonly upstreamClient: UpstreamClientKind;
}

/** `readFile` reads the NAME_FILE variants (Node); a Worker, which has no files, passes none. */
export function loadConfig(env: Env, readFile?: ReadFile): ProxyConfig {
  const problems: string[] = [];
  const { values: v, refused } = readSettings(SETTINGS, env, problems, readFile);
  checkRelations(v, refused, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  const config: ProxyConfig = {
    port: v.PORT,
    host: v.HOST,
    admin: { host: v.ADMIN_HOST, port: adminPortOf(v.ADMIN_PORT, v.PORT) },
    cvmEndpoint: v.CVM_ENDPOINT,
    credentials: v.PROXY_CREDENTIALS,
    timestampWindowSeconds: v.TIMESTAMP_WINDOW_SECONDS,
    upstreamTimeoutMs: v.UPSTREAM_TIMEOUT_MS,
    logLevel: v.LOG_LEVEL,
    maxBodyBytes: v.MAX_BODY_BYTES,
    replayMaxEntries: v.REPLAY_MAX_ENTRIES,
    upstreamRetries: v.UPSTREAM_RETRIES,
    upstreamMaxConcurrency: v.UPSTREAM_MAX_CONCURRENCY,
    upstreamMaxQueue: v.UPSTREAM_MAX_QUEUE,
    upstreamRatePerSecond: v.UPSTREAM_RATE_PER_SECOND,
    clientTimeoutMs: v.CLIENT_TIMEOUT_MS,
    maxConnections: v.MAX_CONNECTIONS,
    shutdownGraceMs: v.SHUTDOWN_GRACE_MS,
    cacheTtlMs: v.CACHE_TTL_MS,
    cacheMaxEntries: v.CACHE_MAX_ENTRIES,
    cacheMaxImages: v.CACHE_MAX_IMAGES,
    upstreamClient: v.UPSTREAM_CLIENT,
    scanCoalescing: v.SCAN_COALESCING,
    legacyEndpoint: v.LEGACY_ENDPOINT,
    actionRoutes: v.ACTION_ROUTES,
    shadowSample: v.SHADOW_SAMPLE,
    proxyHosts: v.PROXY_HOSTS,
    migrationHistoryDays: v.MIGRATION_HISTORY_DAYS,
    migrationReportIntervalMs: v.MIGRATION_REPORT_INTERVAL_MS,
    tls:
      v.TLS_CERT_FILE && v.TLS_KEY_FILE
        ? { certFile: v.TLS_CERT_FILE, keyFile: v.TLS_KEY_FILE, port: v.TLS_PORT }
        : undefined,
    redisUrl: v.REDIS_URL,
    replayStoreOnFailure: v.REPLAY_STORE_ON_FAILURE,
    redisCommandTimeoutMs: v.REDIS_COMMAND_TIMEOUT_MS,
  };
  return Object.freeze(config);
}

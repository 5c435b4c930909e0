/**
 * The proxy's configuration, read once from a string record (process.env on Node, the bindings
 * on Workers) into a frozen, typed value. Every problem is reported at once, each naming its
 * variable; a secret's value is never echoed.
 */
import { parseCredentials } from './credentials.js';
import { parseMigrationConfig, type MigrationConfig } from './migration.js';
import { parseReplayConfig, type ReplayConfig } from './replay.js';
import type { CallerCredential } from '../core/legacy/keyring.js';
import { parseCvm3Endpoint, type Cvm3Endpoint } from '../upstream/cvm3/endpoint.js';

export interface ProxyConfig extends MigrationConfig, ReplayConfig {
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
  readonly shutdownGraceMs: number;
  readonly cacheTtlMs: number;
  readonly cacheMaxEntries: number;
  readonly cacheMaxImages: number;
  /** Whether concurrent identical scans share one run (SCAN_COALESCING=on|off). */
  readonly scanCoalescing: boolean;
  /** Node only: the official SDK (the reference) or the lean undici client. */
  readonly upstreamClient: UpstreamClientKind;
}

export const UPSTREAM_CLIENTS = ['sdk', 'undici'] as const;
export type UpstreamClientKind = (typeof UPSTREAM_CLIENTS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }

  /** Just the variables at fault, for places where a value must not be shown (a public answer). */
  get names(): string[] {
    return [...new Set(this.problems.map((problem) => /^[A-Z_]+/.exec(problem)?.[0] ?? 'configuration'))];
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env): ProxyConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const text = env[name]?.trim();
    if (!text) return fallback;
    const value = Number(text);
    if (!/^[0-9]+$/.test(text) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
      return fallback;
    }
    return value;
  };

  const config: ProxyConfig = {
    port: int('PORT', 8787, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    cvmEndpoint: endpoint(env.CVM_ENDPOINT?.trim() || 'https://cvm.tencentcloudapi.com', problems),
    credentials: parseCredentials(env.PROXY_CREDENTIALS, problems),
    timestampWindowSeconds: int('TIMESTAMP_WINDOW_SECONDS', 300, 1, 7 * 24 * 3600),
    upstreamTimeoutMs: int('UPSTREAM_TIMEOUT_MS', 10_000, 1, 600_000),
    logLevel: logLevel(env.LOG_LEVEL, problems),
    maxBodyBytes: int('MAX_BODY_BYTES', 64 * 1024, 1024, 16 * 1024 * 1024),
    replayMaxEntries: int('REPLAY_MAX_ENTRIES', 1_600_000, 1, 50_000_000),
    upstreamRetries: int('UPSTREAM_RETRIES', 2, 0, 10),
    upstreamMaxConcurrency: int('UPSTREAM_MAX_CONCURRENCY', 10, 1, 1000),
    upstreamMaxQueue: int('UPSTREAM_MAX_QUEUE', 100, 0, 100_000),
    // API 3.0 allows 40 DescribeImages calls a second per account (the DescribeImages page).
    upstreamRatePerSecond: int('UPSTREAM_RATE_PER_SECOND', 40, 1, 10_000),
    clientTimeoutMs: int('CLIENT_TIMEOUT_MS', 30_000, 1_000, 600_000),
    shutdownGraceMs: int('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    cacheTtlMs: int('CACHE_TTL_MS', 5_000, 0, 3_600_000),
    cacheMaxEntries: int('CACHE_MAX_ENTRIES', 1_000, 1, 1_000_000),
    cacheMaxImages: int('CACHE_MAX_IMAGES', 200_000, 1, 10_000_000),
    upstreamClient: upstreamClient(env.UPSTREAM_CLIENT, problems),
    scanCoalescing: onOff('SCAN_COALESCING', env.SCAN_COALESCING, true, problems),
    ...parseMigrationConfig(env, problems, (name, fallback) => int(name, fallback, 0, 65535)),
    ...parseReplayConfig(env, problems, int),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

function endpoint(text: string, problems: string[]): Cvm3Endpoint {
  try {
    return parseCvm3Endpoint(text);
  } catch (error) {
    // A URL with user:password@ holds a secret: it is never echoed.
    const shown = text.replace(/\/\/.*@/, '//…@');
    problems.push(`CVM_ENDPOINT ${error instanceof TypeError ? 'is not a URL' : (error as Error).message}: "${shown}"`);
    return parseCvm3Endpoint('https://cvm.tencentcloudapi.com');
  }
}

function onOff(name: string, text: string | undefined, fallback: boolean, problems: string[]): boolean {
  const value = text?.trim();
  if (!value) return fallback;
  if (value === 'on' || value === 'off') return value === 'on';
  problems.push(`${name} must be on or off, got "${value}"`);
  return fallback;
}

function upstreamClient(text: string | undefined, problems: string[]): UpstreamClientKind {
  const kind = text?.trim() || 'sdk';
  if ((UPSTREAM_CLIENTS as readonly string[]).includes(kind)) return kind as UpstreamClientKind;
  problems.push(`UPSTREAM_CLIENT must be one of ${UPSTREAM_CLIENTS.join(', ')}, got "${kind}"`);
  return 'sdk';
}

function logLevel(text: string | undefined, problems: string[]): LogLevel {
  const level = text?.trim() || 'info';
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  return 'info';
}

/**
 * The configuration schema: every variable the proxy reads, once. The loader (load-config.ts)
 * parses the environment (Node) or the Worker's text bindings with it, in this order; the
 * reference page (docs/configuration.md, `npm run docs:config`) is generated from it, so its
 * Markdown (meanings, intros) links relative to docs/.
 */
import { DEFAULT_ACTION_ROUTES } from '../core/routing/action-routes.js';
import { REPLAY_FAILURE_MODES } from '../replay/replay-store.js';
import { adminPort, DEFAULT_ADMIN_PORT } from './admin.js';
import { credentials } from './credentials.js';
import { cvmEndpoint } from './cvm-endpoint.js';
import { integer, oneOf, onOff, text } from './kinds.js';
import { actionRoutes, hostList, legacyEndpoint, sample } from './migration.js';
import { redisUrl } from './replay.js';
import type { Setting, ValueOf } from './setting.js';

import { LOG_LEVELS, type LogLevel } from '../observability/log-level.js';

export { LOG_LEVELS, type LogLevel };

export const UPSTREAM_CLIENTS = ['sdk', 'undici'] as const;
export type UpstreamClientKind = (typeof UPSTREAM_CLIENTS)[number];

/** The page's sections, in its order; a setting names one by its key. */
export const GROUPS = {
  server: { title: 'Server', intro: 'Where the Node server listens and how it stops; what the proxy logs.' },
  callers: {
    title: 'Callers',
    intro: 'Who may call, and what a signed request must satisfy ([contract B2](contract.md#b2)).',
  },
  upstream: { title: 'Upstream (API 3.0)', intro: 'Where the translated calls go, and how.' },
  limits: { title: 'Limits', intro: 'What one request, one client connection and one upstream key pair may take.' },
  cache: {
    title: 'Scan cache',
    intro: 'Full 3.0 scans kept briefly to answer further pages and filters (each process or isolate keeps its own).',
  },
  replay: {
    title: 'Replay protection and Redis',
    intro:
      'Where signed requests are remembered ([contract B2](contract.md#b2), 4500); Redis shares them between Node replicas.',
  },
  migration: {
    title: 'Migration',
    intro:
      "Actions passed through to the legacy API, the shadow comparison, and the fleet's history behind `/migration`.",
  },
  tls: { title: 'TLS', intro: 'The Node server can also listen with TLS, so that legacy host names can point at it.' },
} as const;

export type Group = keyof typeof GROUPS;
type Entry = Setting & { readonly group: Group };

export const SETTINGS = {
  PORT: {
    group: 'server',
    runtime: 'node',
    default: '8787',
    meaning: 'HTTP port (`0` picks a free one)',
    kind: integer(0, 65535),
  },
  HOST: { group: 'server', runtime: 'node', default: '0.0.0.0', meaning: 'Address to listen on', kind: text },
  ADMIN_PORT: {
    group: 'server',
    runtime: 'node',
    default: '',
    absent: `${DEFAULT_ADMIN_PORT}; 0 when PORT is 0`,
    meaning:
      'Port of the admin listener, which alone serves `/metrics`, `/migration` and `/readyz` ([operations](operations.md#admin-listener)); not `PORT` or `TLS_PORT` (`0` picks a free one)',
    kind: adminPort,
  },
  ADMIN_HOST: {
    group: 'server',
    runtime: 'node',
    default: '127.0.0.1',
    meaning:
      'Address of the admin listener: loopback by default, since its pages name every caller; `0.0.0.0` in a pod, for the probes and Prometheus',
    kind: text,
  },
  CVM_ENDPOINT: {
    group: 'upstream',
    runtime: 'both',
    default: 'https://cvm.tencentcloudapi.com',
    meaning: 'The API 3.0 endpoint, an http(s) origin; `http://127.0.0.1:9000` (the emulator) works',
    kind: cvmEndpoint,
  },
  PROXY_CREDENTIALS: {
    group: 'callers',
    runtime: 'both',
    default: '',
    absent: 'required',
    secret: 'always',
    file: true,
    meaning:
      'JSON array of the callers allowed in: `[{"secretId":"…","secretKey":"…"}]`; an entry may add `"upstream":{"secretId":"…","secretKey":"…"}`, the key pair that signs its 3.0 calls ([contract B11](contract.md#b11)); on Node, read again on SIGHUP',
    kind: credentials,
  },
  TIMESTAMP_WINDOW_SECONDS: {
    group: 'callers',
    runtime: 'both',
    default: '300',
    meaning: "How far a request's `Timestamp` may be from the proxy's clock (4200 outside)",
    kind: integer(1, 7 * 24 * 3600),
  },
  UPSTREAM_TIMEOUT_MS: {
    group: 'upstream',
    runtime: 'both',
    default: '10000',
    meaning: 'Deadline for all the 3.0 calls of one legacy request (6200 past it)',
    kind: integer(1, 600_000),
  },
  LOG_LEVEL: {
    group: 'server',
    runtime: 'both',
    default: 'info',
    meaning: 'The least severe level written to the log (`silent`: nothing), in any case',
    kind: oneOf(LOG_LEVELS),
  },
  MAX_BODY_BYTES: {
    group: 'limits',
    runtime: 'both',
    default: '65536',
    meaning: 'Largest POST body accepted (4000 above it)',
    kind: integer(1024, 16 * 1024 * 1024),
  },
  REPLAY_MAX_ENTRIES: {
    group: 'replay',
    runtime: 'both',
    default: '1600000',
    meaning:
      'Most signed requests remembered in memory (4400 while full); used without `REDIS_URL` on Node, and on a Worker without the `REPLAY` binding',
    kind: integer(1, 50_000_000),
  },
  UPSTREAM_RETRIES: {
    group: 'upstream',
    runtime: 'both',
    default: '2',
    meaning: 'Retries of a 3.0 call that failed in a way a retry can help (reset, HTTP 5xx, rate limit), with backoff',
    kind: integer(0, 10),
  },
  UPSTREAM_MAX_CONCURRENCY: {
    group: 'limits',
    runtime: 'node',
    default: '10',
    meaning: '3.0 calls in flight at once per upstream key pair, per process',
    kind: integer(1, 1000),
  },
  UPSTREAM_MAX_QUEUE: {
    group: 'limits',
    runtime: 'node',
    default: '100',
    meaning: '3.0 calls that may wait for a slot per key pair; past it, 4400 at once',
    kind: integer(0, 100_000),
  },
  // API 3.0 allows 40 DescribeImages calls a second per account (docs/contract.md#a2).
  UPSTREAM_RATE_PER_SECOND: {
    group: 'limits',
    runtime: 'node',
    default: '40',
    meaning: "3.0 calls started per second per key pair, per process (3.0's own limit is 40: divide it among replicas)",
    kind: integer(1, 10_000),
  },
  CLIENT_TIMEOUT_MS: {
    group: 'limits',
    runtime: 'node',
    default: '30000',
    meaning: 'Time a client has to send its whole request',
    kind: integer(1_000, 600_000),
  },
  MAX_CONNECTIONS: {
    group: 'limits',
    runtime: 'node',
    default: '2000',
    meaning:
      'Client connections open at once, per listener (HTTP, and TLS beside it); past it a new connection is closed as soon as it is accepted ([reliability](reliability.md#stalled-connections))',
    kind: integer(1, 1_000_000),
  },
  SHUTDOWN_GRACE_MS: {
    group: 'server',
    runtime: 'node',
    default: '10000',
    meaning: 'On SIGTERM or SIGINT, how long requests in flight may take to finish',
    kind: integer(0, 600_000),
  },
  CACHE_TTL_MS: {
    group: 'cache',
    runtime: 'both',
    default: '5000',
    meaning: 'How long a full 3.0 scan answers further queries (`0`: no cache)',
    kind: integer(0, 3_600_000),
  },
  CACHE_MAX_ENTRIES: {
    group: 'cache',
    runtime: 'both',
    default: '1000',
    meaning: 'Most scans kept',
    kind: integer(1, 1_000_000),
  },
  CACHE_MAX_IMAGES: {
    group: 'cache',
    runtime: 'both',
    default: '200000',
    meaning: 'Most images kept, over all scans',
    kind: integer(1, 10_000_000),
  },
  UPSTREAM_CLIENT: {
    group: 'upstream',
    runtime: 'node',
    default: 'sdk',
    meaning:
      "Node's 3.0 client: `sdk` (the official SDK, the reference) or `undici` (lean); the Worker always uses the SDK",
    kind: oneOf(UPSTREAM_CLIENTS),
  },
  SCAN_COALESCING: {
    group: 'cache',
    runtime: 'node',
    default: 'on',
    meaning: 'Concurrent identical scans share one run (`off` only for measurements; always off on Workers)',
    kind: onOff,
  },
  LEGACY_ENDPOINT: {
    group: 'migration',
    runtime: 'both',
    default: '',
    absent: 'none',
    meaning:
      'Origin of the legacy API for pass-through and shadow, e.g. `https://cvm.api.qcloud.com`; without it, untranslated Actions get 6100',
    kind: legacyEndpoint,
  },
  ACTION_ROUTES: {
    group: 'migration',
    runtime: 'both',
    default: DEFAULT_ACTION_ROUTES,
    meaning:
      'Which way each Action goes: `Action=translate` or `Action=passthrough`, comma-separated; `*` is every Action not named. Only `DescribeImages` can be translated, and passing it through needs `LEGACY_ENDPOINT`',
    kind: actionRoutes,
  },
  SHADOW_SAMPLE: {
    group: 'migration',
    runtime: 'both',
    default: '0',
    meaning:
      'Share of translated DescribeImages requests also sent to `LEGACY_ENDPOINT` and compared (needs it when above 0)',
    kind: sample,
  },
  MIGRATION_HISTORY_DAYS: {
    group: 'migration',
    runtime: 'node',
    default: '7',
    meaning:
      "With `REDIS_URL`: how many days the fleet's traffic history in Redis keeps, per minute, for `/migration` (its keys expire after that)",
    kind: integer(1, 90),
  },
  MIGRATION_REPORT_INTERVAL_MS: {
    group: 'migration',
    runtime: 'node',
    default: '5000',
    meaning:
      "With `REDIS_URL`: how often each replica adds its traffic to the fleet's history (and once more when it stops)",
    kind: integer(100, 300_000),
  },
  TLS_CERT_FILE: {
    group: 'tls',
    runtime: 'node',
    default: '',
    absent: 'none',
    meaning:
      'PEM certificate file; with `TLS_KEY_FILE` (both, or neither) the server also listens with TLS; reloaded on SIGHUP',
    kind: text,
  },
  TLS_KEY_FILE: {
    group: 'tls',
    runtime: 'node',
    default: '',
    absent: 'none',
    meaning: "PEM key file of that certificate (keep it readable by the proxy's user only)",
    kind: text,
  },
  TLS_PORT: {
    group: 'tls',
    runtime: 'node',
    default: '8443',
    meaning: 'The TLS port, other than `PORT` (`0` picks a free one)',
    kind: integer(0, 65535),
  },
  PROXY_HOSTS: {
    group: 'callers',
    runtime: 'both',
    default: '',
    absent: 'any',
    meaning:
      'The Host names clients sign for, comma-separated, with `:port` where they name one (e.g. `image.api.qcloud.com,legacy-proxy.internal:8787`); a request for any other host gets 4100. Set it in production',
    kind: hostList,
  },
  REDIS_URL: {
    group: 'replay',
    runtime: 'node',
    default: '',
    absent: 'none: per-process memory',
    secret: 'with a password',
    file: true,
    meaning: '`redis://[:password@]host:6379[/db]` or `rediss://`: replay protection shared by every replica',
    kind: redisUrl,
  },
  REPLAY_STORE_ON_FAILURE: {
    group: 'replay',
    runtime: 'node',
    default: 'open',
    meaning:
      'When Redis fails: `open` lets requests in on the timestamp window alone (a warning and a metric), `closed` answers 6200',
    kind: oneOf(REPLAY_FAILURE_MODES),
  },
  REDIS_COMMAND_TIMEOUT_MS: {
    group: 'replay',
    runtime: 'node',
    default: '500',
    meaning: 'How long one Redis command may take before it counts as a failure',
    kind: integer(10, 60_000),
  },
} as const satisfies Record<string, Entry>;

export type SettingName = keyof typeof SETTINGS;
export type SettingValues = { readonly [N in SettingName]: ValueOf<(typeof SETTINGS)[N]> };

/** Worker bindings that are not text, and so not settings: the page lists them beside the table. */
export const WORKER_BINDINGS = {
  REPLAY:
    'Durable Object namespace of class `ReplayGuard`: replay protection shared by every isolate. Without it each isolate remembers only its own requests (and says so once in its log)',
} as const;

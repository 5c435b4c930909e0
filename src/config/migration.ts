/**
 * The migration settings: where untranslated Actions pass through to (LEGACY_ENDPOINT), which
 * Actions go which way (ACTION_ROUTES), the shadow sample (SHADOW_SAMPLE), and the Node server's
 * TLS listener (TLS_CERT_FILE, TLS_KEY_FILE, TLS_PORT). Problems are added to the caller's list.
 */
import { clip } from '../core/clip.js';
import { DESCRIBE_IMAGES } from '../core/cvm3/types.js';
import { DEFAULT_ACTION_ROUTES, parseActionRoutes, routeOf, type ActionRoutes } from '../core/routing/action-routes.js';

export interface MigrationConfig {
  /** The legacy API's origin (e.g. https://cvm.api.qcloud.com); absent: nothing passes through. */
  readonly legacyEndpoint: URL | undefined;
  readonly actionRoutes: ActionRoutes;
  /** The share of translated DescribeImages requests also sent to the legacy endpoint, 0–1. */
  readonly shadowSample: number;
  /**
   * The Host names (with a port where clients name one) the proxy answers for; others get 4100.
   * Absent: any. A signature covers its host, so this keeps a request signed for somewhere else
   * (captured on its way to Tencent Cloud, say) from being accepted here and signed anew.
   */
  readonly proxyHosts: ReadonlySet<string> | undefined;
  /** Node only: also listen with TLS, so that legacy host names can point at the proxy. */
  readonly tls: { readonly certFile: string; readonly keyFile: string; readonly port: number } | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

export function parseMigrationConfig(env: Env, problems: string[], port: (name: string, fallback: number) => number): MigrationConfig {
  const legacyEndpoint = legacyEndpointOf(env.LEGACY_ENDPOINT?.trim(), problems);
  let actionRoutes = parseActionRoutes(DEFAULT_ACTION_ROUTES);
  try {
    actionRoutes = parseActionRoutes(env.ACTION_ROUTES?.trim() || DEFAULT_ACTION_ROUTES);
  } catch (error) {
    problems.push(`ACTION_ROUTES: ${(error as Error).message}`);
  }
  if (!legacyEndpoint && routeOf(actionRoutes, DESCRIBE_IMAGES) === 'passthrough') {
    problems.push(`ACTION_ROUTES sends ${DESCRIBE_IMAGES} through, which needs LEGACY_ENDPOINT`);
  }
  const shadowSample = sampleOf(env.SHADOW_SAMPLE?.trim(), problems);
  if (shadowSample > 0 && !legacyEndpoint) problems.push('SHADOW_SAMPLE compares against the legacy endpoint, which needs LEGACY_ENDPOINT');

  const certFile = env.TLS_CERT_FILE?.trim();
  const keyFile = env.TLS_KEY_FILE?.trim();
  if (!certFile !== !keyFile) problems.push('TLS_CERT_FILE and TLS_KEY_FILE go together: set both, or neither');
  const tlsPort = port('TLS_PORT', 8443);
  if (certFile && keyFile && tlsPort !== 0 && tlsPort === Number(env.PORT?.trim() || 8787)) problems.push(`TLS_PORT and PORT are both ${tlsPort}: TLS needs a port of its own`);
  const hosts = (env.PROXY_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  for (const host of hosts) if (!HOST.test(host)) problems.push(`PROXY_HOSTS: "${clip(host, 80)}" is not a host name with an optional :port`);
  const proxyHosts = hosts.length > 0 ? new Set(hosts) : undefined;
  return { legacyEndpoint, actionRoutes, shadowSample, proxyHosts, tls: certFile && keyFile ? { certFile, keyFile, port: tlsPort } : undefined };
}

function legacyEndpointOf(text: string | undefined, problems: string[]): URL | undefined {
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.push(`LEGACY_ENDPOINT is not a URL: "${clip(text.replace(/\/\/.*@/, '//…@'), 120)}"`);
    return undefined;
  }
  const problem =
    url.protocol !== 'https:' && url.protocol !== 'http:' ? 'must be http(s)'
    : url.username || url.password ? 'must not hold credentials'
    : url.pathname !== '/' || url.search || url.hash ? 'is an origin only (the path is always /v2/index.php)'
    : undefined;
  if (problem) {
    problems.push(`LEGACY_ENDPOINT ${problem}: "${clip(`${url.protocol}//${url.host}${url.pathname}`, 120)}"`);
    return undefined;
  }
  return url;
}

function sampleOf(text: string | undefined, problems: string[]): number {
  if (!text) return 0;
  const value = Number(text);
  if (/^(?:0|1|0?\.\d+|1\.0*)$/.test(text) && value >= 0 && value <= 1) return value;
  problems.push(`SHADOW_SAMPLE must be a number from 0 to 1, got "${clip(text)}"`);
  return 0;
}

/**
 * The migration settings' kinds: where untranslated Actions pass through to (LEGACY_ENDPOINT),
 * which Actions go which way (ACTION_ROUTES), the shadow sample (SHADOW_SAMPLE), and the Host
 * names the proxy answers for (PROXY_HOSTS). What they require of each other: relations.ts.
 */
import { clip } from '../core/clip.js';
import { parseActionRoutes, type ActionRoutes } from '../core/routing/action-routes.js';
import { INVALID, type Kind } from './setting.js';
import { missingScheme, shownUrl } from './shown-url.js';

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
  /** Node, with REDIS_URL: the days the fleet's traffic history keeps, and how often a replica adds to it. */
  readonly migrationHistoryDays: number;
  readonly migrationReportIntervalMs: number;
  /** Node only: also listen with TLS, so that legacy host names can point at the proxy. */
  readonly tls: { readonly certFile: string; readonly keyFile: string; readonly port: number } | undefined;
}

export const legacyEndpoint: Kind<URL | undefined> = {
  parse(text, name, problems) {
    if (!text) return undefined;
    if (missingScheme(text, name, ['https://', 'http://'], problems)) return INVALID;
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      problems.push(`${name} is not a URL: ${shownUrl(text)}`);
      return INVALID;
    }
    const problem =
      url.protocol !== 'https:' && url.protocol !== 'http:'
        ? 'must be http(s)'
        : url.username || url.password
          ? 'must not hold credentials'
          : url.pathname !== '/' || url.search || url.hash
            ? 'is an origin only (the path is always /v2/index.php)'
            : undefined;
    if (!problem) return url;
    problems.push(`${name} ${problem}: "${clip(`${url.protocol}//${url.host}${url.pathname}`, 120)}"`);
    return INVALID;
  },
};

export const actionRoutes: Kind<ActionRoutes> = {
  parse(text, name, problems) {
    try {
      return parseActionRoutes(text);
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
      return INVALID;
    }
  },
};

export const sample: Kind<number> = {
  accepts: 'number 0–1',
  parse(text, name, problems) {
    const value = Number(text);
    if (/^(?:0|1|0?\.\d+|1\.0*)$/.test(text) && value >= 0 && value <= 1) return value;
    problems.push(`${name} must be a number from 0 to 1, got "${clip(text)}"`);
    return INVALID;
  },
};

const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

/** Comma-separated host names, each with an optional :port; '' (none): any host. */
export const hostList: Kind<ReadonlySet<string> | undefined> = {
  parse(text, name, problems) {
    const hosts = text
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean);
    const bad = hosts.filter((host) => !HOST.test(host));
    for (const host of bad) problems.push(`${name}: "${clip(host, 80)}" is not a host name with an optional :port`);
    if (bad.length > 0) return INVALID;
    return hosts.length > 0 ? new Set(hosts) : undefined;
  },
};

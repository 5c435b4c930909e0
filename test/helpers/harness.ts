/**
 * A proxy in front of a real built-in emulator on port 0, and a legacy client that signs the
 * way legacy clients do. Tests talk to the proxy through `app.request()`; the 3.0 side is a
 * real HTTP server that checks TC3 signatures, limits and parameter rules.
 */
import type { Hono } from 'hono';
import { loadConfig, type ProxyConfig } from '../../src/config/load-config.js';
import type { ProxyRuntime } from '../../src/compose.js';
import type { LegacySignatureMethod } from '../../src/core/legacy/signature.js';
import { DEMO_ACCOUNT_A, type EmulatorAccount } from '../../dev/emulator/accounts.js';
import { startEmulatorServer } from '../../dev/emulator/server.js';
import { signLegacyRequest } from '../../dev/legacy-client/sign-request.js';
import { createProxyApp } from '../../src/compose.js';
import type { Cvm3Client } from '../../src/upstream/cvm3/client.js';
import { createSdkCvm3Client } from '../../src/upstream/cvm3/sdk-client.js';
import { createUndiciCvm3Client } from '../../src/upstream/cvm3/undici-client.js';
import { captureLog } from './log-capture.js';

export const PROXY_HOST = 'image.api.qcloud.com';

export interface LegacyCall {
  params: Record<string, string | number>;
  account?: Pick<EmulatorAccount, 'secretId' | 'secretKey'>;
  method?: 'GET' | 'POST';
  signatureMethod?: LegacySignatureMethod;
  timestamp?: number;
  /** The Host the request is sent to (and signed for, unless `signedHost` says otherwise). */
  host?: string;
  signedHost?: string;
}

export async function startHarness(
  options: {
    env?: Record<string, string>;
    emulator?: Parameters<typeof startEmulatorServer>[0];
    cvm?: (config: ProxyConfig) => Cvm3Client;
    /** The proxy's clock (ms); the real one by default. */
    now?: () => number;
    /** More of the runtime (observability, the shadow's dice, fetch for the legacy endpoint). */
    runtime?: Pick<ProxyRuntime, 'observability' | 'random' | 'fetch'>;
  } = {},
) {
  const emulator = await startEmulatorServer({ port: 0, rateLimitPerSecond: 0, ...options.emulator });
  const accounts = options.emulator?.accounts ?? (await import('../../dev/emulator/accounts.js')).DEMO_ACCOUNTS;
  const config = loadConfig({
    CVM_ENDPOINT: emulator.url,
    PROXY_CREDENTIALS: JSON.stringify(accounts.map(({ secretId, secretKey }) => ({ secretId, secretKey }))),
    UPSTREAM_CLIENT: process.env.UPSTREAM_CLIENT ?? 'sdk',
    ...options.env,
  });
  const log = captureLog();
  const cvm = options.cvm?.(config) ?? upstreamClientFor(config);
  const app: Hono = createProxyApp(config, {
    cvm,
    logger: log.logger,
    ...(options.now ? { now: options.now } : {}),
    ...options.runtime,
  });

  /** Sign and send; the raw Response. */
  async function send(call: LegacyCall, tamper?: (params: Record<string, string>) => void): Promise<Response> {
    const method = call.method ?? 'GET';
    const host = call.host ?? PROXY_HOST;
    const account = call.account ?? DEMO_ACCOUNT_A;
    const params = await signLegacyRequest({
      method,
      host: call.signedHost ?? host,
      path: '/v2/index.php',
      secretId: account.secretId,
      secretKey: account.secretKey,
      signatureMethod: call.signatureMethod,
      timestamp: call.timestamp,
      params: { Action: 'DescribeImages', Region: 'gz', ...call.params },
    });
    tamper?.(params);
    return sendSigned(method, params, host);
  }

  async function sendSigned(
    method: 'GET' | 'POST',
    params: Record<string, string>,
    host = PROXY_HOST,
  ): Promise<Response> {
    const form = new URLSearchParams(params).toString();
    return method === 'GET'
      ? app.request(`http://${host}/v2/index.php?${form}`, { headers: { host } })
      : app.request(`http://${host}/v2/index.php`, {
          method,
          headers: { host, 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
        });
  }

  /** Sign, send, and read the legacy answer (asserting HTTP 200 JSON on the way). */
  async function legacy(call: LegacyCall, tamper?: (params: Record<string, string>) => void): Promise<any> {
    const response = await send(call, tamper);
    if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('application/json')) {
      throw new Error(`not a legacy answer: HTTP ${response.status} ${response.headers.get('content-type')}`);
    }
    return response.json();
  }

  return { app, config, emulator, log, send, sendSigned, legacy, close: () => emulator.close() };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** The contract tests run once per 3.0 client (vitest projects set UPSTREAM_CLIENT). */
function upstreamClientFor(config: ProxyConfig): Cvm3Client {
  return config.upstreamClient === 'undici'
    ? createUndiciCvm3Client({ endpoint: config.cvmEndpoint })
    : createSdkCvm3Client({ endpoint: config.cvmEndpoint });
}

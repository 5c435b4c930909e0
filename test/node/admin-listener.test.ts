/**
 * The admin listener (ADMIN_HOST:ADMIN_PORT) alone serves /metrics, /migration and /readyz: the
 * public listeners, plain and TLS, answer them as unknown paths whatever the Host, and /readyz
 * follows the server's state (draining on a shutdown).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A } from '../../dev/emulator/accounts.js';
import { startEmulatorServer, type EmulatorServer } from '../../dev/emulator/server.js';
import { signLegacyRequest } from '../../dev/legacy-client/sign-request.js';
import { finished, spawnCommand } from '../../dev/support/run-script.js';
import { loadConfig } from '../../src/config/load-config.js';
import { startProxyServer, type RunningServer } from '../../src/node/server.js';
import { startFailure } from '../../src/node/start-failure.js';
import { captureLog } from '../helpers/log-capture.js';
import { signedLegacyUrl } from '../helpers/signed-url.js';

const PROXY_HOST = 'image.api.qcloud.com';
const CREDENTIALS = JSON.stringify([{ secretId: DEMO_ACCOUNT_A.secretId, secretKey: DEMO_ACCOUNT_A.secretKey }]);
const ADMIN_PATHS = ['/metrics', '/migration', '/readyz'];

let certDir: string;
let ca: Buffer;
let emulator: EmulatorServer;
let proxy: RunningServer;
beforeAll(async () => {
  certDir = await mkdtemp(join(tmpdir(), 'admin-listener-'));
  const made = await finished(spawnCommand('bash', ['scripts/make-dev-cert.sh', certDir], {}));
  if (made.code !== 0) throw new Error(`make-dev-cert.sh exited with ${made.code}: ${made.stderr}`);
  ca = await readFile(join(certDir, 'ca.pem'));
  emulator = await startEmulatorServer({ port: 0, rateLimitPerSecond: 0 });
  proxy = await startProxyServer(
    loadConfig({
      PORT: '0',
      TLS_PORT: '0',
      HOST: '127.0.0.1',
      CVM_ENDPOINT: emulator.url,
      PROXY_CREDENTIALS: CREDENTIALS,
      PROXY_HOSTS: PROXY_HOST,
      TLS_CERT_FILE: join(certDir, 'cert.pem'),
      TLS_KEY_FILE: join(certDir, 'key.pem'),
    }),
    captureLog().logger,
  );
  // One legacy request, so that the pages have a caller to name.
  const params = await signLegacyRequest({
    method: 'GET',
    host: PROXY_HOST,
    path: '/v2/index.php',
    ...DEMO_ACCOUNT_A,
    params: { Action: 'DescribeImages', Region: 'gz', imageType: 2, limit: 1 },
  });
  expect(
    JSON.parse((await get('http', `/v2/index.php?${new URLSearchParams(params)}`, PROXY_HOST)).body),
  ).toMatchObject({ code: 0 });
}, 60_000);
afterAll(async () => {
  await proxy?.close();
  await emulator?.close();
  await rm(certDir, { recursive: true, force: true });
});

/** A GET with the Host given (fetch would not send it), over TLS trusting the test CA, or plain. */
function get(listener: 'http' | 'tls', path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const onResponse = (response: IncomingMessage) => {
      let body = '';
      response
        .on('data', (chunk) => (body += chunk))
        .on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    };
    const req =
      listener === 'tls'
        ? httpsRequest(
            { host: '127.0.0.1', port: proxy.tlsPort, path, ca, servername: PROXY_HOST, headers: { host } },
            onResponse,
          )
        : httpRequest({ host: '127.0.0.1', port: proxy.port, path, headers: { host } }, onResponse);
    req.on('error', reject).end();
  });
}

describe('the public listeners', () => {
  it.each(ADMIN_PATHS)(
    'answer %s as an unknown path, on HTTP and TLS, for the served host and any other',
    async (path) => {
      for (const host of [PROXY_HOST, 'localhost', 'attacker.example']) {
        for (const { status, body } of [await get('http', path, host), await get('tls', path, host)]) {
          expect(status).toBe(404);
          expect(JSON.parse(body)).toMatchObject({ code: 5000 });
          expect(body).not.toContain(DEMO_ACCOUNT_A.secretId);
        }
      }
    },
  );

  it('still answer /healthz', async () => {
    expect(await (await fetch(`${proxy.url}/healthz`)).json()).toMatchObject({ status: 'ok' });
  });
});

describe('the admin listener', () => {
  it('listens on loopback by default, on a port of its own', () => {
    expect(new URL(proxy.adminUrl).hostname).toBe('127.0.0.1');
    expect(proxy.adminPort).not.toBe(proxy.port);
    expect(proxy.adminPort).not.toBe(proxy.tlsPort);
  });

  it('serves /metrics and /migration, which name the callers', async () => {
    const metrics = await fetch(`${proxy.adminUrl}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await metrics.text()).toContain(
      `legacy_requests_total{action="DescribeImages",caller="${DEMO_ACCOUNT_A.secretId}",route="translated",code="0"} 1`,
    );
    const page = await fetch(`${proxy.adminUrl}/migration`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain(DEMO_ACCOUNT_A.secretId);
  });

  it('says on /readyz that the replica is ready, and where replays are remembered', async () => {
    const ready = await fetch(`${proxy.adminUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', replayStore: 'memory' });
  });

  it('serves nothing else, and no legacy request', async () => {
    for (const path of ['/v2/index.php?Action=DescribeImages', '/healthz', '/'])
      expect((await fetch(`${proxy.adminUrl}${path}`)).status).toBe(404);
  });
});

describe('the admin listener over a lifetime', () => {
  it('stays up through a drain, /readyz answering 503 `draining`, and closes once the drain is over', async () => {
    const server = await startProxyServer(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        CVM_ENDPOINT: emulator.url,
        PROXY_CREDENTIALS: CREDENTIALS,
        UPSTREAM_TIMEOUT_MS: '5000',
      }),
      captureLog().logger,
    );
    emulator.faults.set({ kind: 'hang' });
    try {
      const reached = emulator.faults.injected.hang;
      const inFlight = fetch(await signedLegacyUrl(server.url)).then(
        (r) => r.json(),
        () => undefined,
      );
      for (let i = 0; i < 200 && emulator.faults.injected.hang === reached; i++)
        await new Promise((r) => setTimeout(r, 25));
      const stopped = server.shutdown(1_000);
      const draining = await fetch(`${server.adminUrl}/readyz`);
      expect(draining.status).toBe(503);
      expect(await draining.json()).toEqual({ status: 'draining', replayStore: 'memory' });
      expect(await stopped).toBe(1);
      await inFlight;
      await expect(fetch(`${server.adminUrl}/readyz`)).rejects.toThrow();
    } finally {
      emulator.faults.set(undefined);
    }
  });

  it('a taken ADMIN_PORT stops the start, naming ADMIN_PORT', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const config = loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        ADMIN_PORT: String(port),
        CVM_ENDPOINT: emulator.url,
        PROXY_CREDENTIALS: CREDENTIALS,
      });
      const error = await startProxyServer(config, captureLog().logger).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(startFailure(error, config)).toBe(
        `cannot listen on ADMIN_HOST=127.0.0.1 ADMIN_PORT=${port}: listen EADDRINUSE: address already in use 127.0.0.1:${port}`,
      );
    } finally {
      taken.close();
    }
  });
});

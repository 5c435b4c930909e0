/**
 * Forward-proxy mode: an unchanged legacy script whose only change is its environment
 * (HTTPS_PROXY, and trust in the proxy's CA) reaches the proxy through `CONNECT
 * image.api.qcloud.com:443`, with nothing else to resolve or edit. The proxy is never an open
 * proxy: any other CONNECT is refused with 403, and nothing is dialled.
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect as connectTcp, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../dev/emulator/accounts.js';
import { DEMO_CATALOGUE, visibleImages } from '../../dev/emulator/catalogue.js';
import { startEmulatorServer, type EmulatorServer } from '../../dev/emulator/server.js';
import { finished, spawnCommand } from '../../dev/support/run-script.js';
import { startProxyServer, type RunningServer } from '../../src/node/server.js';
import { legacySdk } from '../helpers/legacy-sdk.js';
import type { ScriptedCall, ScriptedResult } from '../helpers/legacy-sdk-script.js';
import { captureLog, type CapturedLog } from '../helpers/log-capture.js';

const LEGACY_HOST = 'image.api.qcloud.com';
const PUBLIC_COUNT = visibleImages(DEMO_CATALOGUE, '').filter((image) => image.ImageType === 'PUBLIC_IMAGE').length;
const CREDENTIALS = JSON.stringify(
  [DEMO_ACCOUNT_A, DEMO_ACCOUNT_B].map(({ secretId, secretKey }) => ({ secretId, secretKey })),
);
/** For what starts a process (openssl, a legacy script under tsx): seconds each on a busy 2-core machine. */
const PROCESS_TEST_MS = 60_000;

let certDir: string;
let emulator: EmulatorServer;
let proxy: RunningServer;
let log: CapturedLog;
let tlsEnv: Record<string, string>;
beforeAll(async () => {
  certDir = await mkdtemp(join(tmpdir(), 'forward-proxy-'));
  const made = await finished(spawnCommand('bash', ['scripts/make-dev-cert.sh', certDir], {}));
  if (made.code !== 0) throw new Error(`make-dev-cert.sh exited with ${made.code}: ${made.stderr}`);
  tlsEnv = Object.fromEntries(
    made.stdout
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  emulator = await startEmulatorServer({ port: 0, rateLimitPerSecond: 0 });
  log = captureLog();
  proxy = await startProxyServer(
    loadConfig({
      ...tlsEnv,
      PORT: '0',
      TLS_PORT: '0',
      HOST: '127.0.0.1',
      CVM_ENDPOINT: emulator.url,
      UPSTREAM_CLIENT: process.env.UPSTREAM_CLIENT ?? 'sdk',
      PROXY_CREDENTIALS: CREDENTIALS,
    }),
    log.logger,
  );
}, PROCESS_TEST_MS);
afterAll(async () => {
  await proxy?.close();
  await emulator?.close();
  await rm(certDir, { recursive: true, force: true });
});

/** What a forward proxy answers to `CONNECT target`: its status line, and whether it then closed (within 5 s). */
async function connectThrough(port: number, target: string): Promise<{ statusLine: string; closed: boolean }> {
  const socket = connectTcp({ host: '127.0.0.1', port });
  let received = '';
  socket.setEncoding('latin1').on('data', (chunk: string) => (received += chunk));
  const closed = once(socket, 'close').then(() => true);
  socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
  let timer: NodeJS.Timeout | undefined;
  const wasClosed = await Promise.race([
    closed,
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 5_000))),
  ]);
  clearTimeout(timer);
  socket.destroy();
  return { statusLine: received.split('\r\n', 1)[0]!, closed: wasClosed };
}

describe('a legacy script whose only change is HTTPS_PROXY and the CA it trusts', () => {
  async function runThroughProxy(calls: ScriptedCall[]): Promise<ScriptedResult[]> {
    const child = spawnCommand(process.execPath, ['--import', 'tsx', 'test/helpers/legacy-sdk-script.ts'], {
      HTTPS_PROXY: proxy.url,
      NO_PROXY: '',
      no_proxy: '',
      NODE_EXTRA_CA_CERTS: join(certDir, 'ca.pem'),
      LEGACY_CALLS: JSON.stringify(calls),
      LEGACY_SECRET_ID: DEMO_ACCOUNT_A.secretId,
      LEGACY_SECRET_KEY: DEMO_ACCOUNT_A.secretKey,
    });
    const { code, stdout, stderr } = await finished(child);
    if (code !== 0) throw new Error(`the legacy script exited with ${code}: ${stderr.slice(0, 2000)}`);
    return JSON.parse(stdout) as ScriptedResult[];
  }

  it(
    'the real legacy Node SDK, no host option, by name through the tunnel: GET and POST, SHA1 and SHA256',
    async () => {
      const calls = (['GET', 'POST'] as const).flatMap((method) =>
        (['sha1', 'sha256'] as const).map((signatureMethod): ScriptedCall => ({
          client: 'sdk',
          method,
          signatureMethod,
          data: { imageType: 2, limit: 100 },
        })),
      );
      const results = await runThroughProxy(calls);
      for (const result of results)
        expect(result).toEqual({ answer: expect.objectContaining({ code: 0, totalCount: PUBLIC_COUNT }) });
    },
    PROCESS_TEST_MS,
  );

  const python = (() => {
    try {
      execFileSync('python3', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!python)(
    "Python's http.client tunnel (set_tunnel, as the legacy Python SDK uses it), verifying the certificate",
    async () => {
      const query = legacySdk({
        SecretId: DEMO_ACCOUNT_A.secretId,
        SecretKey: DEMO_ACCOUNT_A.secretKey,
        host: LEGACY_HOST,
        method: 'GET',
      }).signedQuery({ imageType: 2, limit: 3 });
      const script = [
        'import http.client, os, ssl, sys',
        "ctx = ssl.create_default_context(cafile=os.environ.get('CA') or None)",
        "c = http.client.HTTPSConnection('127.0.0.1', int(os.environ['PROXY_PORT']), context=ctx, timeout=10)",
        "c.set_tunnel('image.api.qcloud.com', 443)",
        'try:',
        "    c.request('GET', '/v2/index.php?' + os.environ['QUERY'])",
        '    print(c.getresponse().read().decode())',
        'except ssl.SSLCertVerificationError as e:',
        '    print(\'{"verify": "failed"}\')',
      ].join('\n');
      const run = (env: Record<string, string>) =>
        finished(spawnCommand('python3', ['-c', script], { PROXY_PORT: String(proxy.port), QUERY: query, ...env }));
      const trusted = await run({ CA: join(certDir, 'ca.pem') });
      expect(trusted.code, trusted.stderr).toBe(0);
      expect(JSON.parse(trusted.stdout)).toMatchObject({ code: 0, totalCount: PUBLIC_COUNT, imageSet: [{}, {}, {}] });
      // Without the CA the client refuses the proxy's certificate: trusting it is the one step a script needs.
      const untrusted = await run({ SSL_CERT_FILE: '/nonexistent', SSL_CERT_DIR: '/nonexistent' });
      expect(JSON.parse(untrusted.stdout)).toEqual({ verify: 'failed' });
    },
  );
});

describe('never an open proxy', () => {
  let bystander: Server;
  let dialled = 0;
  beforeAll(async () => {
    bystander = createServer((socket) => {
      dialled += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => bystander.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => bystander.close(() => resolve())));

  it.each([
    ['a host on this machine', () => `127.0.0.1:${(bystander.address() as { port: number }).port}`],
    ['another host on 443', () => 'example.com:443'],
    ['the legacy host on another port', () => `${LEGACY_HOST}:80`],
    ['a legacy API host the proxy does not serve', () => 'cvm.api.qcloud.com:443'],
    ['no port at all', () => LEGACY_HOST],
  ])('%s: 403 at once, a log line, and nothing is dialled', async (_name, target) => {
    const before = log.records().length;
    expect(await connectThrough(proxy.port, target())).toEqual({ statusLine: 'HTTP/1.1 403 Forbidden', closed: true });
    expect(dialled).toBe(0);
    const refusal = log
      .records()
      .slice(before)
      .find((record) => record.msg === 'CONNECT refused: not a host this proxy serves (nothing was dialled)');
    expect(refusal).toMatchObject({ target: target().toLowerCase() });
  });

  it('a CONNECT for a served host is refused too when the proxy has no TLS certificate to answer with', async () => {
    const plainLog = captureLog();
    const plain = await startProxyServer(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', CVM_ENDPOINT: emulator.url, PROXY_CREDENTIALS: CREDENTIALS }),
      plainLog.logger,
    );
    try {
      expect(await connectThrough(plain.port, `${LEGACY_HOST}:443`)).toEqual({
        statusLine: 'HTTP/1.1 403 Forbidden',
        closed: true,
      });
      expect(
        plainLog.records().some((record) => String(record.msg).includes('needs TLS_CERT_FILE and TLS_KEY_FILE')),
      ).toBe(true);
    } finally {
      await plain.close();
    }
  });
});

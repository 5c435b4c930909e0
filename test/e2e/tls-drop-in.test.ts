/**
 * The TLS drop-in, end to end: a certificate made by scripts/make-dev-cert.sh; the proxy with TLS
 * beside plain HTTP, set up from the env lines the script prints; the built-in CVM 3.0 emulator
 * behind it; and the real legacy SDK (qcloudapi-sdk@0.2.1, protocol https) in a process of its own,
 * calling `image.api.qcloud.com:<TLS port>` by name with signatures made for that name. The name
 * resolves to 127.0.0.1 through legacy-hosts-preload.ts, which stands in for the hosts-file line.
 * The proxy's side of each connection is read from Node's `http.server.request.start` channel.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as connectTcp, createServer, type Socket } from 'node:net';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkServerIdentity, connect, TLSSocket, type PeerCertificate } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../dev/emulator/accounts.js';
import { DEMO_CATALOGUE, visibleImages } from '../../dev/emulator/catalogue.js';
import { startEmulatorServer, type EmulatorServer } from '../../dev/emulator/server.js';
import { startProxyServer, type RunningServer } from '../../src/node/server.js';
import { legacySdk } from '../helpers/legacy-sdk.js';
import type { ScriptedCall, ScriptedResult } from '../helpers/legacy-sdk-script.js';
import { finished, spawnCommand } from '../../dev/support/run-script.js';

const LEGACY_HOST = 'image.api.qcloud.com';
/** The emulator's public images, as a legacy client must see them (the catalogue has 38). */
const PUBLIC_IDS = visibleImages(DEMO_CATALOGUE, '')
  .filter((image) => image.ImageType === 'PUBLIC_IMAGE')
  .map((image) => image.ImageId);
const COMBINATIONS = [
  ['GET', 'sha1'],
  ['GET', 'sha256'],
  ['POST', 'sha1'],
  ['POST', 'sha256'],
] as const;
/** For what starts a process (openssl, a legacy script under tsx): seconds each on a busy 2-core machine. */
const PROCESS_TEST_MS = 60_000;

/** One request as the proxy's HTTP(S) server received it. */
interface Arrival {
  readonly port: number | undefined;
  readonly tls: boolean;
  readonly servername: string | false | null | undefined;
  readonly host: string | undefined;
  readonly method: string | undefined;
}

const arrivals: Arrival[] = [];
const onArrival = (message: unknown) => {
  const { request, socket } = message as { request: IncomingMessage; socket: Socket };
  const tls = socket instanceof TLSSocket;
  arrivals.push({
    port: socket.localPort,
    tls,
    servername: tls ? socket.servername : undefined,
    host: request.headers.host,
    method: request.method,
  });
};

let certDir: string;
let printed: { stdout: string; stderr: string };
let ca: Buffer;
let emulator: EmulatorServer;
let proxy: RunningServer;
let tlsPort: number;
let tlsHost: string;
beforeAll(async () => {
  certDir = await mkdtemp(join(tmpdir(), 'tls-drop-in-'));
  const made = await finished(spawnCommand('bash', ['scripts/make-dev-cert.sh', certDir], {}));
  if (made.code !== 0) throw new Error(`make-dev-cert.sh exited with ${made.code}: ${made.stderr}`);
  printed = made;
  ca = await readFile(join(certDir, 'ca.pem'));
  // The env lines exactly as the script printed them, as a user would paste them.
  const envLines = Object.fromEntries(
    made.stdout
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

  emulator = await startEmulatorServer({ port: 0, rateLimitPerSecond: 0 });
  proxy = await startProxyServer(
    loadConfig({
      ...envLines,
      PORT: '0',
      TLS_PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      CVM_ENDPOINT: emulator.url,
      UPSTREAM_CLIENT: process.env.UPSTREAM_CLIENT ?? 'sdk',
      PROXY_CREDENTIALS: JSON.stringify(
        [DEMO_ACCOUNT_A, DEMO_ACCOUNT_B].map(({ secretId, secretKey }) => ({ secretId, secretKey })),
      ),
    }),
  );
  if (proxy.tlsPort === undefined) throw new Error('the proxy did not listen with TLS');
  tlsPort = proxy.tlsPort;
  tlsHost = `${LEGACY_HOST}:${tlsPort}`;
  subscribe('http.server.request.start', onArrival);
}, PROCESS_TEST_MS);
afterAll(async () => {
  unsubscribe('http.server.request.start', onArrival);
  await proxy?.close();
  await emulator?.close();
  await rm(certDir, { recursive: true, force: true });
});

/**
 * Runs legacy-sdk-script.ts the way a user runs a legacy script: a process of its own, account A's
 * key pair in its environment; `*.api.qcloud.com` resolves to 127.0.0.1 through the preload.
 */
async function runLegacyScript(
  calls: readonly ScriptedCall[],
  env: Record<string, string> = {},
): Promise<ScriptedResult[]> {
  const child = spawnCommand(
    process.execPath,
    ['--import', 'tsx', '--import', './test/helpers/legacy-hosts-preload.ts', 'test/helpers/legacy-sdk-script.ts'],
    {
      LEGACY_CALLS: JSON.stringify(calls),
      LEGACY_SECRET_ID: DEMO_ACCOUNT_A.secretId,
      LEGACY_SECRET_KEY: DEMO_ACCOUNT_A.secretKey,
      ...env,
    },
  );
  const { code, stdout, stderr } = await finished(child);
  if (code !== 0) throw new Error(`the legacy script exited with ${code}: ${stderr.slice(0, 2000)}`);
  return JSON.parse(stdout) as ScriptedResult[];
}

/** A GET to the TLS port with Host `image.api.qcloud.com:<TLS port>`; the certificate checked for `servername`. */
function getOverTls(query: string, options: { ca?: Buffer; servername?: string }): Promise<any> {
  const { servername = LEGACY_HOST } = options;
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      {
        host: '127.0.0.1',
        port: tlsPort,
        path: `/v2/index.php?${query}`,
        servername,
        headers: { host: tlsHost },
        agent: false,
        ...(options.ca ? { ca: options.ca } : {}),
      },
      (response) => {
        let body = '';
        response
          .setEncoding('utf8')
          .on('data', (chunk: string) => (body += chunk))
          .on('end', () => resolve(JSON.parse(body)));
      },
    );
    request.once('error', reject).end();
  });
}

/** The legacy SDK's signed GET query for DescribeImages, signed for `signedFor`. */
const signedQuery = (signedFor: string, data: Record<string, unknown> = { imageType: 2, limit: 100 }) =>
  legacySdk({
    SecretId: DEMO_ACCOUNT_A.secretId,
    SecretKey: DEMO_ACCOUNT_A.secretKey,
    host: signedFor,
    method: 'GET',
  }).signedQuery(data);

const publicAnswer = () => ({ code: 0, message: '', totalCount: PUBLIC_IDS.length });
const ids = (answer: { imageSet: Array<{ unImgId: string }> }) => answer.imageSet.map((image) => image.unImgId);

describe('scripts/make-dev-cert.sh', () => {
  it('prints the two env lines, and leaves a private key, the certificate and the CA (not its key)', async () => {
    expect(printed.stdout).toBe(`TLS_CERT_FILE=${certDir}/cert.pem\nTLS_KEY_FILE=${certDir}/key.pem\n`);
    expect(printed.stderr).toContain(`NODE_EXTRA_CA_CERTS=${certDir}/ca.pem`);
    expect((await readdir(certDir)).sort()).toEqual(['ca.pem', 'cert.pem', 'key.pem']);
    expect((await stat(join(certDir, 'key.pem'))).mode & 0o777).toBe(0o600);
  });

  it('makes a certificate for the legacy names, issued by a CA held to api.qcloud.com', async () => {
    const leaf = new X509Certificate(await readFile(join(certDir, 'cert.pem')));
    const authority = new X509Certificate(ca);
    expect(leaf.subjectAltName).toBe('DNS:image.api.qcloud.com, DNS:*.api.qcloud.com');
    expect(leaf.ca).toBe(false);
    expect(leaf.checkIssued(authority) && leaf.verify(authority.publicKey)).toBe(true);
    expect(leaf.checkHost(LEGACY_HOST)).toBe(LEGACY_HOST);
    expect(leaf.checkHost('cvm.api.qcloud.com')).toBe('*.api.qcloud.com');
    expect(leaf.checkHost('image.api.qcloud.com.example.com')).toBeUndefined();
    expect(authority.ca).toBe(true);
    // Trusting the CA trusts nothing outside api.qcloud.com (node:crypto does not show name constraints).
    const shown = await finished(
      spawnCommand(
        '/usr/bin/openssl',
        ['x509', '-noout', '-ext', 'nameConstraints', '-in', join(certDir, 'ca.pem')],
        {},
      ),
    );
    expect(shown.stdout.replace(/\s+/g, ' ')).toContain(
      'X509v3 Name Constraints: critical Permitted: DNS:api.qcloud.com',
    );
  });
});

describe('the unchanged legacy SDK, by name, over TLS', () => {
  let results: ScriptedResult[];
  let plainAnswer: any;
  let tlsArrivals: Arrival[];
  let plainArrivals: Arrival[];
  beforeAll(async () => {
    arrivals.length = 0;
    const calls: ScriptedCall[] = [
      ...COMBINATIONS.map(([method, signatureMethod]) => ({
        client: 'sdk' as const,
        host: tlsHost,
        method,
        signatureMethod,
        data: { imageType: 2, limit: 100 },
      })),
      // The same process, with no CA trusted: a client that verifies refuses the certificate.
      { client: 'fetch', host: tlsHost, method: 'GET', signatureMethod: 'sha1', data: { imageType: 2, limit: 100 } },
    ];
    // Plain HTTP on PORT at the same time, from this process.
    const plain = legacySdk({
      SecretId: DEMO_ACCOUNT_A.secretId,
      SecretKey: DEMO_ACCOUNT_A.secretKey,
      host: new URL(proxy.url).host,
    });
    [results, plainAnswer] = await Promise.all([runLegacyScript(calls), plain.request({ imageType: 2, limit: 100 })]);
    tlsArrivals = arrivals.filter((arrival) => arrival.port === tlsPort);
    plainArrivals = arrivals.filter((arrival) => arrival.port === proxy.port);
  }, PROCESS_TEST_MS);

  it.each(COMBINATIONS.map((combination, i) => [...combination, i] as const))(
    '%s signed with %s',
    (_method, _signature, i) => {
      const result = results[i]!;
      expect(result).toHaveProperty('answer');
      const { answer } = result as { answer: any };
      expect(answer).toMatchObject(publicAnswer());
      expect(ids(answer)).toEqual(PUBLIC_IDS);
    },
  );

  it('reached the TLS port by name: TLS, with SNI and Host the legacy name', () => {
    expect(PUBLIC_IDS).toHaveLength(38);
    expect(tlsArrivals.map((arrival) => arrival.method).sort()).toEqual(['GET', 'GET', 'POST', 'POST']);
    for (const arrival of tlsArrivals)
      expect(arrival).toMatchObject({ tls: true, servername: LEGACY_HOST, host: tlsHost });
  });

  it('needed no CA: the SDK does not verify, while fetch in the same process refused the certificate', () => {
    expect(results[COMBINATIONS.length]).toEqual({ error: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });

  it('left plain HTTP on PORT answering at the same time', () => {
    expect(plainAnswer).toMatchObject(publicAnswer());
    expect(plainArrivals).toEqual([expect.objectContaining({ tls: false, method: 'POST' })]);
  });
});

describe('signatures are checked against the name and port the client addressed', () => {
  it.each([
    ['the legacy name and the TLS port', () => tlsHost, 0],
    ['another legacy name', () => `cvm.api.qcloud.com:${tlsPort}`, 4100],
    ['the legacy name without the port (what a client signs on 443)', () => LEGACY_HOST, 4100],
  ])('signed for %s', async (_case, signedFor, code) => {
    const answer = await getOverTls(signedQuery(signedFor()), { ca });
    expect(answer).toMatchObject({ code });
    if (code !== 0) expect(answer.message).toContain(`host ${tlsHost}`);
  });
});

describe('a client that verifies certificates', () => {
  it('is answered when it trusts the CA and asks for the legacy name', async () => {
    expect(await getOverTls(signedQuery(tlsHost), { ca })).toMatchObject(publicAnswer());
  });

  it('refuses the certificate without the CA', async () => {
    await expect(getOverTls(signedQuery(tlsHost), {})).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
  });

  it('refuses it for a name the certificate does not hold, even with the CA', async () => {
    await expect(getOverTls(signedQuery(tlsHost), { ca, servername: 'cvm.example.com' })).rejects.toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
  });

  it(
    'is answered with the CA added the way a user adds it (NODE_EXTRA_CA_CERTS), by name',
    async () => {
      const [result] = await runLegacyScript(
        [
          {
            client: 'fetch',
            host: tlsHost,
            method: 'GET',
            signatureMethod: 'sha256',
            data: { imageType: 2, limit: 100 },
          },
        ],
        { NODE_EXTRA_CA_CERTS: join(certDir, 'ca.pem') },
      );
      expect(result).toEqual({ answer: expect.objectContaining(publicAnswer()) });
    },
    PROCESS_TEST_MS,
  );
});

describe('the TLS port', () => {
  it('serves the certificate for the legacy names', async () => {
    const socket = connect({ host: '127.0.0.1', port: tlsPort, servername: LEGACY_HOST, ca });
    const certificate = await new Promise<PeerCertificate>((resolve, reject) => {
      socket.once('secureConnect', () => resolve(socket.getPeerCertificate())).once('error', reject);
    });
    expect(socket.authorized).toBe(true);
    expect(socket.getProtocol()).toMatch(/^TLSv1\.[23]$/);
    socket.destroy();
    expect(certificate.subject.CN).toBe(LEGACY_HOST);
    expect(certificate.issuer.CN).toBe('qcloud-legacy-proxy development CA');
    expect(certificate.subjectaltname).toBe('DNS:image.api.qcloud.com, DNS:*.api.qcloud.com');
    expect(checkServerIdentity('cvm.api.qcloud.com', certificate)).toBeUndefined();
  });

  it('speaks only TLS', async () => {
    await expect(fetch(`http://127.0.0.1:${tlsPort}/healthz`)).rejects.toThrow();
    expect(await (await fetch(`${proxy.url}/healthz`)).json()).toMatchObject({ status: 'ok' });
  });
});

describe('starting with TLS', () => {
  it('a TLS port it cannot take stops the start and leaves nothing listening', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const certs = { TLS_CERT_FILE: join(certDir, 'cert.pem'), TLS_KEY_FILE: join(certDir, 'key.pem') };
    // The HTTP port is picked free and bound after: should another process take it in between
    // (the HTTP listener fails, not the TLS one), pick again.
    let httpPort = 0;
    let failure: Error & { code?: string; port?: number } = new Error('never started');
    try {
      for (let attempt = 0; attempt < 5 && (attempt === 0 || failure.port === httpPort); attempt++) {
        const probe = createServer().listen(0, '127.0.0.1');
        await once(probe, 'listening');
        httpPort = (probe.address() as { port: number }).port;
        await new Promise((done) => probe.close(done));
        failure = await startProxyServer(
          loadConfig({
            ...certs,
            HOST: '127.0.0.1',
            PORT: String(httpPort),
            TLS_PORT: String((blocker.address() as { port: number }).port),
            LOG_LEVEL: 'silent',
            PROXY_CREDENTIALS: JSON.stringify([{ secretId: 'AKIDx', secretKey: 'k' }]),
          }),
        ).then(
          async (started) => (await started.close(), new Error('it started')),
          (error: Error) => error,
        );
      }
      expect(failure).toMatchObject({ code: 'EADDRINUSE', port: (blocker.address() as { port: number }).port });
      // The HTTP listener that did start was closed again.
      await expect(once(connectTcp(httpPort, '127.0.0.1'), 'connect')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      blocker.close();
    }
  });

  it('does not let a connection that never finishes its handshake hold the port or the shutdown', async () => {
    const certs = { TLS_CERT_FILE: join(certDir, 'cert.pem'), TLS_KEY_FILE: join(certDir, 'key.pem') };
    const server = await startProxyServer(
      loadConfig({
        ...certs,
        HOST: '127.0.0.1',
        PORT: '0',
        TLS_PORT: '0',
        LOG_LEVEL: 'silent',
        CLIENT_TIMEOUT_MS: '1000',
        PROXY_CREDENTIALS: JSON.stringify([{ secretId: 'AKIDx', secretKey: 'k' }]),
      }),
    );
    const silent = connectTcp(server.tlsPort!, '127.0.0.1');
    await once(silent, 'connect');
    // The handshake timeout (CLIENT_TIMEOUT_MS) ends it…
    await once(silent.resume(), 'close');
    // …and one still handshaking when the server stops is cut, not waited for.
    const another = connectTcp(server.tlsPort!, '127.0.0.1');
    await once(another, 'connect');
    another.resume();
    const stopped = await Promise.race([
      server.shutdown(100).then(() => 'stopped'),
      new Promise((r) => setTimeout(() => r('still waiting'), 3_000)),
    ]);
    expect(stopped).toBe('stopped');
  });

  it(
    'reloads a renewed certificate (SIGHUP in npm start), and keeps the old one when the new is bad',
    async () => {
      const { copyFile, writeFile } = await import('node:fs/promises');
      const live = await mkdtemp(join(tmpdir(), 'tls-live-'));
      const renewed = await mkdtemp(join(tmpdir(), 'tls-renewed-'));
      try {
        for (const file of ['cert.pem', 'key.pem']) await copyFile(join(certDir, file), join(live, file));
        expect((await finished(spawnCommand('bash', ['scripts/make-dev-cert.sh', renewed], {}))).code).toBe(0);
        const server = await startProxyServer(
          loadConfig({
            TLS_CERT_FILE: join(live, 'cert.pem'),
            TLS_KEY_FILE: join(live, 'key.pem'),
            HOST: '127.0.0.1',
            PORT: '0',
            TLS_PORT: '0',
            LOG_LEVEL: 'silent',
            PROXY_CREDENTIALS: JSON.stringify([{ secretId: 'AKIDx', secretKey: 'k' }]),
          }),
        );
        const served = async () => {
          const socket = connect({
            host: '127.0.0.1',
            port: server.tlsPort!,
            servername: LEGACY_HOST,
            rejectUnauthorized: false,
          });
          await once(socket, 'secureConnect');
          const fingerprint = socket.getPeerCertificate().fingerprint256;
          socket.destroy();
          return fingerprint;
        };
        const fingerprintOf = async (dir: string) =>
          new X509Certificate(await readFile(join(dir, 'cert.pem'))).fingerprint256;
        expect(await served()).toBe(await fingerprintOf(certDir));
        for (const file of ['cert.pem', 'key.pem']) await copyFile(join(renewed, file), join(live, file));
        server.reloadTls();
        expect(await served()).toBe(await fingerprintOf(renewed));
        await writeFile(join(live, 'key.pem'), await readFile(join(certDir, 'key.pem'))); // a key that does not match
        expect(() => server.reloadTls()).toThrow();
        expect(await served()).toBe(await fingerprintOf(renewed));
        await server.close();
      } finally {
        await rm(live, { recursive: true, force: true });
        await rm(renewed, { recursive: true, force: true });
      }
    },
    PROCESS_TEST_MS,
  );

  it('refuses TLS_PORT equal to PORT at configuration time', () => {
    expect(() =>
      loadConfig({
        TLS_CERT_FILE: 'c.pem',
        TLS_KEY_FILE: 'k.pem',
        PORT: '9443',
        TLS_PORT: '9443',
        PROXY_CREDENTIALS: '[{"secretId":"a","secretKey":"b"}]',
      }),
    ).toThrow(/TLS_PORT and PORT are both 9443/);
  });
});

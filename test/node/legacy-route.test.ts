/**
 * On Node the legacy endpoint is served straight from Node's request (src/node/legacy-route.ts);
 * what it does not take goes to the hono app, through the same exchange. Both ways in must give a
 * client the same answer, byte for byte, and the same log line: here every kind of request is sent
 * both ways to one real server (origin-form to the direct route, absolute-form to the app), each
 * freshly signed, and the answers compared.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A } from '../../dev/emulator/accounts.js';
import { startEmulatorServer, type EmulatorServer } from '../../dev/emulator/server.js';
import { javaSdkMultipart } from '../../dev/legacy-client/java-sdk-multipart.js';
import { signLegacyRequest } from '../../dev/legacy-client/sign-request.js';
import { loadConfig } from '../../src/config/load-config.js';
import { legacyRoute } from '../../src/node/legacy-route.js';
import { startProxyServer, type RunningServer } from '../../src/node/server.js';
import { captureLog, type CapturedLog } from '../helpers/log-capture.js';

const MAX_BODY_BYTES = 2048;
let emulator: EmulatorServer;
let proxy: RunningServer;
let log: CapturedLog;
let host: string;

beforeAll(async () => {
  emulator = await startEmulatorServer({ port: 0, rateLimitPerSecond: 0 });
  log = captureLog();
  proxy = await startProxyServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      ADMIN_PORT: '0',
      CVM_ENDPOINT: emulator.url,
      PROXY_CREDENTIALS: JSON.stringify([{ secretId: DEMO_ACCOUNT_A.secretId, secretKey: DEMO_ACCOUNT_A.secretKey }]),
      MAX_BODY_BYTES: String(MAX_BODY_BYTES),
    }),
    log.logger,
  );
  host = new URL(proxy.url).host;
});
afterAll(async () => {
  await proxy.close();
  await emulator.close();
});

type Way = 'direct' | 'app';
interface Sent {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request, origin-form (the direct route) or absolute-form (which the direct route leaves to the app). */
function send(way: Way, method: string, target: string, headers: Record<string, string>, body?: Uint8Array | string) {
  const path = way === 'direct' ? target : `http://${host}${target}`;
  const [hostname, port] = host.split(':');
  return new Promise<Sent>((resolve, reject) => {
    const req = request({ hostname, port, method, path, headers: { host, ...headers } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

type Case = (way: Way, id: string) => Promise<Sent>;

const signed = (params: Record<string, string | number>, options: { method?: 'GET' | 'POST'; sha256?: boolean } = {}) =>
  signLegacyRequest({
    method: options.method ?? 'GET',
    host,
    path: '/v2/index.php',
    secretId: DEMO_ACCOUNT_A.secretId,
    secretKey: DEMO_ACCOUNT_A.secretKey,
    ...(options.sha256 ? { signatureMethod: 'HmacSHA256' as const } : {}),
    params: { Action: 'DescribeImages', Region: 'gz', ...params },
  });
const FORM = 'application/x-www-form-urlencoded';

const cases: Record<string, Case> = {
  'a GET, translated': async (way, id) =>
    send(way, 'GET', `/v2/index.php?${new URLSearchParams(await signed({ imageType: 2, limit: 3 }))}`, {
      'x-request-id': id,
    }),
  'a POST form, HmacSHA256, translated': async (way, id) =>
    send(
      way,
      'POST',
      '/v2/index.php',
      { 'content-type': FORM, 'x-request-id': id },
      String(new URLSearchParams(await signed({ imageType: 2 }, { method: 'POST', sha256: true }))),
    ),
  "the Java SDK's multipart POST": async (way, id) => {
    const { contentType, body } = javaSdkMultipart(await signed({ imageType: 2, limit: 2 }, { method: 'POST' }));
    return send(way, 'POST', '/v2/index.php', { 'content-type': contentType, 'x-request-id': id }, body);
  },
  'a wrong signature (4100)': async (way, id) => {
    const params = await signed({ imageType: 2 });
    params.Signature = 'AAAA';
    return send(way, 'GET', `/v2/index.php?${new URLSearchParams(params)}`, { 'x-request-id': id });
  },
  'an unknown SecretId (4104)': async (way, id) =>
    send(way, 'GET', '/v2/index.php?Action=DescribeImages&SecretId=nobody&Signature=x&Timestamp=1&Nonce=1', {
      'x-request-id': id,
    }),
  'no parameters at all (4000)': (way, id) => send(way, 'GET', '/v2/index.php', { 'x-request-id': id }),
  'a POST that is not a form (4000)': (way, id) =>
    send(way, 'POST', '/v2/index.php', { 'content-type': 'text/plain', 'x-request-id': id }, 'Action=DescribeImages'),
  'a body past MAX_BODY_BYTES (4000)': (way, id) =>
    send(
      way,
      'POST',
      '/v2/index.php',
      { 'content-type': FORM, 'x-request-id': id },
      `Action=${'a'.repeat(MAX_BODY_BYTES)}`,
    ),
  'a replay (4500)': async (way, id) => {
    const target = `/v2/index.php?${new URLSearchParams(await signed({ imageType: 2, limit: 1 }))}`;
    await send(way, 'GET', target, {});
    return send(way, 'GET', target, { 'x-request-id': id });
  },
  'a transitional call with a wrong signature (the 3.0 shape)': async (way, id) => {
    const params = await signed({ Version: '2017-03-12', Limit: 1 });
    params.Signature = 'AAAA';
    return send(way, 'GET', `/v2/index.php?${new URLSearchParams(params)}`, { 'x-request-id': id });
  },
  'an Action passed through, with no legacy endpoint (6100)': async (way, id) =>
    send(way, 'GET', `/v2/index.php?${new URLSearchParams(await signed({ Action: 'DescribeInstances' }))}`, {
      'x-request-id': id,
    }),
};

const lineOf = (id: string) => {
  const line = log.records().find((r) => r.msg === 'legacy request' && r.requestId === id);
  if (!line) return undefined;
  const { requestId: _id, durationMs: _ms, time: _time, ...rest } = line;
  return rest;
};

describe('the direct legacy route and the app', () => {
  it.each(Object.keys(cases))('answer %s alike, byte for byte, with the same log line', async (name) => {
    const slug = name.replace(/\W+/g, '-');
    // The first of a query scans; both compared ways then find the same scan in the cache.
    await cases[name]!('direct', `warm-${slug}`);
    const direct = await cases[name]!('direct', `direct-${slug}`);
    const app = await cases[name]!('app', `app-${slug}`);
    const normalised = (sent: Sent, id: string) => ({
      status: sent.status,
      type: sent.headers['content-type'],
      id: sent.headers['x-request-id'] === id,
      body: sent.body.replaceAll(id, '<id>'),
    });
    expect(normalised(direct, `direct-${slug}`)).toEqual(normalised(app, `app-${slug}`));
    expect(direct.status).toBe(200);
    expect(JSON.parse(direct.body)).toBeTypeOf('object');
    expect(lineOf(`direct-${slug}`)).toEqual(lineOf(`app-${slug}`));
    expect(lineOf(`direct-${slug}`)).toBeDefined();
  });

  it('keeps a well-formed X-Request-Id and replaces one that is not, as the app does', async () => {
    const kept = await cases['no parameters at all (4000)']!('direct', 'trace-123_ab=');
    expect(kept.headers['x-request-id']).toBe('trace-123_ab=');
    const replaced = await cases['no parameters at all (4000)']!('direct', 'not ok');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a body that is still arriving past MAX_BODY_BYTES, closes the connection, and serves the next client', async () => {
    const [hostname, port] = host.split(':');
    const socket = connect({ host: hostname, port: Number(port) });
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(
      `POST /v2/index.php HTTP/1.1\r\nHost: ${host}\r\nContent-Type: ${FORM}\r\nContent-Length: ${10 * MAX_BODY_BYTES}\r\n\r\nAction=`,
    );
    await closed;
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text).toMatch(/\r\nconnection: close\r\n/i);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 4000 });
    const next = await cases['a GET, translated']!('direct', 'next');
    expect(JSON.parse(next.body)).toMatchObject({ code: 0 });
  });

  it('leaves other methods and paths to the app', async () => {
    const head = await send('direct', 'PUT', '/v2/index.php', { 'x-request-id': 'put' });
    expect(JSON.parse(head.body)).toMatchObject({ code: 4000, message: expect.stringContaining('PUT') });
    const other = await send('direct', 'GET', '/v2/index.phpx', {});
    expect([other.status, JSON.parse(other.body).code]).toEqual([404, 5000]);
  });
});

describe('legacyRoute', () => {
  const taken = (method: string, url: string, headers: Record<string, string> = { host: 'h' }) => {
    const requests: unknown[] = [];
    const route = legacyRoute({
      exchange: async (r) => void requests.push(r),
      maxBodyBytes: 1024,
      background: () => {},
    });
    const served = route({ method, url, headers } as never, {} as never);
    return { served, requests };
  };

  it.each([
    ['GET', '/v2/index.php'],
    ['GET', '/v2/index.php?Action=DescribeImages'],
    ['POST', '/v2/index.php'],
  ])('takes %s %s', (method, url) => {
    expect(taken(method, url)).toMatchObject({
      served: true,
      requests: [expect.objectContaining({ path: '/v2/index.php', host: 'h' })],
    });
  });

  it.each([
    ['HEAD', '/v2/index.php'],
    ['PUT', '/v2/index.php'],
    ['GET', 'http://h/v2/index.php'],
    ['GET', '/v2/index.php/'],
    ['GET', '/v2/index.phpx'],
    ['GET', '/v2/index%2Ephp'],
  ])('leaves %s %s to the app', (method, url) => {
    expect(taken(method, url)).toEqual({ served: false, requests: [] });
  });

  it('leaves a request without a Host header to the app', () => {
    expect(taken('GET', '/v2/index.php', {})).toEqual({ served: false, requests: [] });
  });
});

/**
 * Requests that are not quite HTTP/1.1 still get a legacy JSON answer, and at once: an HTTP/0.9
 * request line (no version), an `Expect` the server cannot meet, a request line and headers past
 * Node's 16 KiB. A real HTTP/1.1 request, however it is cut into packets, is served as before.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { startProxyServer, type RunningServer } from '../../src/node/server.js';
import { captureLog } from '../helpers/log-capture.js';

const NOT_VALID_HTTP = { code: 4000, message: 'the request is not valid HTTP', codeDesc: 'InvalidParameter' };

let proxy: RunningServer;
let port: number;
beforeAll(async () => {
  // The default CLIENT_TIMEOUT_MS (30 s): an answer within a few seconds did not wait for it.
  proxy = await startProxyServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      CVM_ENDPOINT: 'http://127.0.0.1:9',
      PROXY_CREDENTIALS: '[{"secretId":"a","secretKey":"b"}]',
    }),
    captureLog().logger,
  );
  port = Number(new URL(proxy.url).port);
});
afterAll(() => proxy.close());

/** Sends the pieces (each its own write, a tick apart) and resolves with all that came back once the server closes, or what came within `ms`. */
async function exchange(pieces: string[], ms = 5_000): Promise<{ text: string; closed: boolean }> {
  const socket: Socket = connect({ port, host: '127.0.0.1', noDelay: true });
  let text = '';
  socket.on('data', (chunk) => (text += chunk));
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  const closed = new Promise<boolean>((resolve) => {
    socket.once('close', () => resolve(true));
    setTimeout(() => resolve(false), ms).unref();
  });
  for (const piece of pieces) {
    socket.write(piece);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const result = { closed: await closed, text };
  socket.destroy();
  return result;
}

const bodyOf = (text: string) => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));

describe('an HTTP/0.9 request line (no version)', () => {
  it('is answered 400 with legacy JSON at once, not at CLIENT_TIMEOUT_MS', async () => {
    const { text, closed } = await exchange(['GET /v2/index.php?Action=DescribeImages\r\n']);
    expect(closed).toBe(true);
    expect(text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(text).toMatch(/content-type: application\/json/i);
    expect(bodyOf(text)).toEqual(NOT_VALID_HTTP);
  });

  it('is recognised when it arrives in pieces, after an empty line', async () => {
    const { text, closed } = await exchange(['\r\n', 'GET /v2/ind', 'ex.php', '\r', '\n']);
    expect(closed).toBe(true);
    expect(bodyOf(text)).toEqual(NOT_VALID_HTTP);
  });
});

describe('a real HTTP/1.1 request cut into small pieces', () => {
  it('is served as ever', async () => {
    const request = 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';
    const pieces = [...request.slice(0, 30)].concat(request.slice(30)); // the request line a byte at a time
    const { text } = await exchange(pieces);
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(bodyOf(text)).toMatchObject({ status: 'ok' });
  });

  it('and one after a leading empty line too', async () => {
    const { text } = await exchange(['\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });
});

describe('an Expect the server cannot meet', () => {
  it('gets 417 with a legacy JSON body, and the connection closes', async () => {
    const { text, closed } = await exchange([
      'POST /v2/index.php HTTP/1.1\r\nHost: x\r\nExpect: something-else\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 8\r\n\r\nAction=X',
    ]);
    expect(closed).toBe(true);
    expect(text).toMatch(/^HTTP\/1\.1 417 Expectation Failed\r\n/);
    expect(text).toMatch(/content-type: application\/json/i);
    expect(bodyOf(text)).toEqual({
      code: 4000,
      codeDesc: 'InvalidParameter',
      message: 'Expect: something-else is not supported; send the request without it (or with 100-continue)',
    });
  });

  it('while 100-continue is met as ever', async () => {
    const { text } = await exchange([
      'POST /v2/index.php HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 8\r\n\r\n',
      'Action=X',
    ]);
    expect(text).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
    expect(bodyOf(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({
      code: 4000,
      message: 'SecretId: is required',
    });
  });
});

describe('a URL past 16 KiB', () => {
  it('gets 431 with a legacy JSON body, as docs/reliability.md says', async () => {
    const { text, closed } = await exchange([
      `GET /v2/index.php?Action=DescribeImages&x=${'a'.repeat(17 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    ]);
    expect(closed).toBe(true);
    expect(text).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(bodyOf(text)).toEqual(NOT_VALID_HTTP);
  });
});

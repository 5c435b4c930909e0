/**
 * Connections that never finish their request are released at CLIENT_TIMEOUT_MS even when the
 * client never closes its side: the 408 is written and the socket destroyed, the handler waiting
 * for the body gives up, and a body that arrives after the 408 is never carried out. Past
 * MAX_CONNECTIONS a new connection is closed at once.
 */
import { readdirSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A } from '../../dev/emulator/accounts.js';
import { startEmulatorServer, type EmulatorServer } from '../../dev/emulator/server.js';
import { startLegacyStandin, type LegacyStandinServer } from '../../dev/legacy-standin/server.js';
import { signLegacyRequest } from '../../dev/legacy-client/sign-request.js';
import { finished, spawnEntry, waitForLine } from '../../dev/support/run-script.js';
import { loadConfig } from '../../src/config/load-config.js';
import { startProxyServer, type RunningServer } from '../../src/node/server.js';
import { captureLog, type CapturedLog } from '../helpers/log-capture.js';

const CREDENTIALS = JSON.stringify([{ secretId: DEMO_ACCOUNT_A.secretId, secretKey: DEMO_ACCOUNT_A.secretKey }]);
const PARTIAL_HEADERS = 'GET /v2/index.php?Action=DescribeImages HTTP/1.1\r\nHost: x\r\n';
const PARTIAL_BODY =
  'POST /v2/index.php HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nAction=';

interface StalledClient {
  readonly socket: Socket;
  /** What the server sent, so far. */
  received(): string;
}

/** A client that sends `text` and then nothing, and never closes its side (a half-open socket stays open). */
async function stall(port: number, text: string): Promise<StalledClient> {
  const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
  let received = '';
  socket.on('data', (chunk) => (received += chunk));
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  if (text) socket.write(text);
  return { socket, received: () => received };
}

/** Whether a new connection's GET /healthz is answered (false: it was closed unanswered). */
async function healthzOnNewConnection(port: number): Promise<boolean> {
  const client = await stall(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
  const ok = () => client.received().includes('"status":"ok"');
  await until(() => ok() || client.socket.destroyed || client.socket.readableEnded, 2_000);
  client.socket.destroy();
  return ok();
}

async function until(condition: () => boolean, withinMs: number): Promise<boolean> {
  for (const end = Date.now() + withinMs; Date.now() < end;) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

describe('300 connections that never finish (the proxy as its own process, CLIENT_TIMEOUT_MS=1000)', () => {
  it(
    'are all answered 408 and their file descriptors released, though no client closes its side',
    { timeout: 60_000 },
    async () => {
      const emulator = await startEmulatorServer({ port: 0 });
      const child = spawnEntry('src/node/main.ts', [], {
        PORT: '0',
        HOST: '127.0.0.1',
        CVM_ENDPOINT: emulator.url,
        PROXY_CREDENTIALS: CREDENTIALS,
        CLIENT_TIMEOUT_MS: '1000',
      });
      const done = finished(child);
      const clients: StalledClient[] = [];
      try {
        const { url } = JSON.parse(await waitForLine(child, /proxy listening/)) as { url: string };
        const port = Number(new URL(url).port);
        const fds = () => readdirSync(`/proc/${child.pid}/fd`).length;
        const idle = fds();
        for (const text of ['', PARTIAL_HEADERS, PARTIAL_BODY]) {
          for (let i = 0; i < 100; i++) clients.push(await stall(port, text));
        }
        // Each is open on the proxy's side (an fd each) until the timeout; then none may be.
        expect(await until(() => fds() >= idle + 250, 5_000)).toBe(true);
        expect(await until(() => fds() <= idle + 5, 20_000)).toBe(true);
        // The proxy's side is closed; each client reads what was sent before it (FIN, or a reset).
        await until(() => clients.every((client) => client.socket.readableEnded || client.socket.destroyed), 5_000);
        expect(clients.filter((client) => client.received().startsWith('HTTP/1.1 408 '))).toHaveLength(300);
      } finally {
        for (const client of clients) client.socket.destroy();
        child.kill('SIGKILL');
        await done;
        await emulator.close();
      }
    },
  );
});

describe('in-process (CLIENT_TIMEOUT_MS=1000)', () => {
  let emulator: EmulatorServer;
  let standin: LegacyStandinServer;
  let proxy: RunningServer;
  let log: CapturedLog;
  let port: number;
  beforeAll(async () => {
    emulator = await startEmulatorServer({ port: 0 });
    standin = await startLegacyStandin();
    log = captureLog();
    proxy = await startProxyServer(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        CVM_ENDPOINT: emulator.url,
        LEGACY_ENDPOINT: standin.url,
        PROXY_CREDENTIALS: CREDENTIALS,
        CLIENT_TIMEOUT_MS: '1000',
        MAX_CONNECTIONS: '20',
      }),
      log.logger,
    );
    port = Number(new URL(proxy.url).port);
  });
  afterAll(async () => {
    await proxy.close();
    await standin.close();
    await emulator.close();
  });

  it('the handler waiting for a stalled body gives up at the timeout, with no help from the client', async () => {
    const before = log.records().length;
    const client = await stall(port, PARTIAL_BODY);
    try {
      expect(await until(() => client.received().startsWith('HTTP/1.1 408 '), 10_000)).toBe(true);
      // Its request has ended: logged once, as a body that could not be read.
      expect(
        await until(
          () =>
            log
              .records()
              .slice(before)
              .some((r) => r.msg === 'legacy request'),
          5_000,
        ),
      ).toBe(true);
      expect(
        log
          .records()
          .slice(before)
          .find((r) => r.msg === 'legacy request'),
      ).toMatchObject({ code: 4000 });
    } finally {
      client.socket.destroy();
    }
  });

  it('a request answered 408 is never carried out, even when the rest of its body arrives after', async () => {
    // Each signed afresh: the same signed request twice would be refused as a replay anyway.
    const runInstances = async () => {
      const params = await signLegacyRequest({
        method: 'POST',
        host: `127.0.0.1:${port}`,
        path: '/v2/index.php',
        secretId: DEMO_ACCOUNT_A.secretId,
        secretKey: DEMO_ACCOUNT_A.secretKey,
        params: { Action: 'RunInstances', Region: 'gz', imageId: 'img-31tjrtph' },
      });
      const body = new URLSearchParams(params).toString();
      const head = `POST /v2/index.php HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`;
      return { head, body };
    };
    standin.clearReceived();
    // Such a request sent whole is passed through: the setup can carry it out.
    const { head, body } = await runInstances();
    const whole = await stall(port, head + body);
    expect(await until(() => whole.received().includes('\r\n\r\n'), 5_000)).toBe(true);
    expect(standin.received).toHaveLength(1);
    whole.socket.destroy();
    standin.clearReceived();

    const late = await runInstances();
    const client = await stall(port, late.head + late.body.slice(0, -10));
    try {
      expect(await until(() => client.received().startsWith('HTTP/1.1 408 '), 10_000)).toBe(true);
      client.socket.write(late.body.slice(-10));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(standin.received).toHaveLength(0);
    } finally {
      client.socket.destroy();
    }
  });

  it('past MAX_CONNECTIONS a new connection is closed at once, unanswered, and served again once one closes', async () => {
    const before = log.records().length;
    const held: StalledClient[] = [];
    try {
      for (let i = 0; i < 20; i++) held.push(await stall(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'));
      // All 20 answered, so all 20 accepted (and kept alive).
      expect(await until(() => held.every((client) => client.received().includes('"status":"ok"')), 5_000)).toBe(true);
      const extra = await stall(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      const closed = await until(() => extra.socket.destroyed || extra.socket.readableEnded, 800); // far below CLIENT_TIMEOUT_MS
      expect(closed).toBe(true);
      expect(extra.received()).toBe('');
      expect(
        log
          .records()
          .slice(before)
          .some((r) => r.msg === 'connection refused: MAX_CONNECTIONS are open'),
      ).toBe(true);
      held.pop()!.socket.destroy();
      // Served again as soon as the server has seen that close.
      let served = false;
      for (const end = Date.now() + 3_000; !served && Date.now() < end;) served = await healthzOnNewConnection(port);
      expect(served).toBe(true);
    } finally {
      for (const client of held) client.socket.destroy();
    }
  });
});

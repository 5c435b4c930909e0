/**
 * Overload at the proxy: more legacy requests than one identity's 3.0 budget allows wait in a
 * bounded queue, and past it get 4400 at once; a slow client does not hold anyone else up.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../dev/emulator/accounts.js';
import { startEmulatorServer, type EmulatorServer } from '../../dev/emulator/server.js';
import { startProxyServer, type RunningServer } from '../../src/node/server.js';
import { captureLog } from '../helpers/log-capture.js';
import { legacySdk } from '../helpers/legacy-sdk.js';
import { startHarness } from '../helpers/harness.js';

describe("a burst over one identity's budget", () => {
  it('queues what fits and refuses the rest at once with 4400', async () => {
    const h = await startHarness({ env: { UPSTREAM_MAX_CONCURRENCY: '2', UPSTREAM_MAX_QUEUE: '2' } });
    try {
      h.emulator.faults.set({ kind: 'slow', delayMs: 2_000 });
      // Ten different queries (identical ones would share one scan).
      const ids = [
        'img-7br3ouzr',
        'img-4cq5l3u1',
        'img-ko6c8e6f',
        'img-ailu7ftt',
        'img-50mr2ow7',
        'img-1afi29f3',
        'img-4w43a15z',
        'img-k09t26i1',
        'img-jlo93805',
        'img-7uq6rrhr',
      ];
      // In the order the answers come (not by the clock: a busy machine can take a second anyway).
      let answered = 0;
      const inTurn = async (id: string) => {
        const answer = await h.legacy({ params: { imageType: 2, 'imageIds.0': id } });
        return { code: answer.code as number, turn: answered++ };
      };
      const results = await Promise.all(ids.map(inTurn));
      const served = results.filter((r) => r.code === 0);
      expect(served).toHaveLength(4);
      const refused = results.filter((r) => r.code === 4400);
      expect(refused).toHaveLength(6);
      // At once, not after the 2 s wait: every refusal came before the first answer 3.0 gave.
      expect(Math.max(...refused.map((r) => r.turn))).toBeLessThan(Math.min(...served.map((r) => r.turn)));
    } finally {
      await h.close();
    }
  });
});

describe('a slow client', () => {
  let emulator: EmulatorServer;
  let proxy: RunningServer;
  beforeAll(async () => {
    emulator = await startEmulatorServer({ port: 0, rateLimitPerSecond: 0 });
    proxy = await startProxyServer(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        CVM_ENDPOINT: emulator.url,
        CLIENT_TIMEOUT_MS: '1000',
        PROXY_CREDENTIALS: JSON.stringify(
          [DEMO_ACCOUNT_A, DEMO_ACCOUNT_B].map(({ secretId, secretKey }) => ({ secretId, secretKey })),
        ),
      }),
      captureLog().logger,
    );
  });
  afterAll(async () => {
    await proxy.close();
    await emulator.close();
  });

  it('dribbling its request does not hold up others, and is cut off at CLIENT_TIMEOUT_MS', async () => {
    const { port } = new URL(proxy.url);
    const slow = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => slow.once('connect', resolve));
    slow.write(
      'POST /v2/index.php HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nAction=',
    );
    const closed = new Promise<number>((resolve) => {
      const started = Date.now();
      slow.once('close', () => resolve(Date.now() - started));
    });
    slow.on('error', () => {});
    slow.resume(); // read what the server sends (its 408), so that its close is seen
    const client = legacySdk({
      SecretId: DEMO_ACCOUNT_A.secretId,
      SecretKey: DEMO_ACCOUNT_A.secretKey,
      host: new URL(proxy.url).host,
    });
    for (let i = 0; i < 5; i++) expect((await client.request({ imageType: 2, limit: 1 })).code).toBe(0);
    expect(await closed).toBeLessThan(5_000);
  });

  it('connecting and sending nothing at all is cut off too, so idle sockets cannot pile up', async () => {
    const { port } = new URL(proxy.url);
    const silent = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => silent.once('connect', resolve));
    silent.on('error', () => {});
    const closed = new Promise<number>((resolve) => {
      const started = Date.now();
      silent.once('close', () => resolve(Date.now() - started));
    });
    silent.resume();
    expect(await closed).toBeLessThan(5_000);
  });
});

describe('requests Node cannot parse', () => {
  it('get a legacy JSON answer too, not a bare status line', async () => {
    const emulator = await startEmulatorServer({ port: 0 });
    const proxy = await startProxyServer(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        CVM_ENDPOINT: emulator.url,
        PROXY_CREDENTIALS: '[{"secretId":"a","secretKey":"b"}]',
      }),
      captureLog().logger,
    );
    try {
      const socket = connect(Number(new URL(proxy.url).port), '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      const ended = new Promise((resolve) => socket.once('close', resolve));
      socket.write('GARBAGE\r\n\r\n');
      await ended;
      expect(text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(text).toMatch(/content-type: application\/json/i);
      expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toEqual({
        code: 4000,
        message: 'the request is not valid HTTP',
        codeDesc: 'InvalidParameter',
      });
    } finally {
      await proxy.close();
      await emulator.close();
    }
  });
});

/**
 * SIGTERM with a request in flight: the Node server stops accepting, finishes the request,
 * then exits 0; past SHUTDOWN_GRACE_MS it stops waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A } from '../../dev/emulator/accounts.js';
import { startEmulatorServer, type EmulatorServer } from '../../dev/emulator/server.js';
import { finished, spawnEntry, waitForLine } from '../../dev/support/run-script.js';
import { signedLegacyUrl } from '../helpers/signed-url.js';

let emulator: EmulatorServer;
/** Starting the proxy under tsx takes seconds on a busy 2-core machine: more than the default 20 s allows. */
const PROCESS_TEST_MS = 60_000;
beforeAll(async () => {
  emulator = await startEmulatorServer({ port: 0, rateLimitPerSecond: 0 });
});
afterAll(() => emulator.close());

async function startProxy(env: Record<string, string> = {}) {
  const child = spawnEntry('src/node/main.ts', [], {
    PORT: '0',
    HOST: '127.0.0.1',
    CVM_ENDPOINT: emulator.url,
    PROXY_CREDENTIALS: JSON.stringify([{ secretId: DEMO_ACCOUNT_A.secretId, secretKey: DEMO_ACCOUNT_A.secretKey }]),
    ...env,
  });
  const done = finished(child);
  const { url } = JSON.parse(await waitForLine(child, /proxy listening/)) as { url: string };
  return { child, done, url };
}

/** Until the emulator has met the request (its fault counter moved): then it is truly in flight. */
async function untilUpstreamReached(kind: 'slow' | 'hang', before: number): Promise<void> {
  for (const until = Date.now() + 10_000; emulator.faults.injected[kind] === before;) {
    if (Date.now() > until) throw new Error(`the request did not reach the emulator within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function legacyGet(url: string): Promise<{ code: number }> {
  return (await fetch(await signedLegacyUrl(url))).json() as Promise<{ code: number }>;
}

describe('SIGTERM', () => {
  it(
    'finishes the request in flight, refuses new connections, exits 0',
    async () => {
      const { child, done, url } = await startProxy();
      emulator.faults.set({ kind: 'slow', delayMs: 1_000 });
      try {
        const reached = emulator.faults.injected.slow;
        const inFlight = legacyGet(url);
        await untilUpstreamReached('slow', reached);
        // It closes its listener right after it logs this line, in the same turn: no time to guess.
        const draining = waitForLine(child, /shutting down/);
        child.kill('SIGTERM');
        await draining;
        await expect(fetch(`${url}/healthz`)).rejects.toThrow();
        expect(await inFlight).toMatchObject({ code: 0 });
        const run = await done;
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/"cut":0/);
      } finally {
        emulator.faults.set(undefined);
      }
    },
    PROCESS_TEST_MS,
  );

  it('while draining, the answer in flight closes its keep-alive connection', async () => {
    const { startProxyServer } = await import('../../src/node/server.js');
    const { loadConfig } = await import('../../src/config/load-config.js');
    const { captureLog } = await import('../helpers/log-capture.js');
    const { request, Agent } = await import('node:http');
    const server = await startProxyServer(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        CVM_ENDPOINT: emulator.url,
        PROXY_CREDENTIALS: JSON.stringify([{ secretId: DEMO_ACCOUNT_A.secretId, secretKey: DEMO_ACCOUNT_A.secretKey }]),
      }),
      captureLog().logger,
    );
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = (path: string) =>
      new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
        request(`${server.url}${path}`, { agent }, (response) => {
          let body = '';
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode!, connection: response.headers.connection, body }),
          );
        })
          .on('error', reject)
          .end();
      });
    emulator.faults.set({ kind: 'slow', delayMs: 600 });
    try {
      expect((await get('/healthz')).connection).toBe('keep-alive');
      const signed = new URL(await signedLegacyUrl(server.url));
      const reached = emulator.faults.injected.slow;
      const inFlight = get(`${signed.pathname}${signed.search}`);
      await untilUpstreamReached('slow', reached);
      const stopped = server.shutdown(5_000);
      const answer = await inFlight;
      expect(answer.connection).toBe('close');
      expect(JSON.parse(answer.body)).toMatchObject({ code: 0 });
      expect(await stopped).toBe(0);
    } finally {
      emulator.faults.set(undefined);
      agent.destroy();
    }
  });

  it(
    'stops waiting after SHUTDOWN_GRACE_MS, and still exits 0',
    async () => {
      const { child, done, url } = await startProxy({ SHUTDOWN_GRACE_MS: '300', UPSTREAM_TIMEOUT_MS: '20000' });
      emulator.faults.set({ kind: 'hang' });
      try {
        const reached = emulator.faults.injected.hang;
        const inFlight = legacyGet(url).catch(() => 'cut');
        await untilUpstreamReached('hang', reached);
        const started = Date.now();
        child.kill('SIGTERM');
        const run = await done;
        expect(run.code).toBe(0);
        // Far below the 20 s the request would take, with room for a busy machine to stop a process.
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(run.stdout).toMatch(/"cut":1/);
        expect(await inFlight).toBe('cut');
      } finally {
        emulator.faults.set(undefined);
      }
    },
    PROCESS_TEST_MS,
  );
});

/**
 * What only the Worker has: configuration from bindings, replay protection shared by every
 * isolate through the ReplayGuard Durable Object (and the per-isolate fallback without it),
 * and the upstream deadline through an abort signal.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A } from '../../dev/emulator/accounts.js';
import { startEmulatorServer, type EmulatorServer } from '../../dev/emulator/server.js';
import { signLegacyRequest } from '../../dev/legacy-client/sign-request.js';
import { logRecords, startWorker } from '../helpers/worker-runtime.js';

const HOST = 'image.api.qcloud.com';
const CREDENTIALS = JSON.stringify([{ secretId: DEMO_ACCOUNT_A.secretId, secretKey: DEMO_ACCOUNT_A.secretKey }]);

let emulator: EmulatorServer;
beforeAll(async () => {
  emulator = await startEmulatorServer({ port: 0, rateLimitPerSecond: 0 });
});
afterAll(() => emulator.close());

async function signedUrl(params: Record<string, string | number> = { imageType: 2, limit: 1 }): Promise<string> {
  const signed = await signLegacyRequest({
    method: 'GET',
    host: HOST,
    path: '/v2/index.php',
    secretId: DEMO_ACCOUNT_A.secretId,
    secretKey: DEMO_ACCOUNT_A.secretKey,
    params: { Action: 'DescribeImages', Region: 'gz', ...params },
  });
  return `http://${HOST}/v2/index.php?${new URLSearchParams(signed)}`;
}

const codeOf = async (response: Response | { json(): Promise<unknown> }) =>
  ((await response.json()) as { code: number }).code;

/** Polls (bounded) until `probe` holds: log lines arrive over workerd's stdout, after the answer. */
async function eventually(what: string, probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > until) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('bindings', () => {
  it('a missing secret: every request answers a legacy 6000 naming it, /healthz is 503, and it is logged', async () => {
    const worker = await startWorker({ bindings: { CVM_ENDPOINT: emulator.url } });
    try {
      for (const [url, status] of [
        [await signedUrl(), 200],
        [`http://${HOST}/healthz`, 503],
      ] as const) {
        const response = await worker.fetch(url);
        expect(response.status).toBe(status);
        expect(await response.json()).toEqual({
          code: 6000,
          message: 'the proxy is misconfigured: check the binding PROXY_CREDENTIALS',
          codeDesc: 'InternalError',
        });
      }
      await eventually('the log line', () =>
        logRecords(worker.logs).some((r) => r.msg === 'invalid bindings: every request answers 6000'),
      );
    } finally {
      await worker.dispose();
    }
  });

  it('bad bindings are named in the answer, their values never; the log has the details', async () => {
    const duplicate = JSON.stringify([
      { secretId: 'AKIDrealcaller1', secretKey: 'k1' },
      { secretId: 'AKIDrealcaller1', secretKey: 'k2' },
    ]);
    const worker = await startWorker({
      bindings: {
        CVM_ENDPOINT: 'https://h/?key=SECRETQUERY',
        TIMESTAMP_WINDOW_SECONDS: 'soon',
        PROXY_CREDENTIALS: duplicate,
      },
    });
    try {
      const answer = (await (await worker.fetch(await signedUrl())).json()) as { code: number; message: string };
      expect(answer).toMatchObject({
        code: 6000,
        message:
          'the proxy is misconfigured: check the bindings CVM_ENDPOINT, PROXY_CREDENTIALS, TIMESTAMP_WINDOW_SECONDS',
      });
      expect(JSON.stringify(answer)).not.toMatch(/SECRETQUERY|AKIDrealcaller1|soon/);
      await eventually('the log line', () =>
        /TIMESTAMP_WINDOW_SECONDS must be an integer/.test(worker.logs.join('\n')),
      );
      expect(worker.logs.join('\n')).not.toMatch(/"k1"|"k2"/);
    } finally {
      await worker.dispose();
    }
  });
});

describe('replay protection across isolates', () => {
  it('with the REPLAY Durable Object, a request replayed to another isolate is refused (4500)', async () => {
    const worker = await startWorker({
      bindings: { CVM_ENDPOINT: emulator.url, PROXY_CREDENTIALS: CREDENTIALS },
      copies: 2,
    });
    try {
      const url = await signedUrl();
      expect(await codeOf(await worker.fetchVia('proxy-0', url))).toBe(0);
      expect(await codeOf(await worker.fetchVia('proxy-1', url))).toBe(4500);
      expect(await codeOf(await worker.fetchVia('proxy-0', url))).toBe(4500);
    } finally {
      await worker.dispose();
    }
  });

  it('without the binding, each isolate remembers only its own requests, and says so once', async () => {
    const worker = await startWorker({
      bindings: { CVM_ENDPOINT: emulator.url, PROXY_CREDENTIALS: CREDENTIALS },
      copies: 2,
      replay: false,
    });
    try {
      const url = await signedUrl();
      expect(await codeOf(await worker.fetchVia('proxy-0', url))).toBe(0);
      expect(await codeOf(await worker.fetchVia('proxy-0', url))).toBe(4500);
      expect(await codeOf(await worker.fetchVia('proxy-1', url))).toBe(0);
      // Each isolate warns before it logs its request: once all three request lines are in, so are the warnings.
      await eventually(
        'three request log lines',
        () => logRecords(worker.logs).filter((r) => r.msg === 'legacy request').length >= 3,
      );
      const warnings = logRecords(worker.logs).filter((r) =>
        String(r.msg).startsWith('no REPLAY Durable Object binding'),
      );
      expect(warnings).toHaveLength(2); // one per isolate, not one per request
    } finally {
      await worker.dispose();
    }
  });
});

describe('the upstream deadline', () => {
  it('answers 6200 when 3.0 never answers, within the timeout', async () => {
    const silent: Server = createServer(() => {}).listen(0, '127.0.0.1');
    await new Promise((resolve) => silent.once('listening', resolve));
    const endpoint = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    const worker = await startWorker({
      bindings: { CVM_ENDPOINT: endpoint, UPSTREAM_TIMEOUT_MS: '300', PROXY_CREDENTIALS: CREDENTIALS },
    });
    try {
      const started = Date.now();
      const answer = await (await worker.fetch(await signedUrl())).json();
      expect(answer).toMatchObject({ code: 6200, message: 'API 3.0 is unavailable: no answer before the deadline' });
      // Not hung: a 300 ms deadline, with room for workerd on a busy 2-core machine.
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await worker.dispose();
      silent.close();
    }
  });
});

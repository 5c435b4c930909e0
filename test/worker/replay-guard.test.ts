/**
 * The ReplayGuard Durable Object as deployed (SQLite-backed), behind the real Worker build:
 * atomic under concurrency, durable across a restart, and failing closed within the deadline.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A } from '../../dev/emulator/accounts.js';
import { startEmulatorServer, type EmulatorServer } from '../../dev/emulator/server.js';
import { signLegacyRequest } from '../../dev/legacy-client/sign-request.js';
import { startWorker } from '../helpers/worker-runtime.js';

const HOST = 'image.api.qcloud.com';
const CREDENTIALS = JSON.stringify([{ secretId: DEMO_ACCOUNT_A.secretId, secretKey: DEMO_ACCOUNT_A.secretKey }]);

let emulator: EmulatorServer;
beforeAll(async () => {
  emulator = await startEmulatorServer({ port: 0, rateLimitPerSecond: 0 });
});
afterAll(() => emulator.close());

async function signedUrl(): Promise<string> {
  const signed = await signLegacyRequest({
    method: 'GET',
    host: HOST,
    path: '/v2/index.php',
    secretId: DEMO_ACCOUNT_A.secretId,
    secretKey: DEMO_ACCOUNT_A.secretKey,
    params: { Action: 'DescribeImages', Region: 'gz', imageType: 2, limit: 1 },
  });
  return `http://${HOST}/v2/index.php?${new URLSearchParams(signed)}`;
}
const codeOf = async (response: Response) => ((await response.json()) as { code: number }).code;

describe('ReplayGuard', () => {
  it('lets exactly one of 20 concurrent copies of a signed request in', async () => {
    const worker = await startWorker({ bindings: { CVM_ENDPOINT: emulator.url, PROXY_CREDENTIALS: CREDENTIALS } });
    try {
      const url = await signedUrl();
      const codes = await Promise.all(Array.from({ length: 20 }, async () => codeOf(await worker.fetch(url))));
      expect(codes.filter((code) => code === 0)).toHaveLength(1);
      expect(codes.filter((code) => code === 4500)).toHaveLength(19);
    } finally {
      await worker.dispose();
    }
  });

  it('remembers across a restart of the runtime (the entries are in storage, not memory)', async () => {
    const persistTo = await mkdtemp(join(tmpdir(), 'replay-guard-'));
    try {
      const url = await signedUrl();
      const first = await startWorker({
        bindings: { CVM_ENDPOINT: emulator.url, PROXY_CREDENTIALS: CREDENTIALS },
        persistTo,
      });
      expect(await codeOf(await first.fetch(url))).toBe(0);
      await first.dispose();
      const second = await startWorker({
        bindings: { CVM_ENDPOINT: emulator.url, PROXY_CREDENTIALS: CREDENTIALS },
        persistTo,
      });
      try {
        expect(await codeOf(await second.fetch(url))).toBe(4500);
        expect(await codeOf(await second.fetch(await signedUrl()))).toBe(0);
      } finally {
        await second.dispose();
      }
    } finally {
      await rm(persistTo, { recursive: true, force: true });
    }
  });

  it.each([
    ['fails', 'export class ReplayGuard { async fetch() { throw new Error("storage down"); } }'],
    [
      'never answers',
      'export class ReplayGuard { async fetch() { await new Promise((r) => setTimeout(r, 30000)); return new Response("{}"); } }',
    ],
  ])(
    'when the object %s, the request is refused with 6200 within the deadline, and 3.0 is never called',
    async (_name, guard) => {
      const replayScript = `${guard}\nexport default { fetch() { return new Response(""); } };`;
      const worker = await startWorker({
        bindings: { CVM_ENDPOINT: emulator.url, PROXY_CREDENTIALS: CREDENTIALS, UPSTREAM_TIMEOUT_MS: '500' },
        replayScript,
      });
      try {
        emulator.emulator.clearRequests();
        const started = Date.now();
        const answer = await (await worker.fetch(await signedUrl())).json();
        expect(answer).toMatchObject({ code: 6200, message: 'replay protection is unavailable; retry shortly' });
        expect(Date.now() - started).toBeLessThan(10_000); // far from the object's 30 s, with room for a busy machine
        expect(emulator.emulator.requests).toHaveLength(0);
      } finally {
        await worker.dispose();
      }
    },
  );
});

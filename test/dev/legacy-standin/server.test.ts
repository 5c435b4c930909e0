/**
 * The stand-in on a real socket: a legacy client that addresses it signs its `host` (with the
 * port), and `main.ts` runs as a person would run it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_B } from '../../../dev/emulator/accounts.js';
import { signLegacyRequest } from '../../../dev/legacy-client/sign-request.js';
import { startLegacyStandin, type LegacyStandinServer } from '../../../dev/legacy-standin/server.js';
import { finished, spawnEntry, waitForLine } from '../../../dev/support/run-script.js';

let server: LegacyStandinServer;
beforeAll(async () => {
  server = await startLegacyStandin({ port: 0 });
});
afterAll(() => server.close());

async function signed(method: 'GET' | 'POST', host: string) {
  return signLegacyRequest({
    method,
    host,
    path: '/v2/index.php',
    secretId: DEMO_ACCOUNT_B.secretId,
    secretKey: DEMO_ACCOUNT_B.secretKey,
    params: { Action: 'DescribeImages', Region: 'gz', imageType: 1, limit: 2 },
  });
}

describe('startLegacyStandin({ port: 0 })', () => {
  it('listens on 127.0.0.1 on an ephemeral port', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.host).toBe(`127.0.0.1:${server.port}`);
    expect(server.url).toBe(`http://${server.host}`);
    expect(server.endpoint).toBe(`${server.url}/v2/index.php`);
  });

  it('verifies requests signed for its host and port, GET and POST', async () => {
    server.clearReceived();
    const get = await fetch(`${server.endpoint}?${new URLSearchParams(await signed('GET', server.host))}`);
    expect(await get.json()).toMatchObject({ code: 0, imageSet: { length: 2 } });
    const body = new URLSearchParams(await signed('POST', server.host));
    const post = await fetch(server.endpoint, { method: 'POST', body });
    expect(await post.json()).toMatchObject({ code: 0, imageSet: { length: 2 } });
    expect(server.received.map((r) => [r.method, r.host, r.signatureVerified])).toEqual([
      ['GET', server.host, true],
      ['POST', server.host, true],
    ]);
  });

  it('refuses one signed for the host without its port (4100)', async () => {
    const response = await fetch(`${server.endpoint}?${new URLSearchParams(await signed('GET', '127.0.0.1'))}`);
    expect(await response.json()).toMatchObject({ code: 4100 });
    expect(server.received.at(-1)).toMatchObject({ host: server.host, signatureVerified: false });
  });
});

describe('npx tsx dev/legacy-standin/main.ts', () => {
  /** Starting tsx takes seconds on a busy 2-core machine: more than the default 20 s test timeout allows. */
  const PROCESS_TEST_MS = 60_000;

  it(
    'prints one line with its URL, serves the demo accounts, and exits 0 on SIGTERM',
    async () => {
      const child = spawnEntry('dev/legacy-standin/main.ts', [], { PORT: '0' });
      const done = finished(child);
      const guard = setTimeout(() => child.kill('SIGKILL'), PROCESS_TEST_MS - 5_000);
      try {
        const line = await waitForLine(child, /listening on http:\/\/127\.0\.0\.1:\d+\/v2\/index\.php/);
        const endpoint = /(http:\/\/\S+)/.exec(line)![1]!;
        const response = await fetch(`${endpoint}?${new URLSearchParams(await signed('GET', new URL(endpoint).host))}`);
        expect(await response.json()).toMatchObject({ code: 0 });
        child.kill('SIGTERM');
        const result = await done;
        expect(result.code).toBe(0);
        expect(result.stdout.trim().split('\n')).toHaveLength(1);
        expect(result.stdout).toContain(DEMO_ACCOUNT_B.secretId);
        expect(result.stdout).not.toContain(DEMO_ACCOUNT_B.secretKey);
      } finally {
        clearTimeout(guard);
      }
    },
    PROCESS_TEST_MS,
  );

  it(
    'refuses a bad PORT, naming it',
    async () => {
      const result = await finished(spawnEntry('dev/legacy-standin/main.ts', [], { PORT: 'abc' }));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('PORT');
    },
    PROCESS_TEST_MS,
  );
});

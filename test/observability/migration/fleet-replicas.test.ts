/**
 * One /migration for the whole fleet: proxy processes sharing a real Redis (REDIS_URL) each add
 * their traffic; the page on any of them shows all of it, and every replica that reported. They
 * stop (SIGTERM: a last report) and a new one starts: the history is still there. Every key the
 * history writes expires.
 */
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B, DEMO_ACCOUNTS } from '../../../dev/emulator/accounts.js';
import { startEmulatorServer, type EmulatorServer } from '../../../dev/emulator/server.js';
import { spawnEntry, waitForLine } from '../../../dev/support/run-script.js';
import { FLEET_KEY_PREFIX } from '../../../src/observability/migration/fleet-keys.js';
import { redisServerInstalled, startRedisServer, type TestRedisServer } from '../../helpers/redis-server.js';
import { signedLegacyUrl } from '../../helpers/signed-url.js';

const canRun = redisServerInstalled() || !!process.env.CI;

interface Replica {
  child: ChildProcess;
  url: string;
  adminUrl: string;
}

let redis: TestRedisServer;
let emulator: EmulatorServer;
const replicas: Replica[] = [];

async function startReplica(): Promise<Replica> {
  const child = spawnEntry('src/node/main.ts', [], {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    CVM_ENDPOINT: emulator.url,
    REDIS_URL: redis.url,
    MIGRATION_REPORT_INTERVAL_MS: '200',
    PROXY_CREDENTIALS: JSON.stringify(DEMO_ACCOUNTS.map(({ secretId, secretKey }) => ({ secretId, secretKey }))),
  });
  const line = await waitForLine(child, /proxy listening/);
  const started = JSON.parse(line) as { url: string; adminUrl: string };
  const replica = { child, url: started.url, adminUrl: started.adminUrl };
  replicas.push(replica);
  return replica;
}

async function send(
  replica: Replica,
  account: typeof DEMO_ACCOUNT_A,
  params: Record<string, string | number>,
): Promise<{ code: number }> {
  const url = await signedLegacyUrl(replica.url, {
    account,
    params: { Action: 'DescribeImages', Region: 'gz', ...params },
  });
  const response = await fetch(url);
  return response.json() as Promise<{ code: number }>;
}

/** The page (on the admin listener, rendered at most every 5 s), read again (bounded, 20 s) until `ready` says it shows what is expected. */
async function pageWhen(replica: Replica, ready: (html: string) => boolean): Promise<string> {
  let html = '';
  for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
    html = await (await fetch(`${replica.adminUrl}/migration`)).text();
    if (ready(html)) return html;
    await new Promise((r) => setTimeout(r, 200));
  }
  return html;
}

const total = (html: string) => Number(/id="total-requests" data-value="(\d+)"/.exec(html)?.[1] ?? -1);
const replicasShown = (html: string) => Number(/data-replicas="(\d+)"/.exec(html)?.[1] ?? -1);

async function stop(replica: Replica): Promise<number | null> {
  const exited = new Promise<number | null>((done) => replica.child.once('exit', (code) => done(code)));
  replica.child.kill('SIGTERM');
  return exited;
}

beforeAll(async () => {
  if (!canRun) return;
  redis = await startRedisServer();
  emulator = await startEmulatorServer({ port: 0, rateLimitPerSecond: 0 });
}, 60_000);

afterAll(async () => {
  for (const replica of replicas) replica.child.kill('SIGKILL');
  await emulator?.close();
  await redis?.dispose();
});

describe.skipIf(!canRun)("the fleet's /migration across proxy processes", () => {
  it("any replica shows every replica's traffic; a new replica after a restart still does", async () => {
    const [one, two] = await Promise.all([startReplica(), startReplica()]);
    expect(await send(one, DEMO_ACCOUNT_A, { imageType: 2, limit: 3 })).toMatchObject({ code: 0 });
    expect(await send(one, DEMO_ACCOUNT_A, { imageType: 2, limit: 3 })).toMatchObject({ code: 0 });
    expect(await send(two, DEMO_ACCOUNT_B, { imageType: 1, status: 2 })).toMatchObject({ code: 0 });
    expect(await send(two, DEMO_ACCOUNT_B, { imageType: 3 })).toMatchObject({ code: 6100 });

    const seenByOne = await pageWhen(one, (html) => total(html) === 4 && replicasShown(html) === 2);
    expect(total(seenByOne)).toBe(4);
    expect(seenByOne).toContain('data-scope="fleet"');
    expect(replicasShown(seenByOne)).toBe(2);
    expect(seenByOne).toMatch(
      new RegExp(`class="shape"[^>]*data-caller="${DEMO_ACCOUNT_B.secretId}"[^>]*data-plan="refused"`),
    );
    expect(seenByOne).toMatch(
      new RegExp(
        `class="shape"[^>]*data-caller="${DEMO_ACCOUNT_A.secretId}"[^>]*data-plan="translated"[^>]*data-requests="2"`,
      ),
    );
    expect(total(await pageWhen(two, (html) => total(html) === 4))).toBe(4);

    // A deploy: both stop (their last reports go out), a new one starts and sends nothing yet.
    expect(await Promise.all([stop(one), stop(two)])).toEqual([0, 0]);
    const three = await startReplica();
    const after = await pageWhen(three, (html) => replicasShown(html) === 3);
    expect(total(after)).toBe(4);
    expect(replicasShown(after)).toBe(3);
    expect(after).toContain('(this one)');

    const admin = new Redis(redis.url);
    try {
      const keys = await admin.keys(`${FLEET_KEY_PREFIX}*`);
      expect(keys.length).toBeGreaterThanOrEqual(5);
      for (const key of keys) expect(await admin.pttl(key), key).toBeGreaterThan(0);
      const stored = (await Promise.all(keys.filter((k) => !k.endsWith('replicas')).map((k) => admin.hgetall(k))))
        .map((h) => JSON.stringify(h))
        .join('\n');
      for (const { secretKey } of DEMO_ACCOUNTS) expect(stored).not.toContain(secretKey);
      expect(stored).not.toMatch(/Signature|Nonce|Timestamp/);
    } finally {
      admin.disconnect();
    }
  }, 60_000);
});

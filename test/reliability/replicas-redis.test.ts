/**
 * Replay protection across replicas: three proxy processes behind one host name share a real Redis
 * (REDIS_URL). A request accepted by one is a replay (4500) on the others. Redis stopped mid-run:
 * REPLAY_STORE_ON_FAILURE=open falls back to each replica's own memory (a replica still refuses
 * the replays it has seen), with a warning, a metric and /readyz saying `degraded`; `closed`
 * refuses requests with 6200 and is not ready. Redis back: protection resumes by itself.
 */
import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNTS } from '../../dev/emulator/accounts.js';
import { startEmulatorServer, type EmulatorServer } from '../../dev/emulator/server.js';
import { signLegacyRequest } from '../../dev/legacy-client/sign-request.js';
import { redisServerInstalled, startRedisServer, type TestRedisServer } from '../helpers/redis-server.js';
import { spawnEntry, waitForLine } from '../../dev/support/run-script.js';

/** The one name the clients address (a load balancer's), whatever replica answers. */
const HOST = 'legacy-proxy.internal';
const canRun = redisServerInstalled() || !!process.env.CI;

interface Replica {
  child: ChildProcess;
  port: number;
  adminUrl: string;
  output: () => string;
}

let redis: TestRedisServer;
let emulator: EmulatorServer;
let open1: Replica, open2: Replica, closed: Replica;

async function startReplica(onFailure: 'open' | 'closed'): Promise<Replica> {
  const child = spawnEntry('src/node/main.ts', [], {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    CVM_ENDPOINT: emulator.url,
    UPSTREAM_TIMEOUT_MS: '2000',
    PROXY_CREDENTIALS: JSON.stringify(DEMO_ACCOUNTS.map(({ secretId, secretKey }) => ({ secretId, secretKey }))),
    REDIS_URL: redis.url,
    REPLAY_STORE_ON_FAILURE: onFailure,
    REDIS_COMMAND_TIMEOUT_MS: '300',
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  const line = JSON.parse(await waitForLine(child, /proxy listening/));
  expect(line.replayStore).toBe('redis');
  return { child, port: Number(new URL(line.url).port), adminUrl: line.adminUrl, output: () => output };
}

/** GET on the replica's admin listener: /readyz, /metrics. */
async function admin(replica: Replica, path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${replica.adminUrl}${path}`);
  return { status: response.status, text: await response.text() };
}

async function signed(): Promise<Record<string, string>> {
  return signLegacyRequest({
    method: 'GET',
    host: HOST,
    path: '/v2/index.php',
    ...DEMO_ACCOUNT_A,
    params: { Action: 'DescribeImages', Region: 'gz', imageType: 2, limit: 1 },
  });
}

/** Sends to one replica with the load balancer's Host, as every replica receives it. */
function send(
  replica: Replica,
  params: Record<string, string>,
  path = `/v2/index.php?${new URLSearchParams(params)}`,
): Promise<any> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: replica.port, path, headers: { host: HOST } }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk)).on('end', () => resolve(JSON.parse(body)));
    });
    req.on('error', reject).end();
  });
}

/** Polls until `probe` holds, for at most 10 s: a replica's log arrives over a pipe, after its answer. */
async function eventually(probe: () => boolean | Promise<boolean>): Promise<void> {
  for (const until = Date.now() + 10_000; !(await probe()) && Date.now() < until;)
    await new Promise((r) => setTimeout(r, 50));
}

beforeAll(async () => {
  if (!canRun) return;
  redis = await startRedisServer();
  emulator = await startEmulatorServer({ port: 0, rateLimitPerSecond: 0 });
  [open1, open2, closed] = await Promise.all([startReplica('open'), startReplica('open'), startReplica('closed')]);
}, 60_000);

afterAll(async () => {
  for (const replica of [open1, open2, closed]) replica?.child.kill('SIGKILL');
  await emulator?.close();
  await redis?.dispose();
});

describe.skipIf(!canRun)('replay protection shared through Redis', () => {
  /** Accepted by open1 while Redis was up. */
  let acceptedBeforeOutage: Record<string, string>;
  /** Accepted by open1 while Redis was down. */
  let acceptedDuringOutage: Record<string, string>;

  it('a request accepted by one replica is a replay on every other', async () => {
    const params = await signed();
    acceptedBeforeOutage = params;
    for (const replica of [open1, open2, closed])
      expect(JSON.parse((await admin(replica, '/readyz')).text)).toEqual({ status: 'ok', replayStore: 'redis' });
    expect(await send(open1, params)).toMatchObject({ code: 0 });
    expect(await send(open2, params)).toMatchObject({ code: 4500 });
    expect(await send(closed, params)).toMatchObject({ code: 4500 });
    expect(await send(open1, params)).toMatchObject({ code: 4500 });
  });

  it("Redis down: `open` falls back to the replica's own memory, warns, counts and says degraded; `closed` answers 6200 and is not ready", async () => {
    await redis.stop();
    const params = await signed();
    acceptedDuringOutage = params;
    expect(await send(open1, params)).toMatchObject({ code: 0 });
    // The replica that served it refuses it again, as it would with no Redis at all...
    expect(await send(open1, params)).toMatchObject({ code: 4500 });
    // ...and so it does a request it served while Redis was up.
    expect(await send(open1, acceptedBeforeOutage)).toMatchObject({ code: 4500 });
    // The trade `open` makes: inside the window, a copy sent to another replica gets in.
    expect(await send(open2, params)).toMatchObject({ code: 0 });
    expect(await send(open2, params)).toMatchObject({ code: 4500 });
    expect(await send(closed, await signed())).toMatchObject({ code: 6200, codeDesc: 'ServiceUnavailable' });
    await eventually(
      () =>
        /unavailable: requests checked/.test(open1.output()) && /unavailable: requests refused/.test(closed.output()),
    );
    expect(open1.output()).toMatch(
      /replay store \(Redis\) unavailable: requests checked against this replica's memory only/,
    );
    expect(closed.output()).toMatch(/replay store \(Redis\) unavailable: requests refused with 6200/);
    const degraded = await admin(open1, '/readyz');
    expect(degraded.status).toBe(200);
    expect(JSON.parse(degraded.text)).toEqual({ status: 'degraded', replayStore: 'memory (Redis unavailable)' });
    const refusing = await admin(closed, '/readyz');
    expect(refusing.status).toBe(503);
    expect(JSON.parse(refusing.text)).toEqual({ status: 'degraded', replayStore: 'none (Redis unavailable)' });
    expect((await admin(open1, '/metrics')).text).toMatch(/replay_store_failures_total [1-9]/);
    for (const replica of [open1, open2, closed])
      expect(replica.output()).not.toMatch(/redis:\/\/|secretKey|Signature=/i);
  });

  it('Redis back: protection resumes on every replica by itself', async () => {
    await redis.start();
    let params = await signed();
    let first: any;
    // Each replica reconnects on its own backoff (up to 1 s): wait (bounded by time) until both `open` ones are back.
    await eventually(async () => {
      first = await send(open1, params);
      if (first.code === 0 && (await send(open2, params)).code === 4500) return true;
      params = await signed();
      return false;
    });
    expect(first).toMatchObject({ code: 0 });
    // …and the `closed` one too.
    await eventually(async () => (await send(closed, await signed())).code !== 6200);
    expect(await send(closed, params)).toMatchObject({ code: 4500 });
    const fresh = await signed();
    expect(await send(closed, fresh)).toMatchObject({ code: 0 });
    expect(await send(open2, fresh)).toMatchObject({ code: 4500 });
    // What open1 let in while Redis was away is still a replay there (Redis never saw it).
    expect(await send(open1, acceptedDuringOutage)).toMatchObject({ code: 4500 });
    for (const replica of [open1, open2, closed])
      expect(JSON.parse((await admin(replica, '/readyz')).text)).toEqual({ status: 'ok', replayStore: 'redis' });
  });
});

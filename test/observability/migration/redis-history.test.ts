/**
 * The fleet's migration history on a real redis-server: replicas add up to one view, which
 * outlives a replica's restart; every key expires within the history's span; hashes stay bounded;
 * Redis down is said plainly on the page and loses nothing it comes back from; page loads share
 * one read. Clocks are injected (read once, from the real clock, so that Redis's EXPIREAT agrees).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectParams } from '../../../src/core/legacy/params.js';
import { callShapeOf } from '../../../src/core/migration/call-shape.js';
import type { RequestObservation } from '../../../src/observability/metrics/observations.js';
import { processSource } from '../../../src/observability/migration/process-source.js';
import {
  createRedisHistory,
  type RedisHistory,
  type RedisHistoryOptions,
} from '../../../src/observability/migration/redis-history.js';
import { createShapeStats } from '../../../src/observability/migration/shape-stats.js';
import { createTrafficHistory } from '../../../src/observability/migration/traffic-history.js';
import { redisServerInstalled, startRedisServer, type TestRedisServer } from '../../helpers/redis-server.js';

const canRun = redisServerInstalled() || !!process.env.CI;
const DAY = 86_400_000;

let redis: TestRedisServer;
let admin: Redis;
let prefixes = 0;
const started: RedisHistory[] = [];

beforeAll(async () => {
  if (!canRun) return;
  redis = await startRedisServer();
  admin = new Redis(redis.url);
}, 30_000);

afterAll(async () => {
  for (const h of started) await h.close().catch(() => {});
  admin?.disconnect();
  await redis?.dispose();
});

const req = (o: Partial<RequestObservation> = {}): RequestObservation => ({
  action: 'DescribeImages',
  caller: 'AKIDalpha',
  route: 'translated',
  code: 0,
  durationMs: 3,
  ...o,
});
const shape = (params: Record<string, string>) =>
  callShapeOf(collectParams(Object.entries({ Action: 'DescribeImages', Region: 'gz', ...params })));

function replica(
  clock: { now: number },
  prefix: string,
  name: string,
  options: Partial<RedisHistoryOptions> = {},
): RedisHistory {
  const history = createTrafficHistory();
  const h = createRedisHistory({
    url: redis.url,
    commandTimeoutMs: 500,
    retentionDays: 7,
    reportIntervalMs: 60_000,
    keyPrefix: prefix,
    replicaName: name,
    local: processSource(history, createShapeStats(), clock.now),
    now: () => clock.now,
    minReadIntervalMs: 2_000,
    ...options,
  });
  started.push(h);
  return h;
}

const newPrefix = () => `test:${process.pid}:${++prefixes}:`;

describe.skipIf(!canRun)('fleet history in Redis', () => {
  it('replicas add up to one view, with each replica and its last report; shapes merge across replicas', async () => {
    const clock = { now: Date.now() };
    const prefix = newPrefix();
    const [a, b] = [replica(clock, prefix, 'pod-a'), replica(clock, prefix, 'pod-b')];
    await Promise.all([a.ready(5_000), b.ready(5_000)]);
    const listing = shape({ imageType: '1', limit: '5' });
    for (let i = 0; i < 3; i++) a.metrics.request(req({ shape: listing, upstreamCalls: 2 }));
    clock.now += 1_000;
    b.metrics.request(req({ shape: shape({ imageType: '1', limit: '9' }), code: 6200 }));
    b.metrics.request(req({ caller: 'AKIDbeta', action: 'DescribeInstances', route: 'passthrough' }));
    b.metrics.shadow({ outcome: 'agree', differingFields: [] });
    expect(await a.report()).toBe(true);
    expect(await b.report()).toBe(true);

    const view = await a.view(clock.now);
    expect(view.scope).toMatchObject({ kind: 'fleet', retentionDays: 7 });
    if (view.scope.kind !== 'fleet') return;
    expect(view.scope.replicas.map((r) => [r.name, r.self, r.lastReport])).toEqual([
      ['pod-a', true, clock.now],
      ['pod-b', false, clock.now],
    ]);
    expect(view.traffic.requests).toBe(5);
    expect(view.traffic.errors).toBe(1);
    expect(view.traffic.totals.map((t) => [t.caller, t.action, t.requests, t.errors, t.routes])).toEqual([
      ['AKIDalpha', 'DescribeImages', 4, 1, { translated: 4 }],
      ['AKIDbeta', 'DescribeInstances', 1, 0, { passthrough: 1 }],
    ]);
    expect(view.traffic.totals[0]!.lastSeen).toBe(clock.now);
    expect(view.traffic.shadow).toMatchObject({ agree: 1, agreementRate: 1 });
    expect(view.traffic.series.at(-1)).toMatchObject({ requests: 5, errors: 1 });
    expect(view.shapes).toHaveLength(1);
    expect(view.shapes[0]).toMatchObject({
      caller: 'AKIDalpha',
      requests: 4,
      errors: 1,
      lastCode: 6200,
      shape: { key: listing.key, example: { limit: '9' } },
    });
  });

  it('outlives a restart: a replica that stops reports what it had; the next one sees it all', async () => {
    const clock = { now: Date.now() };
    const prefix = newPrefix();
    const first = replica(clock, prefix, 'pod-1');
    await first.ready(5_000);
    first.metrics.request(req({ shape: shape({ imageType: '2' }) }));
    await first.close(); // SIGTERM: the last report goes out before the connection closes
    clock.now += 60_000;
    const second = replica(clock, prefix, 'pod-2');
    await second.ready(5_000);
    second.metrics.request(req());
    const view = await second.view(clock.now);
    expect(view.traffic.requests).toBe(2);
    expect(view.shapes.map((s) => s.requests)).toEqual([1]);
    expect(view.scope.kind === 'fleet' && view.scope.replicas.map((r) => r.name).sort()).toEqual(['pod-1', 'pod-2']);
  });

  it("every key expires within the history's span (to its bucket), and a stale replica is not listed", async () => {
    const clock = { now: Date.now() };
    const prefix = newPrefix();
    const h = replica(clock, prefix, 'pod-ttl', { retentionDays: 2 });
    await h.ready(5_000);
    h.metrics.request(req({ shape: shape({ imageType: '1' }) }));
    h.metrics.shadow({ outcome: 'differ', differingFields: ['totalCount'] });
    await h.report();
    const keys = await admin.keys(`${prefix}*`);
    expect(keys.map((k) => k.slice(prefix.length).split(':')[0]).sort()).toEqual([
      'hour',
      'minute',
      'replicas',
      'series',
      'shapes',
    ]);
    for (const key of keys) {
      const ttl = await admin.pttl(key);
      expect(ttl, key).toBeGreaterThan(2 * DAY - 60_000);
      expect(ttl, key).toBeLessThanOrEqual(3 * DAY);
    }
    await admin.hset(
      `${prefix}replicas`,
      'gone@1',
      JSON.stringify({ name: 'gone', startedAt: 1, lastReport: clock.now - 3 * DAY }),
    );
    const view = await h.view(clock.now + 5_000);
    expect(view.scope.kind === 'fleet' && view.scope.replicas.map((r) => r.name)).toEqual(['pod-ttl']);
  });

  it("stays bounded however many callers: a minute's and an hour's hash, a day's shapes", async () => {
    const clock = { now: Date.now() };
    const prefix = newPrefix();
    const caps = { maxKeys: 40, maxMinuteFields: 50, maxHourFields: 60, maxDayShapes: 30, maxShapes: 40 };
    const [a, b] = [replica(clock, prefix, 'a', caps), replica(clock, prefix, 'b', caps)];
    await Promise.all([a.ready(5_000), b.ready(5_000)]);
    for (let i = 0; i < 500; i++) {
      const o = req({ caller: `AKID${i}`, shape: shape({ imageType: '1', [`p${i}`]: '1' }) });
      (i % 2 === 0 ? a : b).metrics.request(o);
    }
    await Promise.all([a.report(), b.report()]);
    const minute = (await admin.keys(`${prefix}minute:*`))[0]!;
    const hour = (await admin.keys(`${prefix}hour:*`))[0]!;
    const day = (await admin.keys(`${prefix}shapes:*`))[0]!;
    expect(await admin.hlen(minute)).toBeLessThanOrEqual(50 + 1);
    expect(await admin.hlen(hour)).toBeLessThanOrEqual(60 + 1);
    expect(Number(await admin.hget(day, '#'))).toBe(30);
    const view = await a.view(clock.now);
    expect(view.traffic.requests).toBe(500);
    expect(view.shapes.length).toBeLessThanOrEqual(30);
    expect(view.shapes.reduce((n, s) => n + s.requests, 0) + Number(await admin.hget(day, 'n:other'))).toBe(500);
  });

  it('Redis down: the page says it shows this process only; the report waits and lands when Redis is back', async () => {
    const clock = { now: Date.now() };
    const prefix = newPrefix();
    const failures: string[] = [];
    const h = replica(clock, prefix, 'pod-down', { onFailure: (error) => failures.push(error.message) });
    await h.ready(5_000);
    await redis.stop();
    h.metrics.request(req());
    expect(await h.report()).toBe(false);
    const view = await h.view(clock.now);
    expect(view.scope).toMatchObject({ kind: 'process', problem: expect.stringMatching(/^Redis did not answer/) });
    expect(failures.join('\n')).toMatch(/migration history \(Redis, connection \w+\) not written/);
    expect(failures.join('\n')).not.toMatch(/redis:\/\//);
    await redis.start();
    let landed = false;
    for (const deadline = Date.now() + 10_000; !landed && Date.now() < deadline;) {
      landed = await h.report();
      if (!landed) await new Promise((r) => setTimeout(r, 100));
    }
    expect(landed).toBe(true);
    clock.now += 5_000;
    expect((await h.view(clock.now)).traffic.requests).toBe(1);
  }, 30_000);

  it('page loads share one read: many at once, or within the read interval, cost one', async () => {
    const clock = { now: Date.now() };
    const prefix = newPrefix();
    const h = replica(clock, prefix, 'pod-load');
    await h.ready(5_000);
    h.metrics.request(req());
    const reads = async () => Number(/cmdstat_hgetall:calls=(\d+)/.exec(await admin.info('commandstats'))?.[1] ?? 0);
    const before = await reads();
    await h.view(clock.now);
    const one = (await reads()) - before;
    expect(one).toBeGreaterThan(0);
    clock.now += 2_000;
    const mid = await reads();
    await Promise.all(Array.from({ length: 25 }, () => h.view(clock.now)));
    expect((await reads()) - mid).toBe(one);
    clock.now += 1_000;
    await Promise.all(Array.from({ length: 25 }, () => h.view(clock.now)));
    expect((await reads()) - mid).toBe(one);
  });
});

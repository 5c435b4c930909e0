/**
 * `npx tsx scripts/bench/migration-fleet.ts`: what call shapes, the assistant and the fleet history cost, printed as figures.
 *
 *   - the call shape of one request (on the hot path of every verified request);
 *   - the page for 30 shapes (the most it shows), plans included, from this process's memory;
 *   - with redis-server on PATH: a replica's report, and a fleet read of a full 7-day history
 *     (one report an hour for 7 days, 20 callers), and the Redis memory that history takes.
 */
import { spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { collectParams } from '../../src/core/legacy/params.js';
import { callShapeOf } from '../../src/core/migration/call-shape.js';
import { topShapes, type MigrationView, type ShapeTotals } from '../../src/observability/migration/migration-view.js';
import { renderMigrationView } from '../../src/observability/migration/view-render.js';
import { processSource } from '../../src/observability/migration/process-source.js';
import { createRedisHistory } from '../../src/observability/migration/redis-history.js';
import { createTrafficHistory } from '../../src/observability/migration/traffic-history.js';
import { startRedisServer } from '../../test/helpers/redis-server.js';

const time = async (runs: number, run: () => unknown): Promise<number> => {
  for (let i = 0; i < Math.min(runs, 50); i++) await run();
  const started = performance.now();
  for (let i = 0; i < runs; i++) await run();
  return (performance.now() - started) / runs;
};

const signed = collectParams(
  Object.entries({
    Action: 'DescribeImages',
    Region: 'gz',
    imageType: '1',
    status: '2',
    offset: '100',
    limit: '20',
    SignatureMethod: 'HmacSHA256',
    SecretId: 'AKIDDEMOAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    Signature: 'c2lnbmF0dXJl',
    Nonce: '123456789',
    Timestamp: '1700000000',
    RequestClient: 'SDK_PYTHON_2.0.15',
  }),
);
console.log(`call shape of one request: ${((await time(100_000, () => callShapeOf(signed))) * 1000).toFixed(2)} µs`);

const now = Date.now();
const shapes: ShapeTotals[] = Array.from({ length: 30 }, (_, i) => ({
  caller: `AKIDCALLER${i}`,
  shape: callShapeOf(
    collectParams([
      ['Action', 'DescribeImages'],
      ['Region', 'gz'],
      ['imageType', String((i % 3) + 1)],
      ['limit', '20'],
      [`p${i}`, 'x'],
    ]),
  ),
  requests: 100 - i,
  errors: 0,
  lastSeen: now,
  route: 'translated',
  lastCode: 0,
  upstreamCalls: 2,
}));
const view: MigrationView = {
  scope: { kind: 'process', startedAt: now },
  traffic: createTrafficHistory().snapshot(now),
  ...topShapes(shapes),
};
const html = await renderMigrationView(view, { now });
console.log(
  `page with 30 shapes and their plans: ${(await time(200, () => renderMigrationView(view, { now }))).toFixed(2)} ms, ${(html.length / 1024).toFixed(0)} KiB`,
);

if (spawnSync('redis-server', ['--version']).error) {
  console.log('fleet: skipped (no redis-server on PATH)');
} else {
  const redis = await startRedisServer();
  const clock = { now: now - 7 * 86_400_000 };
  const history = createRedisHistory({
    url: redis.url,
    commandTimeoutMs: 2_000,
    retentionDays: 7,
    reportIntervalMs: 3_600_000,
    local: processSource(createTrafficHistory(), undefined, now),
    now: () => clock.now,
  });
  await history.ready(5_000);
  let reportMs = 0;
  for (let hour = 0; hour < 7 * 24; hour++) {
    clock.now = now - 7 * 86_400_000 + hour * 3_600_000;
    for (let caller = 0; caller < 20; caller++) {
      history.metrics.request({
        action: 'DescribeImages',
        caller: `AKIDCALLER${caller}`,
        route: 'translated',
        code: caller % 7 === 0 ? 4000 : 0,
        durationMs: 5,
        shape: shapes[caller]!.shape,
      });
    }
    const started = performance.now();
    await history.report();
    reportMs += performance.now() - started;
  }
  clock.now = now;
  let reads = 0;
  const readMs = await time(20, () => history.view((clock.now += 3_000) && clock.now).then(() => void reads++));
  const admin = new Redis(redis.url);
  let bytes = 0;
  const keys = await admin.keys('qlp:migration:*');
  for (const key of keys) bytes += Number(await admin.memory('USAGE', key));
  admin.disconnect();
  console.log(`fleet report (20 callers): ${(reportMs / (7 * 24)).toFixed(2)} ms each`);
  console.log(
    `fleet read of 7 days (${keys.length} keys, ${(bytes / 1024).toFixed(0)} KiB in Redis): ${readMs.toFixed(1)} ms`,
  );
  await history.close();
  await redis.dispose();
}

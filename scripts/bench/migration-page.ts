/**
 * `npx tsx scripts/bench/migration-page.ts`: what GET /migration costs with a full day of history
 * for 200 callers (the history's key cap), rendered every time and with the 5 s render cache, and
 * how much of a core 10 page requests a second take either way. Prints figures; asserts nothing.
 *
 * MIGRATION_BENCH_SECONDS (default 10): how long each 10 req/s run lasts.
 */
import { fanOut } from '../../src/observability/metrics/fan-out.js';
import { historyMetrics } from '../../src/observability/migration/history-metrics.js';
import { migrationRoutes } from '../../src/observability/migration/routes.js';
import { MINUTE_MS } from '../../src/observability/migration/traffic-buckets.js';
import { createTrafficHistory } from '../../src/observability/migration/traffic-history.js';

const SECONDS = Number(process.env.MIGRATION_BENCH_SECONDS ?? 10);
const CALLERS = 200;
const ACTIONS = ['DescribeImages', 'DescribeInstances', 'DescribeImageQuota'];

// A day of traffic: every caller, every minute, one Action in turn, a few errors.
let now = Date.UTC(2026, 10, 1);
const history = createTrafficHistory();
const metrics = fanOut(historyMetrics(history, () => now));
const started = performance.now();
for (let minute = 0; minute < 1440; minute++) {
  now = Date.UTC(2026, 10, 1) + minute * MINUTE_MS;
  for (let caller = 0; caller < CALLERS; caller++) {
    const action = ACTIONS[(caller + minute) % ACTIONS.length]!;
    metrics.request({
      caller: `AKIDbench${String(caller).padStart(27, '0')}`,
      action,
      route: caller % 5 === 0 ? 'passthrough' : 'translated',
      code: minute % 97 === caller % 97 ? 6200 : 0,
      durationMs: 20,
    });
  }
  metrics.shadow({ outcome: 'agree', differingFields: [] });
}
console.log(
  `history: ${CALLERS} callers × 1440 minutes filled in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

async function renders(pageCacheMs: number, count: number): Promise<number[]> {
  const app = migrationRoutes({ history, now: () => now, pageCacheMs });
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await (await app.request('/migration')).text();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

const uncached = await renders(0, 20);
const html = await (await migrationRoutes({ history, now: () => now, pageCacheMs: 0 }).request('/migration')).text();
console.log(
  `one render: median ${uncached[10]!.toFixed(1)} ms, min ${uncached[0]!.toFixed(1)} ms, max ${uncached.at(-1)!.toFixed(1)} ms; page ${(html.length / 1024).toFixed(0)} KiB`,
);

/** 10 requests a second for SECONDS, the clock moving with them: the CPU they took, as a share of one core. */
async function tenPerSecond(pageCacheMs: number): Promise<number> {
  const app = migrationRoutes({ history, now: () => now, pageCacheMs });
  const cpu = process.cpuUsage();
  const wall = performance.now();
  for (let i = 0; i < SECONDS * 10; i++) {
    now += 100;
    await (await app.request('/migration')).text();
    const due = wall + (i + 1) * 100;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
  }
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000 / (performance.now() - wall);
}

const base = now;
const every = await tenPerSecond(0);
now = base;
const cached = await tenPerSecond(5_000);
console.log(
  `10 req/s for ${SECONDS} s: ${(every * 100).toFixed(0)} % of a core rendering every time, ${(cached * 100).toFixed(1)} % with the 5 s render cache`,
);

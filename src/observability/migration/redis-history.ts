/**
 * The fleet's migration history in Redis (REDIS_URL): every replica adds what it saw to shared,
 * expiring hashes every MIGRATION_REPORT_INTERVAL_MS (and once more as it stops), and any replica's
 * /migration reads them back, so the page shows the whole fleet, across restarts, for
 * MIGRATION_HISTORY_DAYS (docs/migration.md#fleet). The layout of the keys: fleet-keys.ts.
 *
 * Redis never holds a request up: requests only touch this process's pending counts; a report that
 * fails is kept and retried with the next one (bounded: fleet-pending.ts), and a page that cannot
 * read Redis shows this process's own view and says why. Reads are shared: concurrent page loads,
 * and loads within `minReadIntervalMs` of the last read, get the same one.
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import { OTHER } from '../metrics/label-values.js';
import type { MigrationMetrics } from '../metrics/observations.js';
import { throttled } from '../throttle.js';
import { createFleetPending, type FleetPending, type FleetPendingOptions, type PendingBatch } from './fleet-pending.js';
import { ADD_COUNTERS, ADD_SHAPES } from './fleet-scripts.js';
import {
  DAY_MS,
  expiresAt,
  FLEET_KEY_PREFIX,
  HOUR_MS,
  hourKey,
  MINUTE_MS,
  minuteKey,
  replicasKey,
  SEEN_PREFIX,
  seriesKey,
  SHADOW_PREFIX,
  shapesKey,
  trafficField,
} from './fleet-keys.js';
import { fleetView, type Hash } from './fleet-summary.js';
import type { MigrationSource, MigrationView } from './migration-view.js';
import type { ProcessSource } from './process-source.js';

export interface RedisHistoryOptions extends FleetPendingOptions {
  readonly url: string;
  readonly commandTimeoutMs: number;
  /** MIGRATION_HISTORY_DAYS. */
  readonly retentionDays: number;
  /** MIGRATION_REPORT_INTERVAL_MS. */
  readonly reportIntervalMs: number;
  /** This process's own view: shown while Redis cannot be read. */
  readonly local: ProcessSource;
  readonly now?: () => number;
  /** Told of a failed report or read at most once a second, with how many more there were. */
  readonly onFailure?: (error: Error, suppressed: number) => void;
  /** Most fields of a minute's hash and of an hour's hash; most shapes a day (defaults below). */
  readonly maxMinuteFields?: number;
  readonly maxHourFields?: number;
  readonly maxDayShapes?: number;
  readonly minReadIntervalMs?: number;
  /** Tests keep their keys apart. */
  readonly keyPrefix?: string;
  /** Host name and process id unless given. */
  readonly replicaName?: string;
}

export interface RedisHistory extends MigrationSource {
  /** Feeds this replica's pending report: add it to the fleet's metrics with fanOut. */
  readonly metrics: MigrationMetrics;
  /** Adds what is pending to Redis now; false if Redis did not take it (it is kept for the next report). */
  report(): Promise<boolean>;
  ready(timeoutMs: number): Promise<boolean>;
  /** Stops reporting, reports what is left (if Redis answers), and disconnects. */
  close(): Promise<void>;
}

export const DEFAULT_MAX_MINUTE_FIELDS = 200;
export const DEFAULT_MAX_HOUR_FIELDS = 1_000;
export const DEFAULT_MAX_DAY_SHAPES = 500;
/** The chart shows the last day minute by minute; the totals cover the whole span. */
const CHART_MINUTES = 1440;
const REPORT_INTERVAL_MS = 1_000;

type Ops = Array<string | number>;
const opsOf = (by: Map<number, Ops>, at: number): Ops => by.get(at) ?? by.set(at, []).get(at)!;

type Scripted = Redis & {
  addCounters(key: string, ...args: Array<string | number>): Promise<number>;
  addShapes(key: string, ...args: Array<string | number>): Promise<number>;
};

export function createRedisHistory(options: RedisHistoryOptions): RedisHistory {
  const now = options.now ?? Date.now;
  const prefix = options.keyPrefix ?? FLEET_KEY_PREFIX;
  const retentionMs = options.retentionDays * DAY_MS;
  const startedAt = now();
  const name = options.replicaName ?? `${hostname()} pid ${process.pid}`;
  const selfId = `${name}@${startedAt}`;
  const caps = {
    minute: options.maxMinuteFields ?? DEFAULT_MAX_MINUTE_FIELDS,
    hour: options.maxHourFields ?? DEFAULT_MAX_HOUR_FIELDS,
    shapes: options.maxDayShapes ?? DEFAULT_MAX_DAY_SHAPES,
  };
  const pending: FleetPending = createFleetPending(options);
  const client = new Redis(options.url, {
    commandTimeout: options.commandTimeoutMs,
    connectTimeout: Math.max(options.commandTimeoutMs, 1_000),
    // As the replay store: nothing waits for a connection, nothing is resent after a reconnect.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(times * 100, 1_000),
    socketTimeout: Math.max(2 * options.commandTimeoutMs, 1_000),
    scripts: { addCounters: { lua: ADD_COUNTERS, numberOfKeys: 1 }, addShapes: { lua: ADD_SHAPES, numberOfKeys: 1 } },
  }) as Scripted;
  client.on('error', () => {});
  const reportFailure = throttled<Error>(
    (error, suppressed) => {
      try {
        options.onFailure?.(error, suppressed);
      } catch {
        // A failing reporter must not stop the reports.
      }
    },
    now,
    REPORT_INTERVAL_MS,
  );

  let reporting: Promise<boolean> | undefined;
  const timer = setInterval(() => void report(), options.reportIntervalMs);
  timer.unref();

  function report(): Promise<boolean> {
    // One report at a time: a slow Redis gets the next one when this one is done.
    reporting ??= write().finally(() => (reporting = undefined));
    return reporting;
  }

  async function write(): Promise<boolean> {
    const batch = pending.take();
    try {
      const pipeline = client.pipeline() as unknown as Scripted;
      queueTraffic(pipeline, batch);
      queueShapes(pipeline, batch);
      const at = now();
      pipeline.hset(replicasKey(prefix), selfId, JSON.stringify({ name, startedAt, lastReport: at }));
      pipeline.pexpire(replicasKey(prefix), retentionMs);
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0];
      return true;
    } catch (error) {
      pending.restore(batch);
      reportFailure(
        new Error(`migration history (Redis, connection ${client.status}) not written: ${(error as Error).message}`, {
          cause: error,
        }),
      );
      return false;
    }
  }

  function queueTraffic(pipeline: Scripted, batch: PendingBatch): void {
    const ops = { minute: new Map<number, Ops>(), hour: new Map<number, Ops>(), series: new Map<number, Ops>() };
    const hourOf = (minute: number) => Math.floor((minute * MINUTE_MS) / HOUR_MS);
    for (const [minute, shadow] of batch.shadow) {
      for (const outcome of ['agree', 'differ', 'failed'] as const) {
        if (shadow[outcome] === 0) continue;
        const op = ['I', `${SHADOW_PREFIX}${outcome}`, '', shadow[outcome]];
        opsOf(ops.minute, minute).push(...op);
        opsOf(ops.hour, hourOf(minute)).push(...op);
      }
    }
    for (const [minute, rows] of batch.minutes) {
      let requests = 0;
      let errors = 0;
      for (const [field, count] of rows) {
        const [, , route, code] = JSON.parse(field) as string[];
        const op = ['i', field, trafficField(OTHER, OTHER, route!, code!), count];
        opsOf(ops.minute, minute).push(...op);
        opsOf(ops.hour, hourOf(minute)).push(...op);
        requests += count;
        if (code !== '0') errors += count;
      }
      opsOf(ops.series, hourOf(minute)).push('I', `${minute}:r`, '', requests, 'I', `${minute}:e`, '', errors);
    }
    for (const [hour, seen] of batch.seen)
      for (const [who, at] of seen) opsOf(ops.hour, hour).push('m', `${SEEN_PREFIX}${who}`, '', at);
    for (const [minute, list] of ops.minute)
      pipeline.addCounters(minuteKey(prefix, minute), caps.minute, expiresAt(minute, MINUTE_MS, retentionMs), ...list);
    for (const [hour, list] of ops.hour)
      pipeline.addCounters(hourKey(prefix, hour), caps.hour, expiresAt(hour, HOUR_MS, retentionMs), ...list);
    for (const [hour, list] of ops.series)
      pipeline.addCounters(seriesKey(prefix, hour), 0, expiresAt(hour, HOUR_MS, retentionMs), ...list);
  }

  function queueShapes(pipeline: Scripted, batch: PendingBatch): void {
    for (const [day, shapes] of batch.shapes) {
      const args: Array<string | number> = [];
      for (const [key, s] of shapes) {
        const id = createHash('sha256').update(key).digest('hex').slice(0, 24);
        const { example, ...shape } = s.shape;
        args.push(
          id,
          s.requests,
          s.errors,
          s.lastSeen,
          JSON.stringify({ caller: s.caller, shape }),
          JSON.stringify({ route: s.route, code: s.lastCode, upstreamCalls: s.upstreamCalls, example }),
        );
      }
      pipeline.addShapes(shapesKey(prefix, day), caps.shapes, expiresAt(day, DAY_MS, retentionMs), ...args);
    }
    for (const [day, requests] of batch.otherShapes) {
      pipeline.hincrby(shapesKey(prefix, day), 'n:other', requests);
      pipeline.expireat(shapesKey(prefix, day), expiresAt(day, DAY_MS, retentionMs));
    }
  }

  /** The fleet's view: reported first, so that this replica's own latest counts are in it. */
  async function read(at: number): Promise<MigrationView> {
    await report();
    const newestHour = Math.floor(at / HOUR_MS);
    const hours = range(Math.floor((at - retentionMs) / HOUR_MS), newestHour);
    const chartHours = range(Math.floor((at - CHART_MINUTES * MINUTE_MS) / HOUR_MS), newestHour);
    const days = range(Math.floor((at - retentionMs) / DAY_MS), Math.floor(at / DAY_MS));
    const pipeline = client.pipeline();
    pipeline.hgetall(replicasKey(prefix));
    for (const hour of hours) pipeline.hgetall(hourKey(prefix, hour));
    for (const hour of chartHours) pipeline.hgetall(seriesKey(prefix, hour));
    for (const day of days) pipeline.hgetall(shapesKey(prefix, day));
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
    const hashes = results.map(([, hash]) => hash as Hash);
    let i = 1;
    const take = (keys: number[]) => keys.map((key) => [key, hashes[i++] ?? {}] as const);
    return fleetView({
      now: at,
      retentionDays: options.retentionDays,
      selfId,
      chartMinutes: CHART_MINUTES,
      replicas: hashes[0] ?? {},
      hours: take(hours),
      series: take(chartHours),
      shapes: take(days),
    });
  }

  let lastRead: { at: number; view: Promise<MigrationView> } | undefined;
  const minReadInterval = options.minReadIntervalMs ?? 2_000;

  return {
    metrics: {
      request: (o) => pending.recordRequest(o, now()),
      upstream: () => {},
      shadow: (o) => pending.recordShadow(o, now()),
      replayStoreFailures: () => {},
    },
    async view(at) {
      // Page loads under load share one read of Redis: at most one every minReadIntervalMs.
      if (!lastRead || at - lastRead.at >= minReadInterval || at < lastRead.at) lastRead = { at, view: read(at) };
      const mine = lastRead;
      try {
        return await mine.view;
      } catch (error) {
        if (lastRead === mine) lastRead = undefined;
        reportFailure(new Error(`migration history (Redis) not read: ${(error as Error).message}`, { cause: error }));
        return options.local.viewWithProblem(at, `Redis did not answer (connection ${client.status})`);
      }
    },
    report,
    ready(timeoutMs) {
      if (client.status === 'ready') return Promise.resolve(true);
      return new Promise((resolve) => {
        const onReady = () => {
          clearTimeout(wait);
          resolve(true);
        };
        const wait = setTimeout(() => {
          client.off('ready', onReady);
          resolve(false);
        }, timeoutMs);
        client.once('ready', onReady);
      });
    },
    async close() {
      clearInterval(timer);
      if (client.status === 'ready') {
        // A report already under way holds an older batch: what came after it goes in one more.
        await reporting;
        if (!pending.empty) await report();
      }
      try {
        await client.quit();
      } catch {
        // Not connected: nothing to say goodbye to.
      } finally {
        client.disconnect();
      }
    },
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

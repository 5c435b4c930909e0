/**
 * The Node server's migration view: Prometheus counters (GET /metrics) and the history behind the
 * migration page (GET /migration), fed by one stream of observations. Without REDIS_URL the page
 * shows this process's memory (and says so); with it, the fleet's history in Redis, which every
 * replica adds to (docs/migration.md#fleet). The Redis client is loaded only when REDIS_URL is set.
 */
import type { Hono } from 'hono';
import { fanOut } from '../observability/metrics/fan-out.js';
import type { MigrationMetrics } from '../observability/metrics/observations.js';
import { createPrometheusMetrics } from '../observability/metrics/prometheus-metrics.js';
import { historyMetrics } from '../observability/migration/history-metrics.js';
import { processSource } from '../observability/migration/process-source.js';
import { migrationRoutes } from '../observability/migration/routes.js';
import { createShapeStats } from '../observability/migration/shape-stats.js';
import { createTrafficHistory } from '../observability/migration/traffic-history.js';
import type { Logger } from '../observability/logger.js';

export interface Observability {
  readonly metrics: MigrationMetrics;
  readonly pages: Hono;
  /** Reports what the fleet's history has not had yet, and disconnects from Redis; nothing without it. */
  close(): Promise<void>;
}

export interface FleetSettings {
  readonly redisUrl: string;
  readonly redisCommandTimeoutMs: number;
  readonly migrationHistoryDays: number;
  readonly migrationReportIntervalMs: number;
}

export function createNodeObservability(now: () => number = Date.now): Observability {
  const { prometheus, history, shapes, local } = processParts(now);
  return {
    metrics: fanOut(prometheus, historyMetrics(history, now, shapes)),
    pages: migrationRoutes({ history, source: local, prometheus, now }),
    close: async () => {},
  };
}

/** With REDIS_URL: the page shows the fleet, and this process adds its traffic to it. */
export async function createFleetObservability(
  settings: FleetSettings,
  logger: Logger,
  now: () => number = Date.now,
): Promise<Observability> {
  const { createRedisHistory } = await import('../observability/migration/redis-history.js');
  const { prometheus, history, shapes, local } = processParts(now);
  const fleet = createRedisHistory({
    url: settings.redisUrl,
    commandTimeoutMs: settings.redisCommandTimeoutMs,
    retentionDays: settings.migrationHistoryDays,
    reportIntervalMs: settings.migrationReportIntervalMs,
    local,
    now,
    onFailure: (error, suppressed) =>
      logger.warn(
        { cause: error.message, suppressed },
        'migration history (Redis) unavailable: /migration shows this process only until it is back',
      ),
  });
  return {
    metrics: fanOut(prometheus, historyMetrics(history, now, shapes), fleet.metrics),
    pages: migrationRoutes({ history, source: fleet, prometheus, now }),
    close: () => fleet.close(),
  };
}

function processParts(now: () => number) {
  const prometheus = createPrometheusMetrics({ processMetrics: true });
  const history = createTrafficHistory();
  const shapes = createShapeStats();
  return { prometheus, history, shapes, local: processSource(history, shapes, now()) };
}

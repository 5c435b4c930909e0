/**
 * The Node server's migration view: Prometheus counters (GET /metrics) and the traffic history
 * behind the migration page (GET /migration), fed by one stream of observations.
 */
import type { Hono } from 'hono';
import { fanOut } from '../observability/metrics/fan-out.js';
import type { MigrationMetrics } from '../observability/metrics/observations.js';
import { createPrometheusMetrics } from '../observability/metrics/prometheus-metrics.js';
import { historyMetrics } from '../observability/migration/history-metrics.js';
import { migrationRoutes } from '../observability/migration/routes.js';
import { createTrafficHistory } from '../observability/migration/traffic-history.js';

export interface Observability {
  readonly metrics: MigrationMetrics;
  readonly pages: Hono;
}

export function createNodeObservability(now: () => number = Date.now): Observability {
  const prometheus = createPrometheusMetrics({ processMetrics: true });
  const history = createTrafficHistory();
  return {
    metrics: fanOut(prometheus, historyMetrics(history, now)),
    pages: migrationRoutes({ history, prometheus, now }),
  };
}

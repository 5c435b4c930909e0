/**
 * GET /metrics (Prometheus text) and GET /migration (the page) as a small Hono app for the lead
 * to mount with `app.route('/', migrationRoutes(...))`. Takes the exposition as a structural
 * interface, so this file does not pull prom-client into a Worker bundle.
 */
import { Hono } from 'hono';
import { renderMigrationPage } from './page.js';
import type { TrafficHistory } from './traffic-history.js';

export const METRICS_PATH = '/metrics';
export const MIGRATION_PATH = '/migration';

export interface MigrationRoutesDeps {
  readonly history: TrafficHistory;
  readonly now: () => number;
  /** Prometheus exposition (createPrometheusMetrics() fits); without it, /metrics is not served. */
  readonly prometheus?: { readonly contentType: string; metricsText(): Promise<string> };
  readonly refreshSeconds?: number;
}

export function migrationRoutes(deps: MigrationRoutesDeps): Hono {
  const app = new Hono();
  const prometheus = deps.prometheus;
  if (prometheus) {
    app.get(METRICS_PATH, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.body(await prometheus.metricsText(), 200, { 'Content-Type': prometheus.contentType });
    });
  }
  app.get(MIGRATION_PATH, (c) => {
    const now = deps.now();
    const options = deps.refreshSeconds === undefined ? { now } : { now, refreshSeconds: deps.refreshSeconds };
    c.header('Cache-Control', 'no-store');
    return c.html(renderMigrationPage(deps.history.snapshot(now), options));
  });
  return app;
}

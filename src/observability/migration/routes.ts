/**
 * GET /metrics (Prometheus text) and GET /migration (the page) as a small Hono app for the lead
 * to mount with `app.route('/', migrationRoutes(...))`. Takes the exposition as a structural
 * interface, so this file does not pull prom-client into a Worker bundle.
 */
import { Hono } from 'hono';
import type { MigrationSource } from './migration-view.js';
import { processSource } from './process-source.js';
import type { TrafficHistory } from './traffic-history.js';
import { renderMigrationView } from './view-render.js';

export const METRICS_PATH = '/metrics';
export const MIGRATION_PATH = '/migration';

export interface MigrationRoutesDeps {
  readonly history: TrafficHistory;
  /** Where the page's view comes from: this process's history (no shapes) unless given. */
  readonly source?: MigrationSource;
  readonly now: () => number;
  /** Prometheus exposition (createPrometheusMetrics() fits); without it, /metrics is not served. */
  readonly prometheus?: { readonly contentType: string; metricsText(): Promise<string> };
  readonly refreshSeconds?: number;
}

export function migrationRoutes(deps: MigrationRoutesDeps): Hono {
  const app = new Hono();
  const prometheus = deps.prometheus;
  const source = deps.source ?? processSource(deps.history, undefined, deps.now());
  if (prometheus) {
    app.get(METRICS_PATH, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.body(await prometheus.metricsText(), 200, { 'Content-Type': prometheus.contentType });
    });
  }
  app.get(MIGRATION_PATH, async (c) => {
    const now = deps.now();
    const options = deps.refreshSeconds === undefined ? { now } : { now, refreshSeconds: deps.refreshSeconds };
    const html = await renderMigrationView(await source.view(now), options);
    c.header('Cache-Control', 'no-store');
    return c.html(html);
  });
  return app;
}

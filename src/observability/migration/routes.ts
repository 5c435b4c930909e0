/**
 * GET /metrics (Prometheus text) and GET /migration (the page) as a small Hono app, mounted by the
 * Node admin listener (src/node/admin-app.ts). Takes the exposition as a structural interface, so
 * this file does not pull prom-client into a Worker bundle.
 *
 * The page is rendered at most once every few seconds and served from that render in between: a
 * day of history for hundreds of callers costs about a tenth of a second of CPU to render, and the
 * page (which reloads itself every 30 s) must not let its readers take a core from the proxy
 * (docs/migration.md#metrics).
 */
import { Hono } from 'hono';
import { renderMigrationPage } from './page.js';
import type { TrafficHistory } from './traffic-history.js';

export const METRICS_PATH = '/metrics';
export const MIGRATION_PATH = '/migration';
/** How long one render of the page is served. */
export const PAGE_CACHE_MS = 5_000;

export interface MigrationRoutesDeps {
  readonly history: TrafficHistory;
  readonly now: () => number;
  /** Prometheus exposition (createPrometheusMetrics() fits); without it, /metrics is not served. */
  readonly prometheus?: { readonly contentType: string; metricsText(): Promise<string> };
  readonly refreshSeconds?: number;
  /** How long one render is served (`PAGE_CACHE_MS` unless given; 0: render every time). */
  readonly pageCacheMs?: number;
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
  const cacheMs = deps.pageCacheMs ?? PAGE_CACHE_MS;
  let rendered: { readonly at: number; readonly html: string } | undefined;
  app.get(MIGRATION_PATH, (c) => {
    const now = deps.now();
    // A clock that went back (a corrected system time) renders anew rather than trust an old render.
    if (!rendered || now - rendered.at >= cacheMs || now < rendered.at) {
      const options = deps.refreshSeconds === undefined ? { now } : { now, refreshSeconds: deps.refreshSeconds };
      rendered = { at: now, html: renderMigrationPage(deps.history.snapshot(now), options) };
    }
    c.header('Cache-Control', 'no-store');
    return c.html(rendered.html);
  });
  return app;
}

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
import type { MigrationSource } from './migration-view.js';
import { processSource } from './process-source.js';
import type { TrafficHistory } from './traffic-history.js';
import { renderMigrationView } from './view-render.js';

export const METRICS_PATH = '/metrics';
export const MIGRATION_PATH = '/migration';
/** How long one render of the page is served. */
export const PAGE_CACHE_MS = 5_000;

export interface MigrationRoutesDeps {
  readonly history: TrafficHistory;
  /** Where the page's view comes from: this process's history (no shapes) unless given. */
  readonly source?: MigrationSource;
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
  const source = deps.source ?? processSource(deps.history, undefined, deps.now());
  if (prometheus) {
    app.get(METRICS_PATH, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.body(await prometheus.metricsText(), 200, { 'Content-Type': prometheus.contentType });
    });
  }
  const cacheMs = deps.pageCacheMs ?? PAGE_CACHE_MS;
  // The render in use (or under way: concurrent requests share it), and when it was started.
  let rendered: { readonly at: number; readonly html: Promise<string> } | undefined;
  app.get(MIGRATION_PATH, async (c) => {
    const now = deps.now();
    // A clock that went back (a corrected system time) renders anew rather than trust an old render.
    if (!rendered || now - rendered.at >= cacheMs || now < rendered.at) {
      const options = deps.refreshSeconds === undefined ? { now } : { now, refreshSeconds: deps.refreshSeconds };
      const html = source.view(now).then((view) => renderMigrationView(view, options));
      rendered = { at: now, html };
      // A failed render is not kept: the next request tries again.
      html.catch(() => {
        if (rendered?.html === html) rendered = undefined;
      });
    }
    const html = await rendered.html;
    c.header('Cache-Control', 'no-store');
    return c.html(html);
  });
  return app;
}

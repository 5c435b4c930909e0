/**
 * The admin listener's app (docs/operations.md#admin-listener): GET /metrics and GET /migration,
 * which name every caller's SecretId, and GET /readyz. Served on ADMIN_HOST:ADMIN_PORT only,
 * never beside the legacy path; it reads no Host, since it answers no legacy client.
 */
import { Hono } from 'hono';
import type { Logger } from '../observability/logger.js';
import { readinessHttpStatus, type Readiness } from './readiness.js';

export const READYZ_PATH = '/readyz';

export interface AdminAppDeps {
  /** GET /metrics and GET /migration (src/node/observability.ts). */
  readonly pages: Hono;
  readonly readiness: () => Readiness;
  readonly logger: Logger;
}

export function createAdminApp(deps: AdminAppDeps): Hono {
  const app = new Hono();
  app.get(READYZ_PATH, (c) => {
    const state = deps.readiness();
    c.header('Cache-Control', 'no-store');
    return c.json(state, readinessHttpStatus(state));
  });
  app.route('/', deps.pages);
  app.notFound((c) =>
    c.json({ error: `no such admin path ${c.req.path.slice(0, 80)}; here: /metrics, /migration, /readyz` }, 404),
  );
  app.onError((error, c) => {
    deps.logger.error({ err: error, path: c.req.path }, 'admin page failed');
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}

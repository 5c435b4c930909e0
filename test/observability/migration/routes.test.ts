/** GET /metrics and GET /migration through app.request(), as the lead will mount them. */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { migrationRoutes } from '../../../src/observability/migration/routes.js';
import { createTrafficHistory } from '../../../src/observability/migration/traffic-history.js';
import { parseExposition, valueOf } from '../metrics/parse-exposition.js';
import { EXPECTED, knownTraffic } from './known-traffic.js';

describe('migration routes', () => {
  it('serves the Prometheus exposition and the page from the same observations', async () => {
    const traffic = knownTraffic();
    const app = new Hono().route('/', migrationRoutes({ history: traffic.history, prometheus: traffic.prometheus, now: traffic.now }));

    const metrics = await app.request('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(metrics.headers.get('cache-control')).toBe('no-store');
    const samples = parseExposition(await metrics.text());
    for (const row of EXPECTED.slice(0, 3)) {
      const sum = samples
        .filter((s) => s.name === 'legacy_requests_total' && s.labels.caller === row.caller && s.labels.action === row.action)
        .reduce((total, s) => total + s.value, 0);
      expect(sum).toBe(row.requests);
    }
    expect(valueOf(samples, 'shadow_comparisons_total', { outcome: 'agree' })).toBe(41);

    const page = await app.request('/migration');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('data-requests="40"');
  });

  it('serves no /metrics without a Prometheus sink (as on Workers)', async () => {
    const app = migrationRoutes({ history: createTrafficHistory(), now: () => 0 });
    expect((await app.request('/metrics')).status).toBe(404);
    expect((await app.request('/migration')).status).toBe(200);
  });
});

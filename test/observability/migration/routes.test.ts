/** GET /metrics and GET /migration through app.request(), as the admin listener mounts them. */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { migrationRoutes, PAGE_CACHE_MS } from '../../../src/observability/migration/routes.js';
import { createTrafficHistory } from '../../../src/observability/migration/traffic-history.js';
import { parseExposition, valueOf } from '../metrics/parse-exposition.js';
import { EXPECTED, knownTraffic } from './known-traffic.js';

describe('migration routes', () => {
  it('serves the Prometheus exposition and the page from the same observations', async () => {
    const traffic = knownTraffic();
    const app = new Hono().route(
      '/',
      migrationRoutes({ history: traffic.history, prometheus: traffic.prometheus, now: traffic.now }),
    );

    const metrics = await app.request('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(metrics.headers.get('cache-control')).toBe('no-store');
    const samples = parseExposition(await metrics.text());
    for (const row of EXPECTED.slice(0, 3)) {
      const sum = samples
        .filter(
          (s) => s.name === 'legacy_requests_total' && s.labels.caller === row.caller && s.labels.action === row.action,
        )
        .reduce((total, s) => total + s.value, 0);
      expect(sum).toBe(row.requests);
    }
    expect(valueOf(samples, 'shadow_comparisons_total', { outcome: 'agree' })).toBe(41);

    const page = await app.request('/migration');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('data-requests="40"');
  });

  it('renders the page at most once every PAGE_CACHE_MS, and serves that render in between', async () => {
    const traffic = knownTraffic();
    const app = migrationRoutes({ history: traffic.history, now: traffic.now });
    const page = async () => (await app.request('/migration')).text();
    const first = await page();
    const start = traffic.now();
    traffic.metrics.request({
      caller: 'AKIDlateCaller0001',
      action: 'DescribeImages',
      route: 'translated',
      code: 0,
      durationMs: 20,
    });
    traffic.setNow(start + PAGE_CACHE_MS - 1);
    expect(await page()).toBe(first);
    traffic.setNow(start + PAGE_CACHE_MS);
    expect(await page()).toContain('data-caller="AKIDlateCaller0001"');
    // A clock set back does not keep an old render for long.
    traffic.metrics.request({
      caller: 'AKIDlateCaller0002',
      action: 'DescribeImages',
      route: 'translated',
      code: 0,
      durationMs: 20,
    });
    traffic.setNow(start);
    expect(await page()).toContain('data-caller="AKIDlateCaller0002"');
  });

  it('renders every time with pageCacheMs 0', async () => {
    const traffic = knownTraffic();
    const app = migrationRoutes({ history: traffic.history, now: traffic.now, pageCacheMs: 0 });
    await app.request('/migration');
    traffic.metrics.request({
      caller: 'AKIDlateCaller0003',
      action: 'DescribeImages',
      route: 'translated',
      code: 0,
      durationMs: 20,
    });
    expect(await (await app.request('/migration')).text()).toContain('data-caller="AKIDlateCaller0003"');
  });

  it('serves no /metrics without a Prometheus sink (as on Workers)', async () => {
    const app = migrationRoutes({ history: createTrafficHistory(), now: () => 0 });
    expect((await app.request('/metrics')).status).toBe(404);
    expect((await app.request('/migration')).status).toBe(200);
  });
});

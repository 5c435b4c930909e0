/**
 * The migration page in a real browser: Debian's headless Chromium driven by playwright-core,
 * against a real node:http server on port 0. The table must show what the Prometheus counters
 * hold, the SVG charts must be drawn, and the page must still read with JavaScript off.
 * Skips only where /usr/bin/chromium is missing (.ci/run installs it).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, launchChromium, screenshot, hasChromium } from './headless-chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationRoutes } from '../../../src/observability/migration/routes.js';
import { parseExposition } from '../metrics/parse-exposition.js';
import { EXPECTED, HOSTILE_CALLER, knownTraffic } from './known-traffic.js';

if (!hasChromium)
  console.warn(`migration page browser test SKIPPED: ${CHROMIUM} is missing (apt-get install chromium; .ci/run does)`);
const title = hasChromium
  ? 'the migration page in headless Chromium'
  : `the migration page in headless Chromium (SKIPPED: ${CHROMIUM} is missing; apt-get install chromium)`;

interface ShownRow {
  caller: string;
  action: string;
  requests: number;
  errors: number;
}

/** The table as the browser shows it: cell text, decoded by the DOM, not the HTML source. */
async function shownRows(page: Page): Promise<ShownRow[]> {
  const rows = page.locator('#callers tbody tr');
  const shown: ShownRow[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    shown.push({
      caller: (await row.getAttribute('data-caller')) ?? '',
      action: (await row.locator('td.action').innerText()).trim(),
      requests: Number((await row.locator('td.requests').innerText()).replace(/,/g, '')),
      errors: Number((await row.locator('td.errors').innerText()).replace(/,/g, '')),
    });
  }
  return shown;
}

describe.skipIf(!hasChromium)(title, () => {
  const traffic = knownTraffic();
  let server: Server;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    const app = new Hono().route(
      '/',
      migrationRoutes({ history: traffic.history, prometheus: traffic.prometheus, now: traffic.now }),
    );
    server = createServer(getRequestListener(app.fetch));
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((closed) => (server ? server.close(closed) : closed(undefined)));
  });

  /** legacy_requests_total summed per caller and Action over routes and codes, as /metrics serves it. */
  async function counterTotals(): Promise<Map<string, { requests: number; errors: number }>> {
    const samples = parseExposition(await (await fetch(`${base}/metrics`)).text());
    const totals = new Map<string, { requests: number; errors: number }>();
    for (const s of samples.filter((sample) => sample.name === 'legacy_requests_total')) {
      const key = JSON.stringify([s.labels.caller, s.labels.action]);
      const t = totals.get(key) ?? { requests: 0, errors: 0 };
      t.requests += s.value;
      if (s.labels.code !== '0') t.errors += s.value;
      totals.set(key, t);
    }
    return totals;
  }

  it("shows the counters' numbers in the table, the SVG charts and the agreement rate", async () => {
    const context = await browser.newContext({ viewport: { width: 1120, height: 900 } });
    const page = await context.newPage();
    const external: string[] = [];
    page.on('request', (request) => void (request.url().startsWith(base) || external.push(request.url())));
    await page.goto(`${base}/migration`);

    const shown = await shownRows(page);
    const counters = await counterTotals();
    expect(shown).toHaveLength(counters.size);
    for (const row of shown)
      expect(counters.get(JSON.stringify([row.caller, row.action]))).toEqual({
        requests: row.requests,
        errors: row.errors,
      });
    expect(shown).toEqual(
      EXPECTED.map(({ caller, action, requests, errors }) => ({ caller, action, requests, errors })),
    );

    // The hostile caller is text on the page, never markup that ran.
    await expect(page.locator('td.caller', { hasText: 'window.pwned' }).innerText()).resolves.toBe(HOSTILE_CALLER);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

    await expect(page.locator('#shadow-agreement-rate').innerText()).resolves.toBe('91.1%');
    for (const chart of ['#volume-chart', '#error-rate-chart']) {
      const box = await page.locator(chart).boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(box?.height).toBeGreaterThan(50);
    }
    expect(await page.locator('#volume-chart path.requests').getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+V/);
    expect(await page.locator('#error-rate-chart path.rate').getAttribute('d')).toMatch(/^M/);
    expect(external).toEqual([]);

    await screenshot(page, 'migration-page.png');
    await context.close();
  }, 60_000);

  it('still shows the table and the charts with JavaScript disabled', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/migration`);
    const shown = await shownRows(page);
    expect(shown.map((row) => row.requests)).toEqual(EXPECTED.map((row) => row.requests));
    await expect(page.locator('#volume-chart').isVisible()).resolves.toBe(true);
    await expect(page.locator('#error-rate-chart').isVisible()).resolves.toBe(true);
    await expect(page.locator('#shadow-agreement-rate').innerText()).resolves.toBe('91.1%');
    await context.close();
  }, 60_000);
});

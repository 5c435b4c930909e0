/**
 * The fleet's page in a real browser: two proxies on one real Redis, the tour's traffic split
 * between them; the page of either, in headless Chromium, shows the whole fleet (both replicas,
 * every request, every shape), with JavaScript on and off. Screenshot:
 * test-results/migration-page-fleet.png. Skips without /usr/bin/chromium or redis-server.
 */
import type { Browser } from 'playwright-core';
import { launchChromium, screenshot, hasChromium } from './headless-chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOUR } from '../../../dev/demo/tour.js';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../../dev/emulator/accounts.js';
import { startEmulatorServer, type EmulatorServer } from '../../../dev/emulator/server.js';
import { startLegacyStandin, type LegacyStandinServer } from '../../../dev/legacy-standin/server.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { startProxyServer, type RunningServer } from '../../../src/node/server.js';
import { redisServerInstalled, startRedisServer, type TestRedisServer } from '../../helpers/redis-server.js';
import { sendTour } from './tour-traffic.js';

const canRun = hasChromium && (redisServerInstalled() || !!process.env.CI);

describe.skipIf(!canRun)("the fleet's migration page in headless Chromium", () => {
  let redis: TestRedisServer;
  let emulator: EmulatorServer;
  let standin: LegacyStandinServer;
  let proxies: RunningServer[];
  let browser: Browser;

  beforeAll(async () => {
    redis = await startRedisServer();
    emulator = await startEmulatorServer({ port: 0, rateLimitPerSecond: 0 });
    standin = await startLegacyStandin();
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      CVM_ENDPOINT: emulator.url,
      LEGACY_ENDPOINT: standin.url,
      SHADOW_SAMPLE: '1',
      REDIS_URL: redis.url,
      MIGRATION_REPORT_INTERVAL_MS: '60000',
      PROXY_CREDENTIALS: JSON.stringify(
        [DEMO_ACCOUNT_A, DEMO_ACCOUNT_B].map(({ secretId, secretKey }) => ({ secretId, secretKey })),
      ),
    });
    proxies = [await startProxyServer(config), await startProxyServer(config)];
    // Half the tour through each replica (a replay stays on one: both copies go to the same one).
    await sendTour(
      proxies[0]!.url,
      TOUR.filter((_, i) => i % 2 === 0),
    );
    await sendTour(
      proxies[1]!.url,
      TOUR.filter((_, i) => i % 2 === 1),
    );
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    for (const proxy of proxies ?? []) await proxy.close();
    await standin?.close();
    await emulator?.close();
    await redis?.dispose();
  });

  it('shows both replicas, all the traffic and every shape, from either replica', async () => {
    const requests = TOUR.reduce((n, step) => n + (step.replay ? 2 : 1), 0);
    // The second replica has not reported yet (every 60 s here): a page on the first reports its
    // own traffic as it reads; the second's arrives when it serves a page, or stops.
    const context = await browser.newContext({ viewport: { width: 1120, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${proxies[1]!.adminUrl}/migration`);
    await page.goto(`${proxies[0]!.adminUrl}/migration`);
    await expect(page.locator('#scope').getAttribute('data-scope')).resolves.toBe('fleet');
    await expect(page.locator('#replicas tbody tr').count()).resolves.toBe(2);
    await expect(page.locator('#replicas tr[data-self="true"] td.replica').innerText()).resolves.toMatch(
      /\(this one\)$/,
    );
    await expect(page.locator('#total-requests').getAttribute('data-value')).resolves.toBe(String(requests));
    await expect(page.locator('#shapes tr.shape').count()).resolves.toBe(TOUR.length);
    await expect(page.locator('h1 + p.lede').innerText()).resolves.toMatch(/in the last 7 d\./);
    await page.locator('details.plan[data-kind="translated"] summary').first().click();
    await screenshot(page, 'migration-page-fleet.png');
    await context.close();

    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noScript.newPage();
    // The second replica read Redis before the first had reported, and shares that read for a
    // couple of seconds: load its page again (bounded) until it reads anew.
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      await plain.goto(`${proxies[1]!.adminUrl}/migration`);
      if ((await plain.locator('#total-requests').getAttribute('data-value')) === String(requests)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await expect(plain.locator('#total-requests').getAttribute('data-value')).resolves.toBe(String(requests));
    await expect(plain.locator('#replicas tbody tr').count()).resolves.toBe(2);
    await noScript.close();
  }, 60_000);
});

/**
 * The migration page of the real proxy, end to end: the Node server in front of the built-in 3.0
 * emulator and the legacy 2.0 stand-in, with the shadow on; real signed legacy traffic (translated,
 * passed through, transitional, refused); then GET /migration on the admin listener, in headless
 * Chromium, shows what GET /metrics there counts. A screenshot is saved to
 * test-results/migration-page-proxy.png.
 */
import type { Browser } from 'playwright-core';
import { launchChromium, screenshot, hasChromium } from './headless-chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../../dev/emulator/accounts.js';
import { startEmulatorServer, type EmulatorServer } from '../../../dev/emulator/server.js';
import { signLegacyRequest } from '../../../dev/legacy-client/sign-request.js';
import { startLegacyStandin, type LegacyStandinServer } from '../../../dev/legacy-standin/server.js';
import { startProxyServer, type RunningServer } from '../../../src/node/server.js';
import { parseExposition } from '../metrics/parse-exposition.js';

describe.skipIf(!hasChromium)("the real proxy's /migration page in headless Chromium", () => {
  let emulator: EmulatorServer;
  let standin: LegacyStandinServer;
  let proxy: RunningServer;
  let browser: Browser;

  async function send(
    account: typeof DEMO_ACCOUNT_A,
    params: Record<string, string | number>,
    tamper = false,
  ): Promise<void> {
    const host = new URL(proxy.url).host;
    const signed = await signLegacyRequest({
      method: 'GET',
      host,
      path: '/v2/index.php',
      ...account,
      params: { Region: 'gz', ...params },
    });
    if (tamper) signed.Nonce = '1';
    await (await fetch(`${proxy.url}/v2/index.php?${new URLSearchParams(signed)}`)).text();
  }

  beforeAll(async () => {
    emulator = await startEmulatorServer({ port: 0, rateLimitPerSecond: 0 });
    standin = await startLegacyStandin();
    proxy = await startProxyServer(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        CVM_ENDPOINT: emulator.url,
        LEGACY_ENDPOINT: standin.url,
        SHADOW_SAMPLE: '1',
        PROXY_CREDENTIALS: JSON.stringify(
          [DEMO_ACCOUNT_A, DEMO_ACCOUNT_B].map(({ secretId, secretKey }) => ({ secretId, secretKey })),
        ),
      }),
    );
    for (let i = 0; i < 3; i++) await send(DEMO_ACCOUNT_A, { Action: 'DescribeImages', imageType: 2, limit: 5 });
    await send(DEMO_ACCOUNT_A, { Action: 'DescribeImages', imageType: 9 });
    await send(DEMO_ACCOUNT_B, { Action: 'DescribeInstances', limit: 2 });
    await send(DEMO_ACCOUNT_B, {
      Action: 'DescribeImages',
      Version: '2017-03-12',
      Region: 'ap-guangzhou',
      'ImageIds.0': 'img-31tjrtph',
    });
    await send(DEMO_ACCOUNT_B, { Action: 'DescribeImages', imageType: 1 }, true);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await standin?.close();
    await emulator?.close();
  });

  it('shows each caller and Action with the counts /metrics holds, and the shadow agreement', async () => {
    // The shadows run after the answers: wait (bounded by time, with room for a busy machine) until
    // the four translated requests have one each.
    const comparisons = () =>
      samples.filter((s) => s.name === 'shadow_comparisons_total').reduce((n, s) => n + s.value, 0);
    let samples = parseExposition(await (await fetch(`${proxy.adminUrl}/metrics`)).text());
    for (const until = Date.now() + 10_000; comparisons() < 4 && Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 50));
      samples = parseExposition(await (await fetch(`${proxy.adminUrl}/metrics`)).text());
    }
    expect(comparisons()).toBe(4);
    const counted = (caller: string, action: string) =>
      samples
        .filter((s) => s.name === 'legacy_requests_total' && s.labels.caller === caller && s.labels.action === action)
        .reduce((n, s) => n + s.value, 0);
    expect(counted(DEMO_ACCOUNT_A.secretId, 'DescribeImages')).toBe(4);
    expect(counted(DEMO_ACCOUNT_B.secretId, 'DescribeInstances')).toBe(1);

    const page = await (await browser.newContext({ viewport: { width: 1120, height: 900 } })).newPage();
    await page.goto(`${proxy.adminUrl}/migration`);
    const row = (caller: string, action: string) =>
      page
        .locator(`#callers tbody tr[data-caller="${caller}"]`)
        .filter({ has: page.locator('td.action', { hasText: new RegExp(`^${action}$`) }) });
    await expect(row(DEMO_ACCOUNT_A.secretId, 'DescribeImages').locator('td.requests').innerText()).resolves.toBe('4');
    await expect(row(DEMO_ACCOUNT_A.secretId, 'DescribeImages').locator('td.errors').innerText()).resolves.toBe('1');
    await expect(row(DEMO_ACCOUNT_B.secretId, 'DescribeInstances').locator('td.requests').innerText()).resolves.toBe(
      '1',
    );
    await expect(page.locator('#total-requests').innerText()).resolves.toBe('7');
    await expect(page.locator('#shadow-agreement-rate').innerText()).resolves.toBe('100.0%');
    expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'migration-page-proxy.png');
  }, 60_000);
});

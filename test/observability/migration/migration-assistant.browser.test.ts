/**
 * The migration assistant in a real browser (headless Chromium, playwright-core) on the real proxy
 * after the demo's whole tour: every distinct call has a row and a plan; a plan opens without
 * JavaScript (<details>); what it shows is what `translate` prints for the same call; and the page
 * says it shows this process only (no REDIS_URL). Screenshot: test-results/migration-assistant.png.
 */
import { PassThrough } from 'node:stream';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, launchChromium, screenshot, hasChromium } from './headless-chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../../dev/emulator/accounts.js';
import { startEmulatorServer, type EmulatorServer } from '../../../dev/emulator/server.js';
import { startLegacyStandin, type LegacyStandinServer } from '../../../dev/legacy-standin/server.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { collectParams } from '../../../src/core/legacy/params.js';
import { callShapeOf } from '../../../src/core/migration/call-shape.js';
import { startProxyServer, type RunningServer } from '../../../src/node/server.js';
import { runTranslateCommand } from '../../../src/node/translate-command.js';
import { shapeText } from '../../../src/observability/migration/page-assistant.js';
import { sendTour, type SentCall } from './tour-traffic.js';

const title = hasChromium
  ? 'the migration assistant in headless Chromium'
  : `the migration assistant in headless Chromium (SKIPPED: ${CHROMIUM} is missing)`;

async function printed(query: string): Promise<{ plan: { kind: string }; tccli: string | null; node: string | null }> {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk) => (text += chunk));
  await runTranslateCommand(['--json', query], { stdin: new PassThrough(), stdout, stderr: new PassThrough() });
  return JSON.parse(text);
}

describe.skipIf(!hasChromium)(title, () => {
  let emulator: EmulatorServer;
  let standin: LegacyStandinServer;
  let proxy: RunningServer;
  let browser: Browser;
  let tour: SentCall[];

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
        PROXY_CREDENTIALS: JSON.stringify(
          [DEMO_ACCOUNT_A, DEMO_ACCOUNT_B].map(({ secretId, secretKey }) => ({ secretId, secretKey })),
        ),
      }),
    );
    tour = await sendTour(proxy.url);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await standin?.close();
    await emulator?.close();
  });

  const rowOf = (page: Page, call: SentCall) => {
    const shape = callShapeOf(collectParams(Object.entries(call.signed)));
    return page
      .locator('#shapes tr.shape')
      .filter({
        has: page.locator('td.call code', {
          hasText: new RegExp(`^${shapeText(shape).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
        }),
      })
      .filter({ has: page.locator(`td.caller:text-is("${call.step.account.secretId}")`) });
  };

  it("plans every call of the demo's tour, as translate prints it", async () => {
    const context = await browser.newContext({ viewport: { width: 1120, height: 900 } });
    const page = await context.newPage();
    const external: string[] = [];
    page.on('request', (request) => void (request.url().startsWith(proxy.adminUrl) || external.push(request.url())));
    await page.goto(`${proxy.adminUrl}/migration`);
    await expect(page.locator('#scope').getAttribute('data-scope')).resolves.toBe('process');
    await expect(page.locator('#scope').innerText()).resolves.toMatch(/This page shows this process only/);

    // A replay is the same call again: one row, with both counted.
    const distinct = new Set(
      tour.map((call) =>
        JSON.stringify([call.step.account.secretId, callShapeOf(collectParams(Object.entries(call.signed))).key]),
      ),
    );
    await expect(page.locator('#shapes tr.shape').count()).resolves.toBe(distinct.size);
    for (const call of tour) {
      const row = rowOf(page, call);
      await expect(row.count(), call.step.title).resolves.toBe(1);
      const plan = row.locator('xpath=following-sibling::tr[1]').locator('details.plan');
      const cli = await printed(call.query);
      await expect(plan.getAttribute('data-kind'), call.step.title).resolves.toBe(cli.plan.kind);
      await plan.locator('summary').click();
      if (cli.node) {
        await expect(plan.locator('pre.node').innerText(), call.step.title).resolves.toBe(cli.node);
        await expect(plan.locator('pre.tccli').innerText(), call.step.title).resolves.toBe(cli.tccli);
        await expect(plan.locator('pre.node').isVisible()).resolves.toBe(true);
      } else {
        await expect(plan.locator('ul.notes li').first().isVisible()).resolves.toBe(true);
      }
    }
    expect(external).toEqual([]);
    // Open the first plans only for the picture: the whole page with every plan open is very long.
    for (let i = 3; i < distinct.size; i++)
      await page.locator(`#plan-${i}`).evaluate((d) => ((d as HTMLDetailsElement).open = false));
    await screenshot(page, 'migration-assistant.png');
    await context.close();
  }, 60_000);

  it('opens a plan with JavaScript disabled', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${proxy.adminUrl}/migration`);
    const plan = page.locator('details.plan[data-kind="translated"]').first();
    await expect(plan.locator('pre.node').isVisible()).resolves.toBe(false);
    await plan.locator('summary').click();
    await expect(plan.locator('pre.node').isVisible()).resolves.toBe(true);
    await expect(plan.locator('ol.steps li').count()).resolves.toBeGreaterThanOrEqual(3);
    await context.close();
  }, 60_000);
});

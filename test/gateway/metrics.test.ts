/**
 * Migration metrics through the real app: every legacy request is counted by Action, caller,
 * route and legacy code; a caller the proxy does not know is 'unknown' (labels stay bounded);
 * 3.0 calls are timed; the migration page shows the same numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A } from '../../dev/emulator/accounts.js';
import { startLegacyStandin, type LegacyStandinServer } from '../../dev/legacy-standin/server.js';
import { createNodeObservability } from '../../src/node/observability.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let standin: LegacyStandinServer;
let h: Harness;
/** The admin listener's pages (GET /metrics, GET /migration), fed by the proxy's observations. */
const observability = createNodeObservability();
beforeAll(async () => {
  standin = await startLegacyStandin();
  h = await startHarness({ env: { LEGACY_ENDPOINT: standin.url }, runtime: { observability } });
  await h.legacy({ params: { imageType: 2 } });
  await h.legacy({ params: { imageType: 2 } });
  await h.legacy({ params: { imageType: 7 } });
  await h.legacy({ params: { Action: 'DescribeInstances' } });
  await h.legacy({ params: { Version: '2017-03-12', 'ImageIds.0': 'img-31tjrtph' } });
  await h.legacy({ params: {} }, (p) => void (p.SecretId = 'AKIDsomeoneElse<script>'));
});
afterAll(async () => {
  await h.close();
  await standin.close();
});

const metricsText = async () => {
  const response = await observability.pages.request('/metrics');
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
};

describe('GET /metrics', () => {
  it('counts requests by Action, caller, route and code', async () => {
    const text = await metricsText();
    const a = DEMO_ACCOUNT_A.secretId;
    expect(text).toContain(
      `legacy_requests_total{action="DescribeImages",caller="${a}",route="translated",code="0"} 2`,
    );
    expect(text).toContain(
      `legacy_requests_total{action="DescribeImages",caller="${a}",route="translated",code="4000"} 1`,
    );
    expect(text).toContain(
      `legacy_requests_total{action="DescribeInstances",caller="${a}",route="passthrough",code="0"} 1`,
    );
    expect(text).toContain(
      `legacy_requests_total{action="DescribeImages",caller="${a}",route="transitional",code="0"} 1`,
    );
    expect(text).toContain(
      'legacy_requests_total{action="unauthenticated",caller="unknown",route="rejected",code="4104"} 1',
    );
    expect(text).not.toContain('AKIDsomeoneElse');
  });

  it('labels nothing a stranger claims: invented Actions and a real SecretId with a bad signature are not labels', async () => {
    for (let i = 0; i < 250; i++)
      await h.app.request(`http://proxy/v2/index.php?Action=Junk${i}&SecretId=${DEMO_ACCOUNT_A.secretId}`);
    await h.legacy({ params: { Action: 'DescribeInstances' } }, (p) => void (p.limit = '9'));
    await h.legacy({ params: { Action: 'DescribeInstances', limit: 2 } });
    const text = await metricsText();
    expect(text).not.toMatch(/Junk/);
    expect(text).toMatch(
      /legacy_requests_total\{action="unauthenticated",caller="unknown",route="rejected",code="4000"\} 250/,
    );
    expect(text).toContain(
      'legacy_requests_total{action="unauthenticated",caller="unknown",route="rejected",code="4100"} 1',
    );
    // The real caller's real call still has its own series.
    expect(text).toContain(
      `legacy_requests_total{action="DescribeInstances",caller="${DEMO_ACCOUNT_A.secretId}",route="passthrough",code="0"} 2`,
    );
  });

  it('times the upstream calls, 3.0 and legacy apart', async () => {
    const text = await metricsText();
    expect(text).toMatch(/upstream_request_duration_seconds_count\{upstream="cvm3",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/upstream_request_duration_seconds_count\{upstream="legacy",outcome="ok"\} [1-9]/);
  });

  it('never shows a secret', async () => {
    const text = await metricsText();
    expect(text).not.toContain(DEMO_ACCOUNT_A.secretKey);
    expect(text).not.toMatch(/Signature/);
  });
});

describe('the public app', () => {
  it("serves neither /metrics nor /migration, though it feeds them (they are the admin listener's)", async () => {
    for (const path of ['/metrics', '/migration', '/readyz']) {
      const response = await h.app.request(`http://proxy${path}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 5000 });
    }
  });
});

describe('GET /migration', () => {
  it('lists the callers and Actions still on v2, with their routes', async () => {
    const response = await observability.pages.request('/migration');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain(DEMO_ACCOUNT_A.secretId);
    expect(page).toContain('DescribeInstances');
    expect(page).toMatch(/passthrough/);
    expect(page).not.toContain(DEMO_ACCOUNT_A.secretKey);
  });
});

/**
 * Shadow comparison: with SHADOW_SAMPLE, translated DescribeImages requests are also sent to the
 * legacy endpoint in the background and compared. The client always gets the translated answer,
 * at once; differences are counted (/metrics) and logged with the fields that differ.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyStandin, type LegacyStandinServer } from '../../dev/legacy-standin/server.js';
import { createNodeObservability } from '../../src/node/observability.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let standin: LegacyStandinServer;
let h: Harness;
/** The admin listener's pages (GET /metrics, GET /migration), fed by the proxy's observations. */
const observability = createNodeObservability();
beforeAll(async () => {
  standin = await startLegacyStandin();
  h = await startHarness({
    env: { LEGACY_ENDPOINT: standin.url, SHADOW_SAMPLE: '1', UPSTREAM_TIMEOUT_MS: '1500' },
    runtime: { observability },
  });
});
afterAll(async () => {
  await h.close();
  await standin.close();
});
afterEach(() => {
  standin.disagree('none');
  standin.fail('none');
});

async function metric(name: string): Promise<number> {
  const text = await (await observability.pages.request('/metrics')).text();
  const line = text.split('\n').find((l) => l.startsWith(name));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

/** Polls until `probe` holds, for at most `timeoutMs` (room for a busy machine; it ends as soon as it holds). */
async function eventually(probe: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

/** The shadow runs after the answer: wait (bounded) until the counter moves. */
async function until(name: string, atLeast: number): Promise<void> {
  await eventually(async () => (await metric(name)) >= atLeast);
  expect(await metric(name)).toBeGreaterThanOrEqual(atLeast);
}

describe('shadow comparison', () => {
  it('agrees when the legacy host answers the same', async () => {
    const before = await metric('shadow_comparisons_total{outcome="agree"}');
    const answer = await h.legacy({ params: { imageType: 1, status: 2, limit: 10 } });
    expect(answer).toMatchObject({ code: 0 });
    await until('shadow_comparisons_total{outcome="agree"}', before + 1);
    expect(standin.received.at(-1)).toMatchObject({
      host: standin.host,
      signatureVerified: true,
      params: { imageType: '1', status: '2' },
    });
  });

  it('compares errors by code: the same 4000 from both agrees', async () => {
    const before = await metric('shadow_comparisons_total{outcome="agree"}');
    expect(await h.legacy({ params: { imageType: 9 } })).toMatchObject({ code: 4000 });
    await until('shadow_comparisons_total{outcome="agree"}', before + 1);
  });

  it.each([
    ['change-field', 'imageSet[].osName'],
    ['drop-image', 'imageSet.length'],
    ['total-count', 'totalCount'],
  ] as const)(
    'finds a difference when the legacy host disagrees (%s → %s), counts and logs it',
    async (mode, field) => {
      standin.disagree(mode);
      const before = await metric(`shadow_differences_total{field="${field}"}`);
      const answer = await h.legacy({ params: { imageType: 2, limit: 5 } });
      expect(answer).toMatchObject({ code: 0, totalCount: 38 }); // the client still gets the translation
      await until(`shadow_differences_total{field="${field}"}`, before + 1);
      const logged = h.log
        .records()
        .filter((r) => r.msg === 'shadow answer differs')
        .at(-1);
      expect(logged?.differences).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(JSON.stringify(logged)).not.toMatch(/Signature|secretKey/i);
    },
  );

  it('never makes the client wait, and a failing shadow is only counted', async () => {
    standin.fail('hang');
    const before = await metric('shadow_comparisons_total{outcome="failed"}');
    standin.clearReceived();
    expect(await h.legacy({ params: { imageType: 2, limit: 1 } })).toMatchObject({ code: 0 });
    // The shadow hangs until its own deadline (1.5 s): the answer came while it was still waiting.
    expect(await metric('shadow_comparisons_total{outcome="failed"}')).toBe(before);
    // Only once the stand-in holds the shadow is it sure to hang; then the next one gets garbage.
    await eventually(() => standin.received.length === 1);
    expect(standin.received).toHaveLength(1);
    standin.fail('garbage');
    expect(await h.legacy({ params: { imageType: 2, limit: 1 } })).toMatchObject({ code: 0 });
    await until('shadow_comparisons_total{outcome="failed"}', before + 2);
  });

  it('is not run when 3.0 is down: an outage says nothing about the translation', async () => {
    h.emulator.faults.set({ kind: 'http500' });
    try {
      standin.clearReceived();
      // imageType 4: a query no earlier test put in the scan cache.
      expect(await h.legacy({ params: { imageType: 4, limit: 1 } })).toMatchObject({ code: 6200 });
      await new Promise((r) => setTimeout(r, 100));
      expect(standin.received).toHaveLength(0);
    } finally {
      h.emulator.faults.set(undefined);
    }
  });

  it('shows on the migration page', async () => {
    const page = await (await observability.pages.request('/migration')).text();
    expect(page).toMatch(/Shadow agreement/);
    expect(page).toContain('DescribeImages');
  });
});

describe('SHADOW_SAMPLE', () => {
  it('0 sends nothing to the legacy endpoint', async () => {
    const off = await startHarness({ env: { LEGACY_ENDPOINT: standin.url } });
    try {
      standin.clearReceived();
      await off.legacy({ params: { imageType: 2 } });
      await new Promise((r) => setTimeout(r, 50));
      expect(standin.received).toHaveLength(0);
    } finally {
      await off.close();
    }
  });

  it('samples the share it names', async () => {
    let dice = 0;
    const half = await startHarness({
      env: { LEGACY_ENDPOINT: standin.url, SHADOW_SAMPLE: '0.5' },
      runtime: { random: () => (dice++ % 2) / 2 },
    });
    try {
      standin.clearReceived();
      for (let i = 0; i < 6; i++) await half.legacy({ params: { imageType: 2, limit: 1 } });
      // The shadows arrive in the background: wait for them, not for a time.
      await eventually(() => standin.received.length >= 3);
      expect(standin.received).toHaveLength(3);
    } finally {
      await half.close();
    }
  });
});

/**
 * The gateway tells the record a call's shape once its signature verified, and the metrics get it
 * with the observation: never for a stranger, never with a secret, with the 3.0 calls it took.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../dev/emulator/accounts.js';
import type { MigrationMetrics, RequestObservation } from '../../src/observability/metrics/observations.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const seen: RequestObservation[] = [];
const capture: MigrationMetrics = {
  request: (o) => void seen.push(o),
  upstream() {},
  shadow() {},
  replayStoreFailures() {},
};
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ runtime: { observability: { metrics: capture } } });
});
afterAll(() => h.close());

describe('call shapes in the observations', () => {
  it('a verified call carries its shape and its 3.0 calls; nothing secret is in it', async () => {
    seen.length = 0;
    await h.legacy({ params: { imageType: 1, status: 2, offset: 100, limit: 5 }, signatureMethod: 'HmacSHA256' });
    const [o] = seen;
    expect(o?.shape).toMatchObject({ action: 'DescribeImages', example: { offset: '100', limit: '5' } });
    expect(o?.shape?.params.map((p) => p.name)).toEqual([
      'Region',
      'SignatureMethod',
      'imageType',
      'limit',
      'offset',
      'status',
    ]);
    expect(o?.upstreamCalls).toBe(2);
    const text = JSON.stringify(o);
    expect(text).not.toContain(DEMO_ACCOUNT_A.secretKey);
    expect(text).not.toMatch(/"(Signature|Nonce|Timestamp|SecretId)"/);
  });

  it("a call that failed after authentication still has its shape; a stranger's has none", async () => {
    seen.length = 0;
    await h.legacy({ params: { imageType: 3 } });
    await h.legacy({ params: { imageType: 1 }, account: { secretId: DEMO_ACCOUNT_B.secretId, secretKey: 'wrong' } });
    await h.legacy({ params: { imageType: 1 } }, (p) => void (p.SecretId = 'AKIDnobody'));
    expect(seen.map((o) => [o.code, o.shape?.params.find((p) => p.name === 'imageType')?.value])).toEqual([
      [6100, '3'],
      [4100, undefined],
      [4104, undefined],
    ]);
    expect(seen[0]?.upstreamCalls).toBe(0);
  });

  it('a 3.0-style call and a passed-through Action have shapes too', async () => {
    seen.length = 0;
    await h.legacy({ params: { Version: '2017-03-12', Region: 'ap-guangzhou', 'ImageIds.0': 'img-31tjrtph' } });
    await h.legacy({ params: { Action: 'DescribeInstances', 'instanceIds.0': 'ins-abc' } });
    // No LEGACY_ENDPOINT here: the Action is refused (6100) before it is routed, but it was verified.
    expect(seen.map((o) => [o.route, o.code, o.shape?.action])).toEqual([
      ['transitional', 0, 'DescribeImages'],
      ['rejected', 6100, 'DescribeInstances'],
    ]);
    expect(seen[1]?.shape?.params.find((p) => p.name === 'instanceIds.0')).toEqual({
      name: 'instanceIds.0',
      value: null,
    });
  });
});

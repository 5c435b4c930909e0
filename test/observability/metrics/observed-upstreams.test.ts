/** Each upstream call timed on the injected clock and reported as it ends, whatever its outcome. */
import { describe, expect, it } from 'vitest';
import { noMetrics } from '../../../src/observability/metrics/fan-out.js';
import type { MigrationMetrics, UpstreamObservation } from '../../../src/observability/metrics/observations.js';
import { observedCvm3Client, observedForwarder } from '../../../src/observability/metrics/observed-upstreams.js';
import type { Cvm3Call } from '../../../src/upstream/cvm3/client.js';
import type { ForwardedRequest, LegacyAnswer } from '../../../src/upstream/legacy-forwarder.js';

function setup() {
  const seen: UpstreamObservation[] = [];
  const metrics: MigrationMetrics = { ...noMetrics, upstream: (o) => void seen.push(o) };
  let clock = 1000;
  // Each read of the clock moves it by 25 ms: a call reads it twice, so it lasts 25 ms.
  const now = () => (clock += 25) - 25;
  return { seen, metrics, now };
}

const page = { TotalCount: 0, ImageSet: [], RequestId: 'r' };
const answer: LegacyAnswer = { status: 200, contentType: 'application/json', body: new Uint8Array() };

describe('observedCvm3Client', () => {
  it('passes the call and its answer through, and reports ok with the duration', async () => {
    const { seen, metrics, now } = setup();
    const calls: Cvm3Call[] = [];
    const client = observedCvm3Client({ describeImages: async (call) => (calls.push(call), page) }, metrics, now);
    const call = { region: 'ap-guangzhou' } as Cvm3Call;
    expect(await client.describeImages(call)).toBe(page);
    expect(calls).toEqual([call]);
    expect(seen).toEqual([{ upstream: 'cvm3', outcome: 'ok', durationMs: 25 }]);
  });

  it('reports an error and rethrows it as it was', async () => {
    const { seen, metrics, now } = setup();
    const failure = new Error('down');
    const client = observedCvm3Client({ describeImages: () => Promise.reject(failure) }, metrics, now);
    await expect(client.describeImages({} as Cvm3Call)).rejects.toBe(failure);
    expect(seen).toEqual([{ upstream: 'cvm3', outcome: 'error', durationMs: 25 }]);
  });

  it("never lets a failing sink change the call's outcome", async () => {
    const broken: MigrationMetrics = {
      ...noMetrics,
      upstream: () => {
        throw new Error('sink');
      },
    };
    const client = observedCvm3Client({ describeImages: async () => page }, broken, Date.now);
    expect(await client.describeImages({} as Cvm3Call)).toBe(page);
  });
});

describe('observedForwarder', () => {
  it('reports calls to the legacy endpoint as upstream "legacy"', async () => {
    const { seen, metrics, now } = setup();
    const forward = observedForwarder(async () => answer, metrics, now);
    expect(await forward({} as ForwardedRequest)).toBe(answer);
    await expect(
      observedForwarder(() => Promise.reject(new Error('x')), metrics, now)({} as ForwardedRequest),
    ).rejects.toThrow('x');
    expect(seen).toEqual([
      { upstream: 'legacy', outcome: 'ok', durationMs: 25 },
      { upstream: 'legacy', outcome: 'error', durationMs: 25 },
    ]);
  });
});

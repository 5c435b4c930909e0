/** The shapes a process keeps: verified calls only, the latest call's details, bounded by traffic. */
import { describe, expect, it } from 'vitest';
import { collectParams } from '../../../src/core/legacy/params.js';
import { callShapeOf } from '../../../src/core/migration/call-shape.js';
import type { RequestObservation } from '../../../src/observability/metrics/observations.js';
import { createShapeStats } from '../../../src/observability/migration/shape-stats.js';

const shape = (params: Record<string, string>) =>
  callShapeOf(collectParams(Object.entries({ Action: 'DescribeImages', Region: 'gz', ...params })));
const seen = (o: Partial<RequestObservation>): RequestObservation => ({
  action: 'DescribeImages',
  caller: 'AKIDa',
  route: 'translated',
  code: 0,
  durationMs: 1,
  ...o,
});

describe('shape stats', () => {
  it("counts per caller and shape, and keeps the latest call's example, route, code and 3.0 calls", () => {
    const stats = createShapeStats();
    stats.record(seen({ shape: shape({ imageType: '1', offset: '0' }), upstreamCalls: 2 }), 1_000);
    stats.record(seen({ shape: shape({ imageType: '1', offset: '100' }), upstreamCalls: 0, code: 6200 }), 2_000);
    stats.record(seen({ caller: 'AKIDb', shape: shape({ imageType: '1', offset: '5' }) }), 1_500);
    stats.record(seen({ caller: 'unknown', action: 'unauthenticated', route: 'rejected', code: 4100 }), 1_600);
    const all = stats.all(3_000).sort((a, b) => a.caller.localeCompare(b.caller));
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({
      caller: 'AKIDa',
      requests: 2,
      errors: 1,
      lastSeen: 2_000,
      lastCode: 6200,
      upstreamCalls: 0,
      shape: { example: { offset: '100' } },
    });
    expect(all[1]).toMatchObject({ caller: 'AKIDb', requests: 1, shape: { example: { offset: '5' } } });
  });

  it('holds at most maxShapes: a new shape takes the place of the quietest, the oldest among equals', () => {
    const stats = createShapeStats(3);
    const busy = shape({ imageType: '1' });
    for (let i = 0; i < 5; i++) stats.record(seen({ shape: busy }), i);
    stats.record(seen({ shape: shape({ imageType: '2' }) }), 10);
    stats.record(seen({ shape: shape({ imageType: '4' }) }), 11);
    stats.record(seen({ shape: shape({ imageType: '3' }) }), 12);
    const held = stats
      .all(20)
      .map((s) => s.shape.params.find((p) => p.name === 'imageType')?.value)
      .sort();
    expect(held).toEqual(['1', '3', '4']);
    for (let i = 0; i < 10_000; i++) stats.record(seen({ caller: `AKID${i}`, shape: busy }), 100 + i);
    expect(stats.all(20_000)).toHaveLength(3);
    expect(stats.all(20_000).some((s) => s.caller === 'AKIDa' && s.requests === 5)).toBe(true);
  });

  it('leaves out shapes not seen within the span asked for', () => {
    const stats = createShapeStats();
    stats.record(seen({ shape: shape({ imageType: '1' }) }), 0);
    stats.record(seen({ shape: shape({ imageType: '2' }) }), 90_000);
    expect(stats.all(100_000, 60_000)).toHaveLength(1);
  });
});

/** A replica's report in waiting: what it holds, its bounds, and a failed report given back. */
import { describe, expect, it } from 'vitest';
import { collectParams } from '../../../src/core/legacy/params.js';
import { callShapeOf } from '../../../src/core/migration/call-shape.js';
import type { RequestObservation } from '../../../src/observability/metrics/observations.js';
import { trafficField } from '../../../src/observability/migration/fleet-keys.js';
import { createFleetPending } from '../../../src/observability/migration/fleet-pending.js';

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
const MIN = 60_000;
const req = (o: Partial<RequestObservation> = {}): RequestObservation => ({
  action: 'DescribeImages',
  caller: 'AKIDa',
  route: 'translated',
  code: 0,
  durationMs: 1,
  ...o,
});
const shape = callShapeOf(
  collectParams([
    ['Action', 'DescribeImages'],
    ['imageType', '1'],
  ]),
);

describe('fleet pending report', () => {
  it('counts per minute × caller × Action × route × code, the latest time per hour, shadows and shapes', () => {
    const p = createFleetPending();
    p.recordRequest(req({ shape }), T0 + 1_000);
    p.recordRequest(req({ code: 4000, shape }), T0 + 2_000);
    p.recordRequest(req({ caller: 'x'.repeat(100), action: '<bad>' }), T0 + MIN);
    p.recordShadow({ outcome: 'differ', differingFields: [] }, T0);
    const b = p.take();
    expect(p.empty).toBe(true);
    const minute = T0 / MIN;
    expect([...b.minutes.get(minute)!]).toEqual([
      [trafficField('AKIDa', 'DescribeImages', 'translated', '0'), 1],
      [trafficField('AKIDa', 'DescribeImages', 'translated', '4000'), 1],
    ]);
    expect([...b.minutes.get(minute + 1)!.keys()]).toEqual([
      trafficField('x'.repeat(64), 'invalid', 'translated', '0'),
    ]);
    expect(b.seen.get(T0 / 3_600_000)!.get(JSON.stringify(['AKIDa', 'DescribeImages']))).toBe(T0 + 2_000);
    expect(b.shadow.get(minute)).toEqual({ agree: 0, differ: 1, failed: 0 });
    expect([...b.shapes.get(Math.floor(T0 / 86_400_000))!.values()][0]).toMatchObject({
      requests: 2,
      errors: 1,
      lastSeen: T0 + 2_000,
      lastCode: 4000,
    });
  });

  it('folds rows past maxKeys a minute into an other row per route and code', () => {
    const p = createFleetPending({ maxKeys: 2 });
    for (let i = 0; i < 50; i++) p.recordRequest(req({ caller: `AKID${i}`, code: i % 2 === 0 ? 0 : 6200 }), T0);
    const rows = p.take().minutes.get(T0 / MIN)!;
    expect(rows.size).toBe(4);
    expect(rows.get(trafficField('other', 'other', 'translated', '0'))).toBe(24);
    expect(rows.get(trafficField('other', 'other', 'translated', '6200'))).toBe(24);
  });

  it('keeps at most maxMinutes waiting (the oldest go, counted) and maxShapes a day', () => {
    const p = createFleetPending({ maxMinutes: 3, maxShapes: 2 });
    for (let m = 0; m < 10; m++)
      p.recordRequest(
        req({
          shape: callShapeOf(
            collectParams([
              ['Action', 'DescribeImages'],
              ['p' + m, '1'],
            ]),
          ),
        }),
        T0 + m * MIN,
      );
    const b = p.take();
    expect([...b.minutes.keys()]).toEqual([T0 / MIN + 7, T0 / MIN + 8, T0 / MIN + 9]);
    expect(p.dropped).toBe(7);
    expect(b.shapes.get(Math.floor(T0 / 86_400_000))!.size).toBe(2);
    expect(b.otherShapes.get(Math.floor(T0 / 86_400_000))).toBe(8);
  });

  it('a batch that could not be written comes back, with what arrived meanwhile added to it', () => {
    const p = createFleetPending();
    p.recordRequest(req({ shape }), T0);
    const failed = p.take();
    p.recordRequest(req({ shape }), T0 + 1);
    p.recordShadow({ outcome: 'agree', differingFields: [] }, T0);
    p.restore(failed);
    const b = p.take();
    expect(b.minutes.get(T0 / MIN)!.get(trafficField('AKIDa', 'DescribeImages', 'translated', '0'))).toBe(2);
    expect([...b.shapes.values()][0]!.size).toBe(1);
    expect([...[...b.shapes.values()][0]!.values()][0]).toMatchObject({ requests: 2, lastSeen: T0 + 1 });
    expect(b.shadow.get(T0 / MIN)).toEqual({ agree: 1, differ: 0, failed: 0 });
  });
});

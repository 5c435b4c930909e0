/** The page's time series, driven by an injected clock: minute buckets, the span, the key cap, the snapshot. */
import { describe, expect, it } from 'vitest';
import type { RequestObservation } from '../../../src/observability/metrics/observations.js';
import { MINUTE_MS } from '../../../src/observability/migration/traffic-buckets.js';
import { createTrafficHistory } from '../../../src/observability/migration/traffic-history.js';

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
const at = (minutes: number, seconds = 0) => T0 + minutes * MINUTE_MS + seconds * 1000;
const req = (o: Partial<RequestObservation> = {}): RequestObservation => ({
  action: 'DescribeImages',
  caller: 'AKIDalpha',
  route: 'translated',
  code: 0,
  durationMs: 5,
  ...o,
});

describe('traffic history', () => {
  it('counts requests and errors per minute, and totals per caller and Action', () => {
    const history = createTrafficHistory();
    history.recordRequest(req(), at(0, 1));
    history.recordRequest(req({ code: 4100 }), at(0, 59));
    history.recordRequest(req({ route: 'passthrough' }), at(1, 0));
    history.recordRequest(req({ caller: 'AKIDbeta', action: 'DescribeImageQuota', code: 6000 }), at(2, 30));
    const s = history.snapshot(at(3));

    expect(s.requests).toBe(4);
    expect(s.errors).toBe(2);
    const alpha = s.totals.find((t) => t.caller === 'AKIDalpha');
    expect(alpha).toMatchObject({
      action: 'DescribeImages',
      requests: 3,
      errors: 1,
      lastSeen: at(1, 0),
      routes: { translated: 2, passthrough: 1 },
      folded: false,
    });
    expect(alpha?.errorRate).toBeCloseTo(1 / 3);
    expect(s.totals[0]?.caller).toBe('AKIDalpha');
    expect(s.totals[1]).toMatchObject({
      caller: 'AKIDbeta',
      action: 'DescribeImageQuota',
      requests: 1,
      errors: 1,
      errorRate: 1,
    });

    const minute = (m: number) => s.series.find((p) => p.minute === at(m));
    expect(minute(0)).toEqual({ minute: at(0), requests: 2, errors: 1 });
    expect(minute(1)).toEqual({ minute: at(1), requests: 1, errors: 0 });
    expect(minute(2)).toEqual({ minute: at(2), requests: 1, errors: 1 });
    expect(minute(3)).toEqual({ minute: at(3), requests: 0, errors: 0 });
  });

  it('gives a dense series of at least the last hour, ending at the current minute', () => {
    const history = createTrafficHistory();
    history.recordRequest(req(), at(0));
    const s = history.snapshot(at(10, 20));
    expect(s.series).toHaveLength(60);
    expect(s.series.at(-1)?.minute).toBe(at(10));
    expect(s.from).toBe(at(-49));
    expect(s.to).toBe(at(10, 20));
    expect(s.series.every((p, i, all) => i === 0 || p.minute - all[i - 1]!.minute === MINUTE_MS)).toBe(true);
  });

  it('forgets minutes that leave the span, and the rows seen only in them', () => {
    const history = createTrafficHistory({ spanMinutes: 90 });
    history.recordRequest(req({ caller: 'AKIDold' }), at(0));
    history.recordRequest(req(), at(30));
    history.recordShadow({ outcome: 'differ', differingFields: ['totalCount'] }, at(0));
    expect(history.snapshot(at(89)).requests).toBe(2);
    expect(history.snapshot(at(89)).series).toHaveLength(90);

    const later = history.snapshot(at(90));
    expect(later.requests).toBe(1);
    expect(later.totals.map((t) => t.caller)).toEqual(['AKIDalpha']);
    expect(later.shadow).toMatchObject({ differ: 0, agreementRate: null });
    // The chart starts at the oldest minute still held (but shows at least an hour).
    expect(later.series[0]?.minute).toBe(at(30));
    expect(later.series).toHaveLength(61);

    expect(history.snapshot(at(500)).totals).toEqual([]);
  });

  it('drops an observation whose time is already outside the span (a clock that stepped back)', () => {
    const history = createTrafficHistory({ spanMinutes: 10 });
    history.recordRequest(req(), at(100));
    history.recordRequest(req({ caller: 'AKIDlate' }), at(80));
    history.recordRequest(req({ caller: 'AKIDrecent' }), at(95));
    expect(
      history
        .snapshot(at(100))
        .totals.map((t) => t.caller)
        .sort(),
    ).toEqual(['AKIDalpha', 'AKIDrecent']);
  });

  it('folds keys beyond the cap into an other row per route, and frees slots as keys expire', () => {
    const history = createTrafficHistory({ spanMinutes: 60, maxKeys: 2 });
    history.recordRequest(req({ caller: 'AKIDa' }), at(0));
    history.recordRequest(req({ caller: 'AKIDb' }), at(1));
    for (let i = 0; i < 5; i++) history.recordRequest(req({ caller: `AKIDextra${i}`, code: i % 2 }), at(2));
    history.recordRequest(req({ caller: 'AKIDextra9', route: 'rejected' }), at(2));
    history.recordRequest(req({ caller: 'AKIDa' }), at(3));

    const s = history.snapshot(at(3));
    expect(s.totals.map((t) => [t.caller, t.requests])).toEqual([
      ['other', 6],
      ['AKIDa', 2],
      ['AKIDb', 1],
    ]);
    expect(s.totals[0]).toMatchObject({
      folded: true,
      action: 'other',
      errors: 2,
      routes: { translated: 5, rejected: 1 },
    });

    // AKIDb's only minute leaves the span; its slot goes to the next new caller.
    history.recordRequest(req({ caller: 'AKIDnew' }), at(61));
    const t = history.snapshot(at(61)).totals;
    expect(t.find((row) => row.caller === 'AKIDnew')).toMatchObject({ folded: false, requests: 1 });
    expect(t.find((row) => row.caller === 'AKIDb')).toBeUndefined();
  });

  it('sanitises client input before it becomes a row', () => {
    const history = createTrafficHistory();
    history.recordRequest(req({ caller: 'x'.repeat(500), action: 'Describe<Images>' }), at(0));
    expect(history.snapshot(at(0)).totals[0]).toMatchObject({ caller: 'x'.repeat(64), action: 'invalid' });
  });

  it('counts shadow outcomes; the agreement rate leaves failed comparisons out', () => {
    const history = createTrafficHistory();
    expect(history.snapshot(at(0)).shadow).toEqual({ agree: 0, differ: 0, failed: 0, agreementRate: null });
    for (let i = 0; i < 3; i++) history.recordShadow({ outcome: 'agree', differingFields: [] }, at(i));
    history.recordShadow({ outcome: 'differ', differingFields: ['osName'] }, at(1));
    history.recordShadow({ outcome: 'failed', differingFields: [] }, at(2));
    expect(history.snapshot(at(2)).shadow).toEqual({ agree: 3, differ: 1, failed: 1, agreementRate: 0.75 });
  });

  it('keeps at most one bucket per minute of the span however long it runs', () => {
    const history = createTrafficHistory({ spanMinutes: 1440 });
    for (let m = 0; m < 3000; m++) history.recordRequest(req({ action: `Action${m % 7}` }), at(m));
    const s = history.snapshot(at(2999));
    expect(s.series).toHaveLength(1440);
    expect(s.requests).toBe(1440);
    expect(s.totals).toHaveLength(7);
  });
});

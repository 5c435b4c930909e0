import { describe, expect, it } from 'vitest';
import type { RequestObservation } from '../../../src/observability/metrics/observations.js';
import { RequestSeriesTable, type RequestLabels } from '../../../src/observability/metrics/request-series.js';

const observation = (action: string, caller = 'AKID1', code = 0): RequestObservation => ({
  action,
  caller,
  route: 'translated',
  code,
  durationMs: 1,
});

function table() {
  let cleaned = 0;
  const t = new RequestSeriesTable((o) => {
    cleaned += 1;
    const action = /^[A-Za-z]+$/.test(o.action) ? o.action : 'invalid';
    return {
      labels: { action, caller: o.caller, route: o.route, code: String(o.code) },
      durationLabels: { route: o.route, code_class: o.code === 0 ? '0' : '4xxx' },
    };
  });
  const drained = () => {
    const out: Array<[RequestLabels, number]> = [];
    t.drain((labels, count) => out.push([labels, count]));
    return out;
  };
  return { t, drained, cleaned: () => cleaned };
}

describe('RequestSeriesTable', () => {
  it('cleans each distinct raw observation once, and hands each series its count once', () => {
    const { t, drained, cleaned } = table();
    for (let i = 0; i < 5; i++) t.count(observation('DescribeImages'));
    t.count(observation('DescribeImages', 'AKID1', 4100));
    expect(cleaned()).toBe(2);
    expect(drained()).toEqual([
      [{ action: 'DescribeImages', caller: 'AKID1', route: 'translated', code: '0' }, 5],
      [{ action: 'DescribeImages', caller: 'AKID1', route: 'translated', code: '4100' }, 1],
    ]);
    expect(drained()).toEqual([]);
    t.count(observation('DescribeImages'));
    expect(drained()).toEqual([[{ action: 'DescribeImages', caller: 'AKID1', route: 'translated', code: '0' }, 1]]);
  });

  it('counts raw values that clean to the same labels in one series', () => {
    const { t, drained } = table();
    t.count(observation('bad-1'));
    t.count(observation('bad-2'));
    expect(drained()).toEqual([[{ action: 'invalid', caller: 'AKID1', route: 'translated', code: '0' }, 2]]);
  });

  it('keeps at most 10,000 raw combinations, and still counts every request past them', () => {
    const { t, drained, cleaned } = table();
    for (let i = 0; i < 10_050; i++) t.count(observation(`A${'x'.repeat(i % 7)}`, `caller-${i}`));
    t.count(observation('A', 'caller-10049'));
    expect(cleaned()).toBe(10_051); // the last one again: it was past the cap, so not kept
    expect(drained().reduce((sum, [, n]) => sum + n, 0)).toBe(10_051);
  });
});

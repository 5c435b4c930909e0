import { describe, expect, it } from 'vitest';
import { throttled } from '../../src/observability/throttle.js';

describe('throttled', () => {
  it('reports the first at once, then at most once per interval, with the count left out', () => {
    let clock = 1_000_000;
    const reports: [string, number][] = [];
    const report = throttled<string>(
      (value, suppressed) => reports.push([value, suppressed]),
      () => clock,
      1_000,
    );
    report('a');
    clock += 400;
    report('b');
    clock += 599;
    report('c');
    clock += 1;
    report('d');
    clock += 5_000;
    report('e');
    expect(reports).toEqual([
      ['a', 0],
      ['d', 2],
      ['e', 0],
    ]);
  });

  it('reports the first even at time 0', () => {
    const reports: number[] = [];
    throttled<string>(
      (_value, suppressed) => reports.push(suppressed),
      () => 0,
    )('x');
    expect(reports).toEqual([0]);
  });
});

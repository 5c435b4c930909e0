/** One observation, every sink. */
import { describe, expect, it } from 'vitest';
import { fanOut, noMetrics } from '../../../src/observability/metrics/fan-out.js';
import type { MigrationMetrics } from '../../../src/observability/metrics/observations.js';

function recorder(log: string[], name: string): MigrationMetrics {
  return {
    request: (o) => log.push(`${name} request ${o.action}`),
    upstream: (o) => log.push(`${name} upstream ${o.upstream}`),
    shadow: (o) => log.push(`${name} shadow ${o.outcome}`),
    replayStoreFailures: (count) => log.push(`${name} replay store failures ${count}`),
  };
}

describe('fanOut', () => {
  it('feeds every observation to every sink, in order', () => {
    const log: string[] = [];
    const metrics = fanOut(recorder(log, 'a'), recorder(log, 'b'));
    metrics.request({ action: 'DescribeImages', caller: 'AKIDa', route: 'translated', code: 0, durationMs: 1 });
    metrics.upstream({ upstream: 'cvm3', outcome: 'ok', durationMs: 1 });
    metrics.shadow({ outcome: 'agree', differingFields: [] });
    expect(log).toEqual([
      'a request DescribeImages',
      'b request DescribeImages',
      'a upstream cvm3',
      'b upstream cvm3',
      'a shadow agree',
      'b shadow agree',
    ]);
  });

  it('still feeds the later sinks when one throws, then rethrows', () => {
    const log: string[] = [];
    const broken: MigrationMetrics = {
      ...noMetrics,
      request: () => {
        throw new Error('broken sink');
      },
    };
    const metrics = fanOut(broken, recorder(log, 'b'));
    expect(() => metrics.request({ action: 'X', caller: 'c', route: 'rejected', code: 4100, durationMs: 0 })).toThrow(
      'broken sink',
    );
    expect(log).toEqual(['b request X']);
  });

  it('is the no-op sink when given none', () => {
    expect(fanOut()).toBe(noMetrics);
    expect(() =>
      noMetrics.request({ action: 'X', caller: 'c', route: 'translated', code: 0, durationMs: 0 }),
    ).not.toThrow();
  });
});

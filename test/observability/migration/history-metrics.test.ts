/** The traffic history fed as a metrics sink: requests and shadows stamped with the clock, nothing else kept. */
import { describe, expect, it } from 'vitest';
import { historyMetrics } from '../../../src/observability/migration/history-metrics.js';
import type { TrafficHistory } from '../../../src/observability/migration/traffic-history.js';

describe('historyMetrics', () => {
  it("records requests and shadow comparisons at the clock's time; upstream calls and replay failures are not the page's", () => {
    const recorded: unknown[] = [];
    const history = {
      recordRequest: (o, now) => void recorded.push(['request', o.action, now]),
      recordShadow: (o, now) => void recorded.push(['shadow', o.outcome, now]),
      snapshot: () => {
        throw new Error('not used');
      },
    } satisfies TrafficHistory;
    let now = 5_000;
    const metrics = historyMetrics(history, () => now);
    metrics.request({ action: 'DescribeImages', caller: 'AKID', route: 'translated', code: 0, durationMs: 3 });
    now = 6_000;
    metrics.shadow({ outcome: 'agree', differingFields: [] });
    metrics.upstream({ upstream: 'cvm3', outcome: 'ok', durationMs: 1 });
    metrics.replayStoreFailures(2);
    expect(recorded).toEqual([
      ['request', 'DescribeImages', 5_000],
      ['shadow', 'agree', 6_000],
    ]);
  });
});

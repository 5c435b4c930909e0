/** Metrics as log lines (the Worker): one line per upstream call and per shadow comparison, none per request. */
import { describe, expect, it } from 'vitest';
import { logMetrics } from '../../../src/observability/metrics/log-metrics.js';
import type { Logger } from '../../../src/observability/logger.js';

function recordingLogger() {
  const lines: Array<[Record<string, unknown>, string]> = [];
  const logger = {
    info: (fields: Record<string, unknown>, msg: string) => void lines.push([fields, msg]),
  } as unknown as Logger;
  return { lines, logger };
}

describe('logMetrics', () => {
  it('logs an upstream call and a shadow comparison, each with its metric name', () => {
    const { lines, logger } = recordingLogger();
    const metrics = logMetrics(logger);
    metrics.upstream({ upstream: 'cvm3', outcome: 'error', durationMs: 12 });
    metrics.shadow({ outcome: 'differ', differingFields: ['totalCount'] });
    expect(lines).toEqual([
      [{ metric: 'upstream_request', upstream: 'cvm3', outcome: 'error', durationMs: 12 }, 'upstream call'],
      [{ metric: 'shadow_comparison', outcome: 'differ', differingFields: ['totalCount'] }, 'shadow comparison'],
    ]);
  });

  it('adds nothing for requests (already a line each) or replay store failures', () => {
    const { lines, logger } = recordingLogger();
    const metrics = logMetrics(logger);
    metrics.request({ action: 'DescribeImages', caller: 'AKID', route: 'translated', code: 0, durationMs: 1 });
    metrics.replayStoreFailures(3);
    expect(lines).toEqual([]);
  });
});

/**
 * Metrics as log lines, for the Worker: an isolate's counters would show a sliver of the traffic,
 * so the Worker reports through its logs (Workers Logs, `[observability]`), where the platform
 * adds them up. Requests are already one line each ('legacy request', with action, secretId,
 * route and code); this adds a line per upstream call and per shadow comparison.
 */
import type { Logger } from '../logger.js';
import type { MigrationMetrics } from './observations.js';

export function logMetrics(logger: Logger): MigrationMetrics {
  return {
    request: () => {},
    upstream: (o) => logger.info({ metric: 'upstream_request', ...o }, 'upstream call'),
    shadow: (o) => logger.info({ metric: 'shadow_comparison', ...o }, 'shadow comparison'),
    // The Worker's replay store is a Durable Object, which fails closed (6200) and is logged there.
    replayStoreFailures: () => {},
  };
}

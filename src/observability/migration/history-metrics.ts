/**
 * The traffic history as a MigrationMetrics sink, so one fanOut feeds it and Prometheus alike.
 * This is the edge that reads the clock; the history itself only takes `now` as an argument.
 */
import type { MigrationMetrics } from '../metrics/observations.js';
import type { TrafficHistory } from './traffic-history.js';

export function historyMetrics(history: TrafficHistory, now: () => number): MigrationMetrics {
  return {
    request: (o) => history.recordRequest(o, now()),
    // The page shows what clients see; upstream latency is Prometheus's to chart.
    upstream: () => {},
    shadow: (o) => history.recordShadow(o, now()),
    replayStoreFailures: () => {},
  };
}

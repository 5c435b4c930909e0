/**
 * The traffic history (and the call shapes, when kept) as a MigrationMetrics sink, so one fanOut
 * feeds them and Prometheus alike. This is the edge that reads the clock, once an observation;
 * the history and the shapes only take `now` as an argument.
 */
import type { MigrationMetrics } from '../metrics/observations.js';
import type { ShapeStats } from './shape-stats.js';
import type { TrafficHistory } from './traffic-history.js';

export function historyMetrics(history: TrafficHistory, now: () => number, shapes?: ShapeStats): MigrationMetrics {
  return {
    request: (o) => {
      const at = now();
      history.recordRequest(o, at);
      shapes?.record(o, at);
    },
    // The page shows what clients see; upstream latency is Prometheus's to chart.
    upstream: () => {},
    shadow: (o) => history.recordShadow(o, now()),
    replayStoreFailures: () => {},
  };
}

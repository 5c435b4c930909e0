/**
 * A proxy-shaped set of observations with known totals, fed the way the app will feed them: one
 * fanOut into Prometheus and the page's history, on a clock the test moves.
 */
import { fanOut } from '../../../src/observability/metrics/fan-out.js';
import type { MigrationMetrics, RequestObservation } from '../../../src/observability/metrics/observations.js';
import { createPrometheusMetrics } from '../../../src/observability/metrics/prometheus-metrics.js';
import { historyMetrics } from '../../../src/observability/migration/history-metrics.js';
import { MINUTE_MS } from '../../../src/observability/migration/traffic-buckets.js';
import { createTrafficHistory } from '../../../src/observability/migration/traffic-history.js';

export const START = Date.UTC(2026, 10, 1, 9, 0, 0);
export const HOSTILE_CALLER = '<script>window.pwned = 1</script>"\'&';

/** What the page's table must show, per caller and Action: the counters' own totals. */
export const EXPECTED = [
  { caller: 'AKIDalphaDemo0001', action: 'DescribeImages', requests: 40, errors: 4 },
  { caller: 'AKIDbetaDemo00002', action: 'DescribeImages', requests: 12, errors: 0 },
  { caller: 'AKIDalphaDemo0001', action: 'DescribeImageQuota', requests: 6, errors: 6 },
  { caller: HOSTILE_CALLER, action: 'invalid', requests: 3, errors: 3 },
] as const;

export function knownTraffic() {
  let now = START;
  const prometheus = createPrometheusMetrics();
  const history = createTrafficHistory();
  const metrics: MigrationMetrics = fanOut(
    prometheus,
    historyMetrics(history, () => now),
  );
  const send = (o: Omit<RequestObservation, 'durationMs'>) => metrics.request({ ...o, durationMs: 20 });

  // Spread over 45 minutes, so the chart has a shape: a burst of errors at minute 30.
  for (let minute = 0; minute < 45; minute++) {
    now = START + minute * MINUTE_MS + 5_000;
    if (minute < 40)
      send({
        caller: 'AKIDalphaDemo0001',
        action: 'DescribeImages',
        route: 'translated',
        code: minute >= 30 && minute < 34 ? 6200 : 0,
      });
    if (minute % 4 === 0)
      send({
        caller: 'AKIDbetaDemo00002',
        action: 'DescribeImages',
        route: minute < 20 ? 'passthrough' : 'translated',
        code: 0,
      });
    if (minute >= 30 && minute < 36)
      send({ caller: 'AKIDalphaDemo0001', action: 'DescribeImageQuota', route: 'rejected', code: 4100 });
    if (minute === 44)
      for (let i = 0; i < 3; i++)
        send({ caller: HOSTILE_CALLER, action: '<img src=x onerror=alert(1)>', route: 'rejected', code: 4100 });
    metrics.upstream({ upstream: 'cvm3', outcome: 'ok', durationMs: 80 });
    metrics.shadow(
      minute % 10 === 9
        ? { outcome: 'differ', differingFields: ['imageSet[0].osName'] }
        : { outcome: 'agree', differingFields: [] },
    );
  }
  now = START + 45 * MINUTE_MS;
  return { prometheus, history, metrics, now: () => now, setNow: (ms: number) => void (now = ms) };
}

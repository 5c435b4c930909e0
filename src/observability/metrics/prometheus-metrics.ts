/**
 * The migration metrics as Prometheus series, on a registry of their own (never prom-client's
 * global one), so several app instances and tests in one process do not collide. Node only:
 * prom-client is not meant for Workers; the rest of src/observability does not need it.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { buildInfo, type BuildInfo } from '../version.js';
import {
  actionLabel,
  boundedValues,
  capLabel,
  codeClassLabel,
  codeLabel,
  fieldLabel,
  routeLabel,
} from './label-values.js';
import type { MigrationMetrics } from './observations.js';
import { RequestSeriesTable } from './request-series.js';

/** From a fast cached answer (5 ms) to the proxy's default upstream deadline (10 s). */
export const UPSTREAM_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** The proxy's own answers: from a refusal before any upstream call (1 ms) to past the request deadline (10 s). */
export const REQUEST_BUCKETS_SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface PrometheusMetricsOptions {
  /** Distinct values kept per client-derived label (caller, action, field); later ones count as 'other'. */
  readonly maxLabelValues?: number;
  /**
   * Also expose Node's process metrics (CPU, memory, event loop) under their standard names
   * (`process_*`, `nodejs_*`), unprefixed, so that generic Node dashboards and alerts find them.
   */
  readonly processMetrics?: boolean;
  /** What legacy_proxy_build_info says; by default this package's version, GIT_COMMIT and Node's. */
  readonly build?: BuildInfo;
}

export interface PrometheusMigrationMetrics extends MigrationMetrics {
  /** The Content-Type of metricsText(): Prometheus text exposition format 0.0.4. */
  readonly contentType: string;
  metricsText(): Promise<string>;
}

export function createPrometheusMetrics(options: PrometheusMetricsOptions = {}): PrometheusMigrationMetrics {
  const limit = options.maxLabelValues ?? 200;
  const caller = boundedValues(limit);
  const action = boundedValues(limit);
  const field = boundedValues(limit);
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });

  const build = new Gauge({
    name: 'legacy_proxy_build_info',
    help: 'Always 1; the labels say which version and commit of the proxy runs, on which Node release.',
    labelNames: ['version', 'commit', 'node'] as const,
    registers: [registry],
  });
  build.set(options.build ?? buildInfo(), 1);

  // Each request's labels are cleaned once per distinct raw values, and counted on a plain number
  // that the counter takes up when scraped (request-series.ts).
  const series = new RequestSeriesTable((o) => ({
    labels: {
      action: action(actionLabel(o.action)),
      caller: caller(capLabel(o.caller)),
      route: routeLabel(o.route),
      code: codeLabel(o.code),
    },
    durationLabels: { route: routeLabel(o.route), code_class: codeClassLabel(o.code) },
  }));
  new Counter({
    name: 'legacy_requests_total',
    help: 'Legacy API 2.0 requests answered, by Action, caller SecretId, route and legacy answer code (0 = success).',
    labelNames: ['action', 'caller', 'route', 'code'] as const,
    registers: [registry],
    collect() {
      series.drain((labels, count) => this.inc(labels, count));
    },
  });
  // No caller or Action here: route and code class keep the series few, whatever the traffic.
  const answers = new Histogram({
    name: 'legacy_proxy_request_duration_seconds',
    help: "Time from a legacy request's arrival to the proxy's answer, by route and legacy code class (0, 4xxx, 5xxx, 6xxx, other).",
    labelNames: ['route', 'code_class'] as const,
    buckets: REQUEST_BUCKETS_SECONDS,
    registers: [registry],
  });
  const upstream = new Histogram({
    name: 'upstream_request_duration_seconds',
    help: 'Duration of calls to an upstream API (cvm3 = CVM API 3.0, legacy = the old API 2.0), by outcome.',
    labelNames: ['upstream', 'outcome'] as const,
    buckets: UPSTREAM_BUCKETS_SECONDS,
    registers: [registry],
  });
  const comparisons = new Counter({
    name: 'shadow_comparisons_total',
    help: 'Shadow comparisons of the translated answer with the legacy one, by outcome (agree, differ, failed).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const differences = new Counter({
    name: 'shadow_differences_total',
    help: 'Legacy answer fields that differed in shadow comparisons, by field path (array indices removed).',
    labelNames: ['field'] as const,
    registers: [registry],
  });

  const replayStoreFailures = new Counter({
    name: 'replay_store_failures_total',
    help: 'Failures of the shared replay store (Redis); REPLAY_STORE_ON_FAILURE decided what the requests got.',
    registers: [registry],
  });

  return {
    contentType: registry.contentType,
    metricsText: () => registry.metrics(),
    request(o) {
      answers.observe(series.count(o).durationLabels, seconds(o.durationMs));
    },
    upstream(o) {
      upstream.observe({ upstream: o.upstream, outcome: o.outcome }, seconds(o.durationMs));
    },
    replayStoreFailures(count) {
      replayStoreFailures.inc(count);
    },
    shadow(o) {
      comparisons.inc({ outcome: o.outcome });
      // A field listed twice in one comparison still differed once.
      for (const name of new Set(o.differingFields.map(fieldLabel))) differences.inc({ field: field(name) });
    },
  };
}

/** A clock that stepped back must not record a negative duration. */
function seconds(durationMs: number): number {
  return Number.isFinite(durationMs) && durationMs > 0 ? durationMs / 1000 : 0;
}

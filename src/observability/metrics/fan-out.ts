/** Feed one observation to several sinks (Prometheus and the page's history), or to none. */
import type { MigrationMetrics } from './observations.js';

/** A sink that ignores everything: the default where metrics are not wired. */
export const noMetrics: MigrationMetrics = Object.freeze({
  request() {},
  upstream() {},
  shadow() {},
  replayStoreFailures() {},
});

/**
 * Every sink sees every observation, in order, even if an earlier one throws; the first error is
 * rethrown after all have run, so a broken sink is noticed rather than silently starving the rest.
 */
export function fanOut(...sinks: MigrationMetrics[]): MigrationMetrics {
  if (sinks.length === 0) return noMetrics;
  if (sinks.length === 1) return sinks[0]!;
  // A loop per kind of observation, not a closure per call: this runs for every request.
  return {
    request(o) {
      let failure: { error: unknown } | undefined;
      for (const sink of sinks) {
        try {
          sink.request(o);
        } catch (error) {
          failure ??= { error };
        }
      }
      if (failure) throw failure.error;
    },
    upstream: (o) => each(sinks, (sink) => sink.upstream(o)),
    shadow: (o) => each(sinks, (sink) => sink.shadow(o)),
    replayStoreFailures: (count) => each(sinks, (sink) => sink.replayStoreFailures(count)),
  };
}

function each(sinks: readonly MigrationMetrics[], call: (sink: MigrationMetrics) => void): void {
  let failure: { error: unknown } | undefined;
  for (const sink of sinks) {
    try {
      call(sink);
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}

/**
 * Upstream latency for the metrics: each 3.0 call (every attempt, retries included) and each
 * call to the legacy endpoint is timed here, around the bare client, and reported as it ends.
 */
import type { Cvm3Client } from '../../upstream/cvm3/client.js';
import type { LegacyForwarder } from '../../upstream/legacy-forwarder.js';
import type { MigrationMetrics, UpstreamObservation } from './observations.js';

async function timed<T>(
  upstream: UpstreamObservation['upstream'],
  metrics: MigrationMetrics,
  now: () => number,
  call: () => Promise<T>,
): Promise<T> {
  const started = now();
  let outcome: UpstreamObservation['outcome'] = 'error';
  try {
    const result = await call();
    outcome = 'ok';
    return result;
  } finally {
    try {
      metrics.upstream({ upstream, outcome, durationMs: now() - started });
    } catch {
      // A metrics sink never decides a call's outcome.
    }
  }
}

export function observedCvm3Client(client: Cvm3Client, metrics: MigrationMetrics, now: () => number): Cvm3Client {
  return { describeImages: (call) => timed('cvm3', metrics, now, () => client.describeImages(call)) };
}

export function observedForwarder(
  forward: LegacyForwarder,
  metrics: MigrationMetrics,
  now: () => number,
): LegacyForwarder {
  return (request) => timed('legacy', metrics, now, () => forward(request));
}

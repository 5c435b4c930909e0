/**
 * Shadow comparison (SHADOW_SAMPLE): a sampled share of translated DescribeImages requests is
 * also sent to the legacy endpoint, in the background, and the two answers are compared field by
 * field. The client has its translated answer already; the shadow never delays it, and a shadow
 * that fails is only counted. At most `maxInFlight` shadows run at once: a slow legacy host
 * costs skipped samples, never a growing pile of background work.
 */
import { compareLegacyAnswers } from '../core/shadow/compare-answers.js';
import type { LegacyEnvelope } from '../core/legacy/envelope.js';
import type { RouteContext } from './context.js';
import type { Logger } from '../observability/logger.js';
import type { MigrationMetrics } from '../observability/metrics/observations.js';
import type { LegacyForwarder } from '../upstream/legacy-forwarder.js';

export interface ShadowOptions {
  readonly forward: LegacyForwarder;
  /** The share of translated requests compared, 0–1. */
  readonly sample: number;
  readonly timeoutMs: number;
  readonly maxInFlight: number;
  readonly metrics: MigrationMetrics;
  readonly logger: Logger;
  readonly random?: () => number;
}

export type ShadowComparer = (context: RouteContext, translated: LegacyEnvelope) => void;

export function createShadowComparer(options: ShadowOptions): ShadowComparer {
  const random = options.random ?? Math.random;
  let inFlight = 0;

  async function compare(context: RouteContext, translated: LegacyEnvelope): Promise<void> {
    const { requestId } = context.record;
    const secretId = context.auth.caller.secretId;
    try {
      const answer = await options.forward({
        method: context.method,
        params: context.params,
        secretKey: context.auth.caller.secretKey,
        signedOrder: context.auth.signedOrder,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (answer.status !== 200) throw new Error(`the legacy endpoint answered HTTP ${answer.status}`);
      const legacy: unknown = JSON.parse(new TextDecoder().decode(answer.body));
      const differences = compareLegacyAnswers(translated, legacy);
      const differingFields = differences.map((d) => d.field);
      options.metrics.shadow({ outcome: differences.length === 0 ? 'agree' : 'differ', differingFields });
      if (differences.length > 0)
        options.logger.warn(
          { requestId, secretId, action: context.record.action, differences },
          'shadow answer differs',
        );
      else options.logger.debug({ requestId }, 'shadow answer agrees');
    } catch (error) {
      options.metrics.shadow({ outcome: 'failed', differingFields: [] });
      options.logger.warn(
        { requestId, secretId, reason: error instanceof Error ? error.message : String(error) },
        'shadow comparison failed',
      );
    }
  }

  return function consider(context, translated) {
    if (options.sample <= 0 || random() >= options.sample) return;
    if (inFlight >= options.maxInFlight) {
      options.logger.debug({ requestId: context.record.requestId, inFlight }, 'shadow skipped: too many in flight');
      return;
    }
    inFlight += 1;
    context.background(compare(context, translated).finally(() => (inFlight -= 1)));
  };
}

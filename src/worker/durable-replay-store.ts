/**
 * Replay protection through the ReplayGuard Durable Object. The instance is named after the
 * caller and the first byte of the signature: one caller's traffic spreads over 256 instances,
 * while a replay (the same signature) always reaches the instance that saw the original. If the
 * object cannot be reached before the deadline the request is refused (6200): letting it in
 * unchecked would open a replay hole.
 */
import { LegacyError } from '../core/errors.js';
import type { ReplayStore, ReplayVerdict } from '../replay/replay-store.js';
import type { DurableObjectNamespaceLike } from './platform.js';
import { REPLAY_GUARD_PATH } from './replay-guard.js';

const VERDICTS: readonly ReplayVerdict[] = ['first', 'seen', 'full'];

export function createDurableReplayStore(namespace: DurableObjectNamespaceLike): ReplayStore {
  return {
    async remember(scope, id, expiresAtMs, signal) {
      try {
        const guard = namespace.get(namespace.idFromName(`${scope}/${id.slice(0, 2)}`));
        const response = await guard.fetch(`https://replay-guard${REPLAY_GUARD_PATH}`, {
          method: 'POST',
          body: JSON.stringify({ id, expiresAtMs }),
          ...(signal ? { signal } : {}),
        });
        const { verdict } = (await response.json()) as { verdict?: ReplayVerdict };
        if (verdict && VERDICTS.includes(verdict)) return verdict;
        throw new Error(`unexpected answer (HTTP ${response.status})`);
      } catch (error) {
        throw new LegacyError(6200, 'replay protection is unavailable; retry shortly', { cause: error });
      }
    },
  };
}

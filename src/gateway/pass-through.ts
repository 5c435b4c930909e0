/**
 * An Action the proxy does not translate (or one routed `passthrough`): sent on to the legacy
 * endpoint, re-signed for its host with the caller's own key, and its answer returned unchanged.
 */
import { clip } from '../core/clip.js';
import { LegacyError } from '../core/errors.js';
import type { LegacyAnswer, LegacyForwarder } from '../upstream/legacy-forwarder.js';
import type { RouteContext } from './context.js';

export async function passThrough(context: RouteContext, forward: LegacyForwarder | undefined): Promise<LegacyAnswer> {
  const action = clip(context.params.get('Action') ?? '', 64);
  if (!forward) {
    throw new LegacyError(6100, `Action ${action} is not translated by this proxy, and no LEGACY_ENDPOINT is configured to pass it through`);
  }
  context.facts.route = 'passthrough';
  return forward({
    method: context.method,
    params: context.params,
    secretKey: context.auth.caller.secretKey,
    signedOrder: context.auth.signedOrder,
    signal: context.signal,
  });
}

/** The legacy `code` of a forwarded answer, for the log and the metrics; -1 when it has none. */
export function forwardedCode(answer: LegacyAnswer): number {
  if (answer.status !== 200) return -1;
  try {
    const code: unknown = JSON.parse(new TextDecoder().decode(answer.body))?.code;
    return Number.isInteger(code) ? (code as number) : -1;
  } catch {
    return -1;
  }
}

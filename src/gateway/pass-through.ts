/**
 * An Action the proxy does not translate (or one routed `passthrough`): sent on to the legacy
 * endpoint, re-signed for its host with the caller's own key, and its answer returned unchanged.
 */
import { clip } from '../core/clip.js';
import { LegacyError } from '../core/errors.js';
import type { LegacyAnswer, LegacyForwarder } from '../upstream/legacy-forwarder.js';
import type { RouteContext } from './context.js';

/** The forwarder, or 6100 for the Action when there is none (no LEGACY_ENDPOINT). */
export function forwarderFor(action: string, forward: LegacyForwarder | undefined): LegacyForwarder {
  if (forward) return forward;
  throw new LegacyError(
    6100,
    `Action ${clip(action, 64)} is not translated by this proxy, and no LEGACY_ENDPOINT is configured to pass it through`,
  );
}

export function passThrough(context: RouteContext, forward: LegacyForwarder): Promise<LegacyAnswer> {
  return forward({
    method: context.method,
    params: context.params,
    secretKey: context.auth.caller.secretKey,
    signedOrder: context.auth.signedOrder,
    signal: context.signal,
  });
}

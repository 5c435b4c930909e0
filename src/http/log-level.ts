/**
 * The level of a legacy request's log line, by how it ended, so that alerts on warn and error
 * fire on what an operator must look at (docs/operations.md#logs):
 * - info: answered, or refused because of the caller (4xxx: signature, replay, parameters, limits);
 * - warn: 5xxx and 6xxx, what API 3.0 or the legacy host failed to do (6200 outages among them),
 *   and a legacy host's answer that carries no code (not JSON, or not HTTP 200);
 * - error: the proxy's own fault (an unexpected error answered 6000, or no outcome at all).
 */
import type { Outcome } from '../gateway/outcome.js';

export type RequestLogLevel = 'info' | 'warn' | 'error';

/** `code` is the outcome's legacy code (codeOf): -1 for a forwarded answer without one. */
export function requestLogLevel(outcome: Outcome | undefined, code: number): RequestLogLevel {
  if (!outcome || (outcome.kind === 'failed' && outcome.fault)) return 'error';
  return code === -1 || code >= 5000 ? 'warn' : 'info';
}

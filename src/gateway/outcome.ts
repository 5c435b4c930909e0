/**
 * How one legacy request ended, as one value: one of the three kinds of answer, or the error that
 * stopped it. The app renders an answer; an error becomes its envelope in the app's onError.
 */
import type { LegacyError } from '../core/errors.js';
import type { LegacyEnvelope } from '../core/legacy/envelope.js';
import type { Cvm3Answer } from '../core/transitional/cvm3-answer.js';
import type { LegacyAnswer } from '../upstream/legacy-answer.js';

export type Answer =
  /** Translated from 3.0: the legacy envelope. */
  | { readonly kind: 'legacy'; readonly envelope: LegacyEnvelope }
  /** A transitional call's 3.0 answer, in the 3.0 shape. */
  | { readonly kind: 'cvm3'; readonly answer: Cvm3Answer }
  /** The legacy endpoint's answer, passed on as it came. */
  | { readonly kind: 'forwarded'; readonly answer: LegacyAnswer };

/** `fault`: the proxy itself failed (an unexpected error, answered 6000), not a caller or an upstream. */
export type Outcome = Answer | { readonly kind: 'failed'; readonly error: LegacyError; readonly fault?: true };

/** The legacy `code` of an outcome, for the log and the metrics; -1 for a forwarded answer that has none. */
export function codeOf(outcome: Outcome): number {
  if (outcome.kind === 'failed') return outcome.error.code;
  return outcome.kind === 'forwarded' ? forwardedCode(outcome.answer) : 0;
}

function forwardedCode(answer: LegacyAnswer): number {
  if (answer.status !== 200) return -1;
  try {
    const code: unknown = JSON.parse(new TextDecoder().decode(answer.body))?.code;
    return Number.isInteger(code) ? (code as number) : -1;
  } catch {
    return -1;
  }
}

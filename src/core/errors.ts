/**
 * The one error family of the core. Anything that stops a legacy request throws a
 * `LegacyError`; the app turns it into the legacy envelope in exactly one place.
 */
import { LEGACY_CODES, type LegacyErrorCode } from './legacy/codes.js';

export class LegacyError extends Error {
  override readonly name = 'LegacyError';
  readonly codeDesc: string;
  /** The 3.0 RequestId, when the error came from API 3.0. */
  readonly upstreamRequestId: string | undefined;
  /** A failure of API 3.0 that the same call may not meet again (reset, 5xx, rate limit). */
  readonly retryable: boolean;

  constructor(
    readonly code: LegacyErrorCode,
    message: string,
    options: { codeDesc?: string; upstreamRequestId?: string; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.codeDesc = options.codeDesc ?? LEGACY_CODES[code];
    this.upstreamRequestId = options.upstreamRequestId;
    this.retryable = options.retryable ?? false;
  }
}

/** 4000 with a message that names the parameter and what is wrong with it (Part B.9). */
export function invalidParameter(name: string, problem: string): LegacyError {
  return new LegacyError(4000, `${name}: ${problem}`);
}

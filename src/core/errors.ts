/**
 * The one error family of the core. Anything that stops a legacy request throws a
 * `LegacyError`; the app turns it into the legacy envelope in exactly one place.
 */

/**
 * Legacy (API 2.0) common error codes and the `codeDesc` each carries.
 * Source: the legacy error-code pages (docs/contract.md#a1, docs/contract.md#leg-err). Errors that come from
 * API 3.0 carry the 3.0 error code as their `codeDesc` instead (see translate/upstream-errors.ts).
 */
export const LEGACY_CODES = {
  0: 'Success',
  4000: 'InvalidParameter',
  4100: 'AuthFailure',
  4101: 'UnauthorizedOperation',
  4104: 'SecretIdNotFound',
  4105: 'TokenFailure',
  4200: 'RequestExpired',
  4300: 'AccessDenied',
  4400: 'RequestLimitExceeded',
  4500: 'ReplayAttack',
  4600: 'ProtocolNotSupported',
  5000: 'ResourceNotFound',
  5100: 'FailedOperation',
  6000: 'InternalError',
  6100: 'UnsupportedOperation',
  6200: 'ServiceUnavailable',
} as const;

export type LegacyCode = keyof typeof LEGACY_CODES;
export type LegacyErrorCode = Exclude<LegacyCode, 0>;

export class LegacyError extends Error {
  override readonly name = 'LegacyError';
  readonly codeDesc: string;
  /** The 3.0 RequestId, when the error came from API 3.0. */
  readonly upstreamRequestId: string | undefined;
  /** A failure of API 3.0 that the same call may not meet again (reset, 5xx, rate limit). */
  readonly retryable: boolean;
  /** The 3.0 error itself, when there is one: a 3.0-style (transitional) answer shows it as it came. */
  readonly cvm3Error: { readonly code: string; readonly message: string } | undefined;

  constructor(
    readonly code: LegacyErrorCode,
    message: string,
    options: {
      codeDesc?: string;
      upstreamRequestId?: string;
      retryable?: boolean;
      cause?: unknown;
      cvm3Error?: { readonly code: string; readonly message: string };
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.codeDesc = options.codeDesc ?? LEGACY_CODES[code];
    this.upstreamRequestId = options.upstreamRequestId;
    this.retryable = options.retryable ?? false;
    this.cvm3Error = options.cvm3Error;
  }
}

/** 4000 with a message that names the parameter and what is wrong with it (docs/contract.md#b9). */
export function invalidParameter(name: string, problem: string): LegacyError {
  return new LegacyError(4000, `${name}: ${problem}`);
}

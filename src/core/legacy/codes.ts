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

/**
 * API 3.0 errors as legacy errors (docs/contract.md#b10). The legacy message keeps the 3.0
 * code and RequestId so that an operator can find the call in Tencent Cloud's logs; the 3.0
 * code also becomes the `codeDesc`.
 */
import { LegacyError } from '../errors.js';
import type { LegacyErrorCode } from '../errors.js';

/** First match wins; a trailing `*` is a prefix glob, as docs/contract.md#b10 writes it (`InvalidParameter*` covers `InvalidParameterValue.…`). */
const CVM3_TO_LEGACY: ReadonlyArray<readonly [pattern: string, code: LegacyErrorCode]> = [
  ['AuthFailure.SignatureFailure', 4100],
  ['AuthFailure.InvalidAuthorization', 4100],
  ['AuthFailure.InvalidSecretId', 4100],
  ['AuthFailure.SecretIdNotFound', 4104],
  ['AuthFailure.TokenFailure', 4105],
  ['AuthFailure.UnauthorizedOperation', 4101],
  ['UnauthorizedOperation*', 4101],
  ['AuthFailure.SignatureExpire', 4200],
  // Not in docs/contract.md#b10 by name: any other authentication failure is still one (docs/contract.md#ours-upstream-errors).
  ['AuthFailure*', 4100],
  ['InvalidParameter*', 4000],
  ['InvalidFilter*', 4000],
  ['InvalidImageId*', 4000],
  ['MissingParameter', 4000],
  ['UnknownParameter', 4000],
  ['InvalidRegion*', 4000],
  ['UnsupportedRegion', 4000],
  ['RequestLimitExceeded*', 4400],
  ['LimitExceeded', 4400],
  ['ResourceNotFound*', 5000],
  ['FailedOperation*', 5100],
  ['InternalError*', 6000],
  ['InvalidAction', 6100],
  ['NoSuchVersion', 6100],
  ['ActionOffline', 6100],
  ['ServiceUnavailable', 6200],
  ['ResourceUnavailable', 6200],
];

/** A 3.0 code the table does not name is still a failed operation, never a success. */
const UNLISTED: LegacyErrorCode = 5100;

export function legacyCodeFor(cvm3Code: string): LegacyErrorCode {
  for (const [pattern, code] of CVM3_TO_LEGACY) {
    if (pattern.endsWith('*')) {
      if (cvm3Code.startsWith(pattern.slice(0, -1))) return code;
    } else if (cvm3Code === pattern) {
      return code;
    }
  }
  return UNLISTED;
}

/** 3.0 errors worth one more try: the rate limit, and 3.0 saying it is briefly unavailable. */
const RETRYABLE_CVM3 = /^(RequestLimitExceeded(\..*)?|ServiceUnavailable|ResourceUnavailable)$/;

export function fromCvm3Error(cvm3Code: string, message: string, requestId: string): LegacyError {
  return new LegacyError(legacyCodeFor(cvm3Code), `(${cvm3Code}) ${message} [RequestId ${requestId || 'none'}]`, {
    codeDesc: cvm3Code,
    retryable: RETRYABLE_CVM3.test(cvm3Code),
    cvm3Error: { code: cvm3Code, message },
    ...(requestId ? { upstreamRequestId: requestId } : {}),
  });
}

/** Unreachable, timed out, or an answer that is not 3.0 JSON: the service is unavailable (docs/contract.md#b10). */
export function upstreamUnavailable(reason: string, cause?: unknown, retryable = false): LegacyError {
  return new LegacyError(6200, `API 3.0 is unavailable: ${reason}`, {
    cause,
    codeDesc: 'ServiceUnavailable',
    retryable,
  });
}

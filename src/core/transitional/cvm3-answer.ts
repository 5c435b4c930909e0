/**
 * Answers to transitional (3.0-style) calls, in the 3.0 shape their clients read:
 * `{Response: {…, RequestId}}`, or `{Response: {Error: {Code, Message}, RequestId}}`. An error that
 * came from API 3.0 is shown as it came; one the proxy found itself is named with the 3.0 code
 * closest to its legacy code (the inverse of docs/contract.md#b10).
 */
import type { LegacyError } from '../errors.js';
import type { LegacyErrorCode } from '../errors.js';

export interface Cvm3Answer {
  Response: Record<string, unknown> & { RequestId: string };
}

const CVM3_CODE_OF: Record<LegacyErrorCode, string> = {
  4000: 'InvalidParameter',
  4100: 'AuthFailure.SignatureFailure',
  4101: 'AuthFailure.UnauthorizedOperation',
  4104: 'AuthFailure.SecretIdNotFound',
  4105: 'AuthFailure.TokenFailure',
  4200: 'AuthFailure.SignatureExpire',
  4300: 'UnauthorizedOperation',
  4400: 'RequestLimitExceeded',
  // 3.0 has no code of its own for a replayed request; its signature is what is refused.
  4500: 'AuthFailure.SignatureFailure',
  4600: 'UnsupportedProtocol',
  5000: 'ResourceNotFound',
  5100: 'FailedOperation',
  6000: 'InternalError',
  6100: 'UnsupportedOperation',
  6200: 'ServiceUnavailable',
};

export function cvm3Success(fields: Record<string, unknown>, requestId: string): Cvm3Answer {
  return { Response: { ...fields, RequestId: requestId } };
}

/** `requestId` is used when the error did not come with a 3.0 RequestId of its own. */
export function cvm3Failure(error: LegacyError, requestId: string): Cvm3Answer {
  const { code, message } = error.cvm3Error ?? { code: CVM3_CODE_OF[error.code], message: error.message };
  return { Response: { Error: { Code: code, Message: message }, RequestId: error.upstreamRequestId ?? requestId } };
}

/** API 3.0 error codes as legacy codes, and what the legacy error keeps of the 3.0 one (B.10). */
import { describe, expect, it } from 'vitest';
import { legacyCodeFor, fromCvm3Error, upstreamUnavailable } from '../../../src/core/translate/upstream-errors.js';

describe('3.0 error codes as legacy codes (B.10)', () => {
  it.each([
    ['AuthFailure.SignatureFailure', 4100],
    ['AuthFailure.InvalidAuthorization', 4100],
    ['AuthFailure.InvalidSecretId', 4100],
    ['AuthFailure.SecretIdNotFound', 4104],
    ['AuthFailure.TokenFailure', 4105],
    ['AuthFailure.UnauthorizedOperation', 4101],
    ['UnauthorizedOperation', 4101],
    ['UnauthorizedOperation.PermissionDenied', 4101],
    ['AuthFailure.SignatureExpire', 4200],
    ['AuthFailure.MFAFailure', 4100],
    ['InvalidParameter', 4000],
    ['InvalidParameter.InvalidParameterCoexistImageIdsFilters', 4000],
    ['InvalidParameterValue', 4000],
    ['InvalidParameterValue.InvalidParameterValueLimit', 4000],
    ['InvalidFilter', 4000],
    ['InvalidFilterValue.LimitExceeded', 4000],
    ['InvalidImageId.Malformed', 4000],
    ['MissingParameter', 4000],
    ['UnknownParameter', 4000],
    ['InvalidRegion.NotFound', 4000],
    ['UnsupportedRegion', 4000],
    ['RequestLimitExceeded', 4400],
    ['RequestLimitExceeded.UinLimitExceeded', 4400],
    ['LimitExceeded', 4400],
    ['ResourceNotFound', 5000],
    ['ResourceNotFound.Image', 5000],
    ['FailedOperation', 5100],
    ['FailedOperation.X', 5100],
    ['InternalError', 6000],
    ['InternalError.Timeout', 6000],
    ['InvalidAction', 6100],
    ['NoSuchVersion', 6100],
    ['ActionOffline', 6100],
    ['ServiceUnavailable', 6200],
    ['ResourceUnavailable', 6200],
    ['SomethingNew', 5100],
    ['Invalid', 5100],
  ])('%s → %i', (code, legacy) => {
    expect(legacyCodeFor(code)).toBe(legacy);
  });

  it('keeps the 3.0 code and RequestId in the message and codeDesc', () => {
    const error = fromCvm3Error('InvalidFilter', 'filter bad', 'req-1');
    expect(error).toMatchObject({
      code: 4000,
      codeDesc: 'InvalidFilter',
      message: '(InvalidFilter) filter bad [RequestId req-1]',
      upstreamRequestId: 'req-1',
    });
  });

  it('keeps the 3.0 error itself, and says "none" when 3.0 gave no RequestId', () => {
    const error = fromCvm3Error('ResourceNotFound', 'gone', '');
    expect(error).toMatchObject({
      code: 5000,
      message: '(ResourceNotFound) gone [RequestId none]',
      cvm3Error: { code: 'ResourceNotFound', message: 'gone' },
    });
    expect(error.upstreamRequestId).toBeUndefined();
  });

  it.each([
    ['RequestLimitExceeded', true],
    ['RequestLimitExceeded.UinLimitExceeded', true],
    ['ServiceUnavailable', true],
    ['ResourceUnavailable', true],
    ['LimitExceeded', false],
    ['InternalError', false],
    ['InvalidFilter', false],
    ['RequestLimitExceededX', false],
  ])('%s is retryable: %s', (code, retryable) => {
    expect(fromCvm3Error(code, 'm', 'r').retryable).toBe(retryable);
  });
});

describe('an unavailable upstream (B.10)', () => {
  it('is 6200 ServiceUnavailable, keeps its cause, and is retryable only when told', () => {
    const cause = new Error('ECONNRESET');
    const error = upstreamUnavailable('it could not be reached', cause, true);
    expect(error).toMatchObject({
      code: 6200,
      codeDesc: 'ServiceUnavailable',
      message: 'API 3.0 is unavailable: it could not be reached',
      retryable: true,
    });
    expect(error.cause).toBe(cause);
    expect(upstreamUnavailable('no answer before the deadline').retryable).toBe(false);
  });
});

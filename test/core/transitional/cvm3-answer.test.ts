/** Answers to 3.0-style calls in the 3.0 shape: 3.0's own errors as they came, the proxy's own named by 3.0 codes. */
import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../../src/core/errors.js';
import { cvm3Failure, cvm3Success } from '../../../src/core/transitional/cvm3-answer.js';

describe('cvm3Success', () => {
  it('puts the fields and the RequestId under Response (A2)', () => {
    expect(cvm3Success({ TotalCount: 0, ImageSet: [] }, 'req-1')).toStrictEqual({
      Response: { TotalCount: 0, ImageSet: [], RequestId: 'req-1' },
    });
  });
});

describe('cvm3Failure', () => {
  it("shows a 3.0 error as it came, with 3.0's RequestId", () => {
    const error = new LegacyError(4000, '(InvalidFilter) bad [RequestId up-1]', {
      cvm3Error: { code: 'InvalidFilter', message: 'bad' },
      upstreamRequestId: 'up-1',
    });
    expect(cvm3Failure(error, 'own-1')).toStrictEqual({
      Response: { Error: { Code: 'InvalidFilter', Message: 'bad' }, RequestId: 'up-1' },
    });
  });

  it.each([
    [4000, 'InvalidParameter'],
    [4100, 'AuthFailure.SignatureFailure'],
    [4101, 'AuthFailure.UnauthorizedOperation'],
    [4104, 'AuthFailure.SecretIdNotFound'],
    [4105, 'AuthFailure.TokenFailure'],
    [4200, 'AuthFailure.SignatureExpire'],
    [4400, 'RequestLimitExceeded'],
    [5000, 'ResourceNotFound'],
    [5100, 'FailedOperation'],
    [6000, 'InternalError'],
    [6200, 'ServiceUnavailable'],
  ] as const)("names the proxy's own %i with a code that B.10 maps back to it: %s", (code, cvm3Code) => {
    expect(cvm3Failure(new LegacyError(code, 'why'), 'own-1')).toStrictEqual({
      Response: { Error: { Code: cvm3Code, Message: 'why' }, RequestId: 'own-1' },
    });
  });

  it('names a replay as a signature failure: 3.0 has no code of its own for it', () => {
    expect(cvm3Failure(new LegacyError(4500, 'seen'), 'r').Response['Error']).toEqual({
      Code: 'AuthFailure.SignatureFailure',
      Message: 'seen',
    });
  });
});

/** The core's one error family: a legacy code, a message, and the codeDesc the code has (LEG-ERR, A1). */
import { describe, expect, it } from 'vitest';
import { invalidParameter, LegacyError } from '../../src/core/errors.js';

describe('LegacyError', () => {
  it('takes the codeDesc of its code, and nothing from upstream, by default', () => {
    const error = new LegacyError(4104, 'unknown SecretId');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'LegacyError',
      code: 4104,
      message: 'unknown SecretId',
      codeDesc: 'SecretIdNotFound',
      retryable: false,
    });
    expect(error.upstreamRequestId).toBeUndefined();
    expect(error.cvm3Error).toBeUndefined();
  });

  it('keeps what it is given: codeDesc, upstream RequestId and error, retryable, cause', () => {
    const cause = new Error('socket hang up');
    const error = new LegacyError(6200, 'down', {
      codeDesc: 'ServiceUnavailable',
      upstreamRequestId: 'req-1',
      retryable: true,
      cause,
      cvm3Error: { code: 'ServiceUnavailable', message: 'm' },
    });
    expect(error).toMatchObject({
      codeDesc: 'ServiceUnavailable',
      upstreamRequestId: 'req-1',
      retryable: true,
      cvm3Error: { code: 'ServiceUnavailable', message: 'm' },
    });
    expect(error.cause).toBe(cause);
  });

  it.each([
    [4000, 'InvalidParameter'],
    [4100, 'AuthFailure'],
    [4200, 'RequestExpired'],
    [4500, 'ReplayAttack'],
    [6100, 'UnsupportedOperation'],
    [6200, 'ServiceUnavailable'],
  ] as const)('%i is %s', (code, codeDesc) => {
    expect(new LegacyError(code, 'm').codeDesc).toBe(codeDesc);
  });
});

describe('invalidParameter (B.9)', () => {
  it("is a 4000 whose message starts with the parameter's name", () => {
    expect(invalidParameter('limit', 'must be from 1 to 100')).toMatchObject({
      code: 4000,
      codeDesc: 'InvalidParameter',
      message: 'limit: must be from 1 to 100',
    });
  });
});

/** The legacy envelope (B.1): code, message and codeDesc always; a success's own fields after them. */
import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../../src/core/errors.js';
import { legacyFailure, legacySuccess } from '../../../src/core/legacy/envelope.js';

describe('legacySuccess', () => {
  it('is code 0, an empty message and codeDesc Success, then the fields in the order given', () => {
    const answer = legacySuccess({ totalCount: 1, imageSet: [] });
    expect(answer).toStrictEqual({ code: 0, message: '', codeDesc: 'Success', totalCount: 1, imageSet: [] });
    expect(Object.keys(answer)).toEqual(['code', 'message', 'codeDesc', 'totalCount', 'imageSet']);
  });
});

describe('legacyFailure', () => {
  it("is the error's code, message and codeDesc, and nothing else (no stack, no cause)", () => {
    const error = new LegacyError(4000, 'limit: too big', { cause: new Error('inner'), upstreamRequestId: 'req-1' });
    expect(legacyFailure(error)).toStrictEqual({ code: 4000, message: 'limit: too big', codeDesc: 'InvalidParameter' });
  });

  it('keeps a codeDesc the error carries (a 3.0 code)', () => {
    expect(legacyFailure(new LegacyError(4000, 'm', { codeDesc: 'InvalidFilter' }))).toMatchObject({
      codeDesc: 'InvalidFilter',
    });
  });
});

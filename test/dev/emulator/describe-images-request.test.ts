/**
 * The emulator's reading of a 3.0 DescribeImages body (SDK-CVM DescribeImagesRequest): limits,
 * types, and the error code the real API answers for each mistake (GO-SDK client.go, ERR-3).
 */
import { describe, expect, it } from 'vitest';
import { parseDescribeImagesRequest } from '../../../dev/emulator/describe-images-request.js';
import { Cvm3Error } from '../../../dev/emulator/errors.js';

const someId = 'img-31tjrtph';
const filter = (Name: string, ...Values: string[]) => ({ Name, Values });

function errorOf(body: unknown): { code: string; message: string } {
  try {
    parseDescribeImagesRequest(body);
  } catch (error) {
    if (error instanceof Cvm3Error) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a Cvm3Error');
}

describe('parseDescribeImagesRequest', () => {
  it('defaults Offset 0 and Limit 20, and keeps what it was given', () => {
    expect(parseDescribeImagesRequest({})).toEqual({ filters: [], offset: 0, limit: 20 });
    expect(
      parseDescribeImagesRequest({ ImageIds: [someId], Offset: 5, Limit: 100, InstanceType: 'S5.MEDIUM2' }),
    ).toEqual({ imageIds: [someId], filters: [], offset: 5, limit: 100, instanceType: 'S5.MEDIUM2' });
    expect(
      parseDescribeImagesRequest({ Filters: [filter('image-type', 'PUBLIC_IMAGE', 'SHARED_IMAGE')] }).filters,
    ).toEqual([{ Name: 'image-type', Values: ['PUBLIC_IMAGE', 'SHARED_IMAGE'] }]);
  });
});

describe('request validation: the codes the real API answers', () => {
  it.each([
    [
      'ImageIds with Filters',
      { ImageIds: [someId], Filters: [filter('image-type', 'PUBLIC_IMAGE')] },
      'InvalidParameter.InvalidParameterCoexistImageIdsFilters',
    ],
    ['Limit over 100', { Limit: 101 }, 'InvalidParameterValue.InvalidParameterValueLimit'],
    ['a negative Limit', { Limit: -1 }, 'InvalidParameterValue.InvalidParameterValueLimit'],
    ['a fractional Limit', { Limit: 1.5 }, 'InvalidParameterValue.InvalidParameterValueLimit'],
    ['a negative Offset', { Offset: -1 }, 'InvalidParameterValue.InvalidParameterValueLimit'],
    ['Limit as a string', { Limit: '10' }, 'InvalidParameter'],
    ['Offset as null', { Offset: null }, 'InvalidParameter'],
    [
      '11 filters',
      { Filters: Array.from({ length: 11 }, () => filter('platform', 'x')) },
      'InvalidFilterValue.LimitExceeded',
    ],
    [
      '6 values in a filter',
      { Filters: [filter('image-name', 'a', 'b', 'c', 'd', 'e', 'f')] },
      'InvalidFilterValue.LimitExceeded',
    ],
    ['an unknown filter', { Filters: [filter('image-state', 'NORMAL')] }, 'InvalidFilter'],
    ['an empty tag: filter', { Filters: [filter('tag:', 'x')] }, 'InvalidFilter'],
    ['image-type MARKET_IMAGE', { Filters: [filter('image-type', 'MARKET_IMAGE')] }, 'InvalidParameterValue'],
    ['a filter without values', { Filters: [filter('platform')] }, 'InvalidParameterValue'],
    ['a short image id', { ImageIds: ['img-1234567'] }, 'InvalidImageId.Malformed'],
    ['an upper-case image id', { ImageIds: ['img-ABCDEFGH'] }, 'InvalidImageId.Malformed'],
    [
      'a malformed image-id filter value',
      { Filters: [filter('image-id', 'ins-12345678')] },
      'InvalidImageId.Malformed',
    ],
    ['an unknown parameter', { ImageIds: [someId], imageType: 1 }, 'UnknownParameter'],
    ['an unknown filter field', { Filters: [{ Name: 'platform', Values: ['x'], Fuzzy: true }] }, 'UnknownParameter'],
    ['a body that is an array', [], 'InvalidParameter'],
    ['a body that is null', null, 'InvalidParameter'],
    ['ImageIds as a string', { ImageIds: someId }, 'InvalidParameter'],
    ['ImageIds holding a number', { ImageIds: [1] }, 'InvalidParameter'],
    ['Filters as an object', { Filters: filter('platform', 'x') }, 'InvalidParameter'],
    ['filter Values as a string', { Filters: [{ Name: 'platform', Values: 'CentOS' }] }, 'InvalidParameter'],
    ['a filter Name that is not a string', { Filters: [{ Name: 1, Values: ['x'] }] }, 'InvalidParameter'],
    ['a malformed InstanceType', { InstanceType: 'medium' }, 'InvalidInstanceType.Malformed'],
    ['InstanceType as a number', { InstanceType: 2 }, 'InvalidParameter'],
  ])('%s → %s', (_name, body, code) => {
    expect(errorOf(body).code).toBe(code);
  });

  it('names the offending parameter in the message', () => {
    expect(errorOf({ Limit: 101 }).message).toContain('`Limit`');
    expect(errorOf({ Foo: 1 }).message).toContain('`Foo`');
    expect(errorOf({ Filters: [filter('platform', 'x'), filter('image-type', 'NOPE')] }).message).toContain(
      'Filters.1.Values.0',
    );
  });

  it.each([
    ['an empty body', {}],
    ['Limit 100 and Offset 0', { Limit: 100, Offset: 0 }],
    ['Limit 0', { Limit: 0 }],
    [
      'exactly 10 filters of 5 values',
      { Filters: Array.from({ length: 10 }, () => filter('platform', 'a', 'b', 'c', 'd', 'e')) },
    ],
    ['a well-formed InstanceType', { InstanceType: 'SA5.MEDIUM2' }],
    ['empty ImageIds with Filters', { ImageIds: [], Filters: [filter('platform', 'x')] }],
  ])('accepts %s', (_name, body) => {
    expect(() => parseDescribeImagesRequest(body)).not.toThrow();
  });
});

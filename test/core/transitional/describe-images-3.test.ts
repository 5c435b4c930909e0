/**
 * A 3.0-style DescribeImages on the legacy path (`Version=2017-03-12`, A1, WEB-TRANS-DI): its
 * flattened 3.0 parameters read back into the 3.0 request (A2), refused with 3.0's own codes.
 */
import { describe, expect, it } from 'vitest';
import { collectParams } from '../../../src/core/legacy/params.js';
import { parseTransitionalDescribeImages } from '../../../src/core/transitional/describe-images-3.js';

const COMMON = {
  Action: 'DescribeImages',
  Version: '2017-03-12',
  Region: 'ap-guangzhou',
  Timestamp: '1',
  Nonce: '2',
  SecretId: 'AKID',
  Signature: 's',
};
const parse = (params: Record<string, string>) =>
  parseTransitionalDescribeImages(collectParams(Object.entries({ ...COMMON, ...params })));

describe('parseTransitionalDescribeImages', () => {
  it('leaves the common parameters out of the 3.0 request', () => {
    expect(
      parse({ SignatureMethod: 'HmacSHA256', Token: 't', RequestClient: 'SDK_PYTHON_2.0.15', Language: 'zh-CN' }),
    ).toEqual({ region: 'ap-guangzhou', request: {} });
  });

  it('orders ImageIds and Filters by their indexes, and Values within a filter', () => {
    const { request } = parse({
      'ImageIds.1': 'img-bbbbbbbb',
      'ImageIds.0': 'img-aaaaaaaa',
      'ImageIds.10': 'img-cccccccc',
      'Filters.1.Name': 'image-name',
      'Filters.1.Values.0': 'web',
      'Filters.0.Values.1': 'SHARED_IMAGE',
      'Filters.0.Name': 'image-type',
      'Filters.0.Values.0': 'PRIVATE_IMAGE',
    });
    expect(request).toEqual({
      ImageIds: ['img-aaaaaaaa', 'img-bbbbbbbb', 'img-cccccccc'],
      Filters: [
        { Name: 'image-type', Values: ['PRIVATE_IMAGE', 'SHARED_IMAGE'] },
        { Name: 'image-name', Values: ['web'] },
      ],
    });
  });

  it('reads Offset, Limit and InstanceType, and the PHP spelling of names', () => {
    expect(
      parse({ Offset: '30', Limit: '100', InstanceType: 'S5.MEDIUM2', ImageIds_0: 'img-aaaaaaaa' }).request,
    ).toEqual({ Offset: 30, Limit: 100, InstanceType: 'S5.MEDIUM2', ImageIds: ['img-aaaaaaaa'] });
  });

  it('takes a legacy region code, as the legacy host did', () => {
    expect(parse({ Region: 'usw' }).region).toBe('na-siliconvalley');
  });

  it.each<[string, Record<string, string>, string]>([
    ['an unknown parameter', { imageType: '1' }, 'UnknownParameter'],
    ['an index with a leading zero', { 'ImageIds.01': 'img-aaaaaaaa' }, 'UnknownParameter'],
    ['a filter with values but no name', { 'Filters.0.Values.0': 'x' }, 'MissingParameter'],
    ['a non-integer Offset', { Offset: '1.5' }, 'InvalidParameter'],
    ['a negative Limit', { Limit: '-1' }, 'InvalidParameter'],
    ['no Region', { Region: '' }, 'MissingParameter'],
    ['an unknown Region', { Region: 'moon' }, 'InvalidParameterValue'],
  ])("refuses %s with 3.0's %s, as a 4000 carrying the 3.0 error", (_name, params, code) => {
    expect(() => parse(params)).toThrow(
      expect.objectContaining({ code: 4000, codeDesc: code, cvm3Error: { code, message: expect.any(String) } }),
    );
  });

  // B.12: RequestSource (qcloudcli, whose `image DescribeImages` is this 3.0 style) is accepted on
  // every path, Version=2017-03-12 calls included, and never sent to 3.0.
  it('accepts RequestSource and leaves it out of the 3.0 request (B.12)', () => {
    expect(parse({ RequestSource: 'qcloudcli_1.9.19', Limit: '1' }).request).toEqual({ Limit: 1 });
  });
});

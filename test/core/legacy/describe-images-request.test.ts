import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../../src/core/errors.js';
import { parseDescribeImages } from '../../../src/core/legacy/describe-images-request.js';
import { collectParams } from '../../../src/core/legacy/params.js';

const base = { Region: 'gz', imageType: '1' };
const parse = (params: Record<string, string>) => parseDescribeImages(collectParams(Object.entries(params)));

function refusal(params: Record<string, string>): { code: number; message: string } {
  try {
    parse(params);
  } catch (error) {
    if (error instanceof LegacyError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('accepted');
}

describe('parseDescribeImages: defaults and accepted forms', () => {
  it('applies the documented defaults', () => {
    expect(parse(base)).toEqual({
      region: 'ap-guangzhou',
      imageType: 1,
      imageIds: [],
      status: 0,
      offset: 0,
      limit: 20,
    });
  });

  it.each([
    ['gz', 'ap-guangzhou'],
    ['sh', 'ap-shanghai'],
    ['ca', 'na-toronto'],
    ['usw', 'na-siliconvalley'],
    ['ru', 'eu-moscow'],
    ['ap-guangzhou', 'ap-guangzhou'],
    ['na-ashburn', 'na-ashburn'],
  ])('Region %s is %s', (Region, expected) => {
    expect(parse({ ...base, Region }).region).toBe(expected);
  });

  it('orders imageIds by index, 0- or 1-based, collapsing duplicates and reading "_" as "."', () => {
    expect(
      parse({ ...base, 'imageIds.1': 'img-bbbbbbbb', 'imageIds.0': 'img-aaaaaaaa', 'imageIds.2': 'img-aaaaaaaa' })
        .imageIds,
    ).toEqual(['img-aaaaaaaa', 'img-bbbbbbbb']);
    expect(parse({ ...base, 'imageIds.2': 'img-bbbbbbbb', 'imageIds.1': 'img-aaaaaaaa' }).imageIds).toEqual([
      'img-aaaaaaaa',
      'img-bbbbbbbb',
    ]);
    expect(
      parse({ ...base, imageIds_0: 'img-aaaaaaaa', imageIds_10: 'img-cccccccc', imageIds_9: 'img-bbbbbbbb' }).imageIds,
    ).toEqual(['img-aaaaaaaa', 'img-bbbbbbbb', 'img-cccccccc']);
  });

  it('reads status, offset and limit at their bounds', () => {
    expect(parse({ ...base, status: '5', offset: '9007199254740991', limit: '100' })).toMatchObject({
      status: 5,
      offset: 9007199254740991,
      limit: 100,
    });
    expect(parse({ ...base, status: '0', offset: '0', limit: '1' })).toMatchObject({ status: 0, offset: 0, limit: 1 });
  });
});

describe('parseDescribeImages: every kind of bad value is a 4000 naming the parameter (B.9)', () => {
  it.each<[string, Record<string, string>, RegExp]>([
    ['missing imageType', { Region: 'gz' }, /^imageType: is required/],
    ['empty imageType', { ...base, imageType: '' }, /^imageType: must be an integer from 1 to 4, got ""/],
    ['non-integer imageType', { ...base, imageType: 'abc' }, /^imageType: must be an integer/],
    ['fractional imageType', { ...base, imageType: '1.5' }, /^imageType: must be an integer/],
    ['imageType 0', { ...base, imageType: '0' }, /^imageType: must be from 1 to 4, got 0/],
    ['imageType 5', { ...base, imageType: '5' }, /^imageType: must be from 1 to 4/],
    ['negative status', { ...base, status: '-1' }, /^status: must be an integer from 0 to 5/],
    ['status 6', { ...base, status: '6' }, /^status: must be from 0 to 5/],
    ['limit 0', { ...base, limit: '0' }, /^limit: must be from 1 to 100/],
    ['limit 101', { ...base, limit: '101' }, /^limit: must be from 1 to 100/],
    ['negative offset', { ...base, offset: '-20' }, /^offset: must be an integer/],
    ['huge offset', { ...base, offset: '99999999999999999999999' }, /^offset: must be from 0 to/],
    ['hex limit', { ...base, limit: '0x10' }, /^limit: must be an integer/],
    ['missing Region', { imageType: '1' }, /^Region: is required/],
    ['unknown Region', { ...base, Region: 'mars' }, /^Region: unknown region "mars"/],
    ['Region in upper case', { ...base, Region: 'GZ' }, /^Region: unknown region/],
    ['malformed id', { ...base, 'imageIds.0': 'img-123' }, /^imageIds\.0: malformed image id "img-123"/],
    ['upper-case id', { ...base, 'imageIds.0': 'img-ABCDEFGH' }, /^imageIds\.0: malformed image id/],
    ['id without index', { ...base, imageIds: 'img-aaaaaaaa' }, /^imageIds: must be given as imageIds\.0/],
    ['negative index', { ...base, 'imageIds.-1': 'img-aaaaaaaa' }, /^imageIds\.-1: the index must be/],
    ['non-numeric index', { ...base, 'imageIds.x': 'img-aaaaaaaa' }, /^imageIds\.x: the index must be/],
    ['index with a leading zero', { ...base, 'imageIds.01': 'img-aaaaaaaa' }, /^imageIds\.01: the index must be/],
    ['index over 999', { ...base, 'imageIds.1000': 'img-aaaaaaaa' }, /^imageIds\.1000: the index must be/],
    [
      '11 ids',
      {
        ...base,
        ...Object.fromEntries(
          Array.from({ length: 11 }, (_, i) => [`imageIds.${i}`, `img-aaaaaa${String(i).padStart(2, '0')}`]),
        ),
      },
      /^imageIds: at most 10 distinct ids may be given, got 11/,
    ],
  ])('%s', (_name, params, message) => {
    const { code, message: text } = refusal(params);
    expect(code).toBe(4000);
    expect(text).toMatch(message);
  });

  it('collapses duplicates before counting: 11 parameters naming 10 ids are fine', () => {
    const ids = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`imageIds.${i}`, `img-000000${String(i % 10).padStart(2, '0')}`]),
    );
    expect(parse({ ...base, ...ids }).imageIds).toHaveLength(10);
  });

  it('refuses a parameter given in both spellings', () => {
    expect(() =>
      collectParams([
        ['imageIds.0', 'img-aaaaaaaa'],
        ['imageIds_0', 'img-bbbbbbbb'],
      ]),
    ).toThrow(/imageIds\.0: is given more than once/);
  });

  it('clips an oversized bad value in its message', () => {
    const { message } = refusal({ ...base, limit: '9'.repeat(5000) });
    expect(message.length).toBeLessThan(120);
  });
});

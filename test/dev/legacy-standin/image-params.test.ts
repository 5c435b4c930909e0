/**
 * The stand-in's reading of the DescribeImages parameters, from the legacy page §2 and B.6, B.7,
 * B.9: defaults, ranges, ids in both spellings, and a 4000 naming the parameter for each bad value.
 */
import { describe, expect, it } from 'vitest';
import { readImageQuery } from '../../../dev/legacy-standin/image-params.js';

const read = (params: Record<string, string>) => readImageQuery(Object.entries({ Region: 'gz', ...params }));

describe('readImageQuery', () => {
  it('defaults status 0, offset 0, limit 20, no ids (legacy page §2)', () => {
    expect(read({ imageType: '2' })).toEqual({
      region: 'ap-guangzhou',
      imageType: 2,
      imageIds: undefined,
      status: 0,
      offset: 0,
      limit: 20,
    });
  });

  it('reads every parameter, and the region in either spelling', () => {
    expect(read({ Region: 'na-ashburn', imageType: '4', status: '5', offset: '250', limit: '100' })).toEqual({
      region: 'na-ashburn',
      imageType: 4,
      imageIds: undefined,
      status: 5,
      offset: 250,
      limit: 100,
    });
  });

  it('orders ids by index, 0- or 1-based, with gaps, in both spellings, and collapses duplicates', () => {
    expect(
      read({
        imageType: '1',
        'imageIds.2': 'img-cccccccc',
        imageIds_0: 'img-aaaaaaaa',
        'imageIds.10': 'img-aaaaaaaa',
        'imageIds.1': 'img-bbbbbbbb',
      }).imageIds,
    ).toEqual(['img-aaaaaaaa', 'img-bbbbbbbb', 'img-cccccccc']);
    expect(read({ imageType: '1', 'imageIds.1': 'img-bbbbbbbb' }).imageIds).toEqual(['img-bbbbbbbb']);
  });

  it('takes ten distinct ids, and more when they repeat', () => {
    const ten = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`imageIds.${i}`, `img-0000000${i}`]));
    expect(read({ imageType: '1', ...ten }).imageIds).toHaveLength(10);
    expect(read({ imageType: '1', ...ten, 'imageIds.10': 'img-00000000' }).imageIds).toHaveLength(10);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['no imageType', {}, /^imageType: is required/],
    ['imageType 0', { imageType: '0' }, /^imageType: .*from 1 to 4/],
    ['imageType 5', { imageType: '5' }, /^imageType: /],
    ['imageType 1.5', { imageType: '1.5' }, /^imageType: /],
    ['imageType empty', { imageType: '' }, /^imageType: /],
    ['status 6', { imageType: '1', status: '6' }, /^status: .*from 0 to 5/],
    ['status -1', { imageType: '1', status: '-1' }, /^status: /],
    ['limit 0', { imageType: '1', limit: '0' }, /^limit: .*from 1 to 100/],
    ['limit 101', { imageType: '1', limit: '101' }, /^limit: /],
    ['offset -1', { imageType: '1', offset: '-1' }, /^offset: /],
    ['offset past 2^53', { imageType: '1', offset: '99999999999999999999' }, /^offset: /],
    ['a malformed id', { imageType: '1', 'imageIds.0': 'img-ABCDEFGH' }, /^imageIds_0: .*not an image id/],
    [
      'one index twice',
      { imageType: '1', 'imageIds.1': 'img-aaaaaaaa', 'imageIds.01': 'img-bbbbbbbb' },
      /index already given/,
    ],
    ['imageIds with no index', { imageType: '1', imageIds: 'img-aaaaaaaa' }, /^imageIds: /],
    [
      'eleven distinct ids',
      {
        imageType: '1',
        ...Object.fromEntries(
          Array.from({ length: 11 }, (_, i) => [`imageIds.${i}`, `img-${String(i).padStart(8, '0')}`]),
        ),
      },
      /^imageIds: at most 10/,
    ],
    ['an unknown region', { imageType: '1', Region: 'moon' }, /^Region: unknown region "moon"/],
    ['an empty region', { imageType: '1', Region: '' }, /^Region: is required/],
  ])('4000 for %s', (_name, params, message) => {
    expect(() => read(params)).toThrow(
      expect.objectContaining({ code: 4000, message: expect.stringMatching(message) }),
    );
  });
});

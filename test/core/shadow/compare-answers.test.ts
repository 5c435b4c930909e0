import { describe, expect, it } from 'vitest';
import { compareLegacyAnswers } from '../../../src/core/shadow/compare-answers.js';

const image = (unImgId: string, extra: Record<string, unknown> = {}) => ({
  unImgId,
  osName: 'CentOS 7.9',
  status: 1,
  imageType: 2,
  ...extra,
});
const answer = (imageSet: unknown[], totalCount = imageSet.length) => ({
  code: 0,
  message: '',
  codeDesc: 'Success',
  totalCount,
  imageSet,
});

describe('compareLegacyAnswers', () => {
  it('agrees whatever the order of images in the page, and whatever the message says', () => {
    expect(
      compareLegacyAnswers(answer([image('a'), image('b')]), {
        ...answer([image('b'), image('a')]),
        message: 'ok',
        codeDesc: undefined,
      }),
    ).toEqual([]);
  });

  it('names the field that differs, and the images it differs in', () => {
    expect(
      compareLegacyAnswers(answer([image('a'), image('b')]), answer([image('a'), image('b', { osName: 'CentOS 8' })])),
    ).toEqual([{ field: 'imageSet[].osName', imageIds: ['b'] }]);
  });

  it('tells images only one side has when the page is the whole listing, and a different totalCount', () => {
    expect(compareLegacyAnswers(answer([image('a'), image('b')]), answer([image('a'), image('c')]))).toEqual([
      { field: 'imageSet.onlyTranslated', imageIds: ['b'] },
      { field: 'imageSet.onlyLegacy', imageIds: ['c'] },
    ]);
    expect(compareLegacyAnswers(answer([image('a')], 10), answer([image('a')], 11))).toEqual([{ field: 'totalCount' }]);
  });

  it('on a partial page, compares its length and the images on both sides, not which images made it', () => {
    // 3.0 and the legacy host may order the listing apart: page 1 of 10 can hold other images.
    expect(compareLegacyAnswers(answer([image('a'), image('b')], 10), answer([image('c'), image('a')], 10))).toEqual(
      [],
    );
    expect(
      compareLegacyAnswers(answer([image('a'), image('b')], 10), answer([image('a', { osName: 'x' })], 10)),
    ).toEqual([{ field: 'imageSet.length' }, { field: 'imageSet[].osName', imageIds: ['a'] }]);
  });

  it('sees a field one side lacks', () => {
    expect(compareLegacyAnswers(answer([image('a', { createor: 'x' })]), answer([image('a')]))).toEqual([
      { field: 'imageSet[].createor', imageIds: ['a'] },
    ]);
  });

  it('compares errors by code alone', () => {
    expect(
      compareLegacyAnswers(
        { code: 4000, message: 'imageType: must be 1–4' },
        { code: 4000, message: '(100004) 参数错误' },
      ),
    ).toEqual([]);
    expect(compareLegacyAnswers({ code: 4000, message: '' }, answer([]))).toEqual([{ field: 'code' }]);
  });

  it('calls a legacy answer that is not a legacy envelope a body difference', () => {
    expect(compareLegacyAnswers(answer([]), { Response: {} })).toEqual([{ field: 'body' }]);
    expect(compareLegacyAnswers(answer([]), null)).toEqual([{ field: 'body' }]);
    expect(compareLegacyAnswers(answer([]), { code: 0, totalCount: 0 })).toEqual([{ field: 'imageSet' }]);
  });
});

/**
 * The stand-in's own DescribeImages, from a small catalogue built here, with expected answers
 * from the legacy DescribeImages page and the contract (B.4–B.8); then through its app. That it
 * agrees with the proxy is agrees-with-proxy.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Cvm3Image } from '../../../src/core/cvm3/types.js';
import { DEMO_ACCOUNT_A } from '../../../dev/emulator/accounts.js';
import { DEMO_CATALOGUE, visibleImages, type Catalogue, type CatalogueImage } from '../../../dev/emulator/catalogue.js';
import { describeImagesFromCatalogue } from '../../../dev/legacy-standin/describe-images.js';
import { call, standin } from './helpers.js';

const ME = '100000000001';
const OTHER = '100000000002';

function entry(
  ImageId: string,
  owner: string | null,
  ImageState: string,
  over: Partial<Cvm3Image> = {},
  sharedWith: string[] = [],
): CatalogueImage {
  const image: Cvm3Image = {
    ImageId,
    OsName: 'CentOS 7.9 64位',
    ImageType: owner ? 'PRIVATE_IMAGE' : 'PUBLIC_IMAGE',
    CreatedTime: '2024-01-01T00:00:00Z',
    ImageName: ImageId.slice(4),
    ImageDescription: `about ${ImageId}`,
    ImageState,
    ImageCreator: owner,
    ...over,
  };
  return { image, owner, sharedWith };
}

const catalogue: Catalogue = {
  images: [
    entry('img-pub00001', null, 'NORMAL', { CreatedTime: '2016-01-04T02:00:00Z' }),
    entry('img-own00001', ME, 'CREATING', { CreatedTime: '2019-03-01T16:30:00Z' }),
    entry('img-own00002', ME, 'CREATEFAILED'),
    entry('img-own00003', ME, 'NORMAL', { CreatedTime: null }),
    entry('img-own00004', ME, 'IMPORTING', { CreatedTime: '2020-12-31T20:00:00+00:00' }),
    entry('img-own00005', ME, 'USING'),
    entry('img-own00006', ME, 'SYNCING'),
    entry('img-own00007', ME, 'IMPORTFAILED'),
    entry('img-oth00001', OTHER, 'NORMAL', {}, [ME]),
    entry('img-oth00002', OTHER, 'NORMAL'),
  ],
};

const ask = (params: Record<string, string>) =>
  describeImagesFromCatalogue(catalogue, ME, Object.entries({ Region: 'gz', ...params }));
const ids = (answer: { imageSet: readonly { unImgId: string }[] }) => answer.imageSet.map((image) => image.unImgId);

describe('describeImagesFromCatalogue', () => {
  it('shows own images as imageType 1, in catalogue order, without failed ones, every field mapped', () => {
    const answer = ask({ imageType: '1' });
    expect(answer.totalCount).toBe(5);
    expect(ids(answer)).toEqual(['img-own00001', 'img-own00003', 'img-own00004', 'img-own00005', 'img-own00006']);
    expect(answer.imageSet.map((image) => image.status)).toEqual([1, 2, 1, 3, 4]);
    expect(answer.imageSet[0]).toStrictEqual({
      unImgId: 'img-own00001',
      imageName: 'own00001',
      imageDescription: 'about img-own00001',
      osName: 'CentOS 7.9 64位',
      imageType: 1,
      createTime: '2019-03-02 00:30:00',
      creator: ME,
      createor: ME,
      status: 1,
    });
    expect(answer.imageSet.map((image) => image.createTime)).toEqual([
      '2019-03-02 00:30:00',
      '',
      '2021-01-01 04:00:00',
      '2024-01-01 08:00:00',
      '2024-01-01 08:00:00',
    ]);
  });

  it('shows official images as imageType 2 with an empty creator, and images shared with me as 4', () => {
    expect(ask({ imageType: '2' }).imageSet).toStrictEqual([
      {
        unImgId: 'img-pub00001',
        imageName: 'pub00001',
        imageDescription: 'about img-pub00001',
        osName: 'CentOS 7.9 64位',
        imageType: 2,
        createTime: '2016-01-04 10:00:00',
        creator: '',
        createor: '',
        status: 2,
      },
    ]);
    const shared = ask({ imageType: '4' });
    expect(ids(shared)).toEqual(['img-oth00001']);
    expect(shared.imageSet[0]).toMatchObject({ imageType: 4, creator: OTHER, createor: OTHER });
  });

  it.each([
    [1, ['img-own00001', 'img-own00004']],
    [2, ['img-own00003']],
    [3, ['img-own00005']],
    [4, ['img-own00006']],
    [5, []],
  ] as const)('status %i: the matching images only, counted', (status, expected) => {
    const answer = ask({ imageType: '1', status: String(status) });
    expect(ids(answer)).toEqual(expected);
    expect(answer.totalCount).toBe(expected.length);
  });

  it('slices offset…offset+limit and counts them all', () => {
    expect(ask({ imageType: '1', offset: '1', limit: '2' })).toMatchObject({
      totalCount: 5,
      imageSet: [{ unImgId: 'img-own00003' }, { unImgId: 'img-own00004' }],
    });
    expect(ask({ imageType: '1', offset: '5' })).toEqual({ totalCount: 5, imageSet: [] });
  });

  it('narrows to the ids asked for, of the type asked for, that this account may see', () => {
    const answer = ask({
      imageType: '1',
      'imageIds.0': 'img-own00005',
      imageIds_1: 'img-own00002',
      'imageIds.2': 'img-oth00002',
      'imageIds.3': 'img-pub00001',
      'imageIds.4': 'img-own00001',
    });
    expect(ids(answer)).toEqual(['img-own00001', 'img-own00005']);
    expect(ask({ imageType: '4', 'imageIds.1': 'img-oth00001', 'imageIds.2': 'img-oth00002' }).totalCount).toBe(1);
  });

  it("refuses imageType 3 with 6100, in the legacy page's words in North America", () => {
    expect(() => ask({ imageType: '3' })).toThrow(expect.objectContaining({ code: 6100 }));
    expect(() => ask({ imageType: '3', Region: 'use' })).toThrow(/北美地区不支持服务市场/);
  });

  it('reads the parameters first: a bad one is 4000 even with imageType 3', () => {
    expect(() => ask({ imageType: '3', limit: '500' })).toThrow(
      expect.objectContaining({ code: 4000, message: expect.stringMatching(/^limit: /) }),
    );
  });
});

describe("DescribeImages through the stand-in's app", () => {
  const { app } = standin({ now: Date.now });
  const now = () => Math.floor(Date.now() / 1000);

  it("shows the legacy shape, and only legacy-visible images in the emulator's order", async () => {
    const answer = await call(app, { params: { imageType: 1, limit: 100 }, timestamp: now() });
    expect(Object.keys(answer)).toEqual(['code', 'message', 'codeDesc', 'totalCount', 'imageSet']);
    const order = visibleImages(DEMO_CATALOGUE, DEMO_ACCOUNT_A.uin).map((image) => image.ImageId);
    const seen: string[] = answer.imageSet.map((image: { unImgId: string }) => image.unImgId);
    expect(seen.map((id) => order.indexOf(id))).toEqual([...seen.map((id) => order.indexOf(id))].sort((a, b) => a - b));
    expect(answer.imageSet.every((image: { status: number }) => image.status >= 1 && image.status <= 4)).toBe(true);
  });

  it('answers pages past the first hundred images', async () => {
    const answer = await call(app, { params: { imageType: 1, offset: 100, limit: 100 }, timestamp: now() });
    expect(answer.totalCount).toBeGreaterThan(100);
    expect(answer.imageSet.length).toBe(answer.totalCount - 100);
  });

  it.each<[string, Record<string, string | number>, number]>([
    ['missing imageType', {}, 4000],
    ['limit over 100', { imageType: 1, limit: 101 }, 4000],
    ['service market', { imageType: 3 }, 6100],
    ['a Version parameter', { imageType: 1, Version: '2017-03-12' }, 6100],
  ])('%s is a %i', async (_name, params, code) => {
    expect(await call(app, { params, timestamp: now() })).toMatchObject({ code });
  });
});

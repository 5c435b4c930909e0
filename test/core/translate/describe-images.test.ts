import { describe, expect, it } from 'vitest';
import type { Cvm3DescribeImagesRequest, Cvm3Image } from '../../../src/core/cvm3/types.js';
import { LegacyError } from '../../../src/core/errors.js';
import type { DescribeImagesQuery } from '../../../src/core/legacy/describe-images-query.js';
import {
  cvm3RequestFor,
  describeImages,
  type LoadVisible,
  type VisibleImage,
} from '../../../src/core/translate/describe-images.js';

const STATES = ['CREATING', 'NORMAL', 'CREATEFAILED', 'SYNCING', 'IMPORTING', 'IMPORTFAILED', 'USING'];
const images: Cvm3Image[] = Array.from({ length: 257 }, (_, i) => ({
  ImageId: `img-${String(i).padStart(8, '0')}`,
  OsName: 'os',
  ImageType: 'PRIVATE_IMAGE',
  CreatedTime: null,
  ImageName: `n${i}`,
  ImageDescription: '',
  ImageState: STATES[i % STATES.length]!,
  ImageCreator: '1',
}));

/** Pages a fixed list the way 3.0 does, and records what it was asked. */
function pager(list: Cvm3Image[]) {
  const asked: Cvm3DescribeImagesRequest[] = [];
  const fetchPage = async (request: Cvm3DescribeImagesRequest) => {
    asked.push(request);
    const offset = request.Offset ?? 0;
    return {
      TotalCount: list.length,
      ImageSet: list.slice(offset, offset + (request.Limit ?? 20)),
      RequestId: `r${asked.length}`,
    };
  };
  return { asked, fetchPage };
}

const query = (over: Partial<DescribeImagesQuery>): DescribeImagesQuery => ({
  region: 'ap-guangzhou',
  imageType: 1,
  imageIds: [],
  status: 0,
  offset: 0,
  limit: 20,
  ...over,
});

describe('the 3.0 request for a legacy query (B.4, B.6)', () => {
  it('filters by image type, or sends ImageIds alone', () => {
    expect(cvm3RequestFor(query({ imageType: 2 }))).toEqual({
      Filters: [{ Name: 'image-type', Values: ['PUBLIC_IMAGE'] }],
    });
    expect(cvm3RequestFor(query({ imageType: 4, imageIds: ['img-aaaaaaaa'] }))).toEqual({ ImageIds: ['img-aaaaaaaa'] });
  });

  it('answers imageType 3 with 6100, naming North America there', () => {
    expect(() => cvm3RequestFor(query({ imageType: 3 }))).toThrow(
      expect.objectContaining({ code: 6100, message: expect.stringMatching(/no API 3\.0 equivalent/) }),
    );
    expect(() => cvm3RequestFor(query({ imageType: 3, region: 'na-toronto' }))).toThrow(
      /North America has no service market/,
    );
  });
});

describe('describeImages: exact totalCount and paging over a full scan (B.5, B.7)', () => {
  it('pages 3.0 at Limit 100 until TotalCount, and hides invisible states', async () => {
    const { asked, fetchPage } = pager(images);
    const result = await describeImages(query({ limit: 100 }), fetchPage);
    expect(asked.map((r) => [r.Offset, r.Limit])).toEqual([
      [0, 100],
      [100, 100],
      [200, 100],
    ]);
    const visible = images.filter((image) => !image.ImageState.endsWith('FAILED'));
    expect(result.totalCount).toBe(visible.length);
    expect(result.imageSet.map((i) => i.unImgId)).toEqual(visible.slice(0, 100).map((i) => i.ImageId));
  });

  it('keeps the invariant: status=s is the status=0 answer filtered to s, in order', async () => {
    const all = await describeImages(query({ limit: 100, offset: 0 }), pager(images).fetchPage);
    const rest = await describeImages(query({ limit: 100, offset: 100 }), pager(images).fetchPage);
    const everything = [...all.imageSet, ...rest.imageSet];
    expect(everything).toHaveLength(all.totalCount);
    for (const status of [1, 2, 3, 4, 5] as const) {
      const answer = await describeImages(query({ status, limit: 100 }), pager(images).fetchPage);
      const expected = everything.filter((i) => i.status === status);
      expect(answer.totalCount).toBe(expected.length);
      expect(answer.imageSet).toEqual(expected.slice(0, 100));
    }
  });

  it('slices offset…offset+limit, and answers an empty set past the end', async () => {
    const full = await describeImages(query({ limit: 100 }), pager(images).fetchPage);
    const page = await describeImages(query({ offset: 7, limit: 5 }), pager(images).fetchPage);
    expect(page.imageSet).toEqual(full.imageSet.slice(7, 12));
    expect(await describeImages(query({ offset: 10_000 }), pager(images).fetchPage)).toEqual({
      totalCount: full.totalCount,
      imageSet: [],
    });
  });

  it('applies the type to ids itself, and counts an image seen on two pages once', async () => {
    const shared = { ...images[1]!, ImageType: 'SHARED_IMAGE' };
    const { fetchPage } = pager([images[1]!, shared, images[3]!]);
    expect((await describeImages(query({ imageType: 4, imageIds: ['img-00000001'] }), fetchPage)).totalCount).toBe(0);
    const withPublic = await describeImages(
      query({ imageType: 1, imageIds: ['img-00000001', 'img-00000003'] }),
      pager([images[1]!, images[3]!]).fetchPage,
    );
    expect(withPublic.imageSet.map((i) => i.unImgId)).toEqual(['img-00000001', 'img-00000003']);
  });

  it('stops on an empty page even if TotalCount promised more', async () => {
    const fetchPage = async (request: Cvm3DescribeImagesRequest) => ({
      TotalCount: 500,
      ImageSet: (request.Offset ?? 0) === 0 ? images.slice(0, 100) : [],
      RequestId: 'r',
    });
    expect((await describeImages(query({}), fetchPage)).totalCount).toBeGreaterThan(0);
  });

  it('passes an upstream error through unchanged', async () => {
    const failure = new LegacyError(4400, '(RequestLimitExceeded) slow down [RequestId r]');
    await expect(
      describeImages(query({}), async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
  });
});

describe('describeImages with a cache passed in (what the gateway does)', () => {
  /** A cache keyed by the 3.0 listing: the second query of a listing is answered from the first scan. */
  function memo() {
    const kept = new Map<string, readonly VisibleImage[]>();
    const listings: unknown[] = [];
    const load: LoadVisible = async (listing, scan) => {
      listings.push(listing);
      const key = JSON.stringify(listing);
      if (!kept.has(key)) kept.set(key, await scan());
      return kept.get(key)!;
    };
    return { load, listings };
  }

  it('hands the cache the 3.0 listing, and answers other statuses and slices from its one scan', async () => {
    const { asked, fetchPage } = pager(images);
    const { load, listings } = memo();
    const first = await describeImages(query({ limit: 100 }), fetchPage, load);
    const scanned = asked.length;
    const second = await describeImages(query({ status: 2, offset: 3, limit: 5 }), fetchPage, load);
    expect(asked).toHaveLength(scanned);
    expect(listings).toEqual([cvm3RequestFor(query({})), cvm3RequestFor(query({}))]);
    // The same answers as without a cache.
    expect(first).toEqual(await describeImages(query({ limit: 100 }), pager(images).fetchPage));
    expect(second).toEqual(await describeImages(query({ status: 2, offset: 3, limit: 5 }), pager(images).fetchPage));
  });

  it('refuses what has no 3.0 listing before it asks the cache or 3.0', async () => {
    const { asked, fetchPage } = pager(images);
    const { load, listings } = memo();
    await expect(describeImages(query({ imageType: 3 }), fetchPage, load)).rejects.toMatchObject({ code: 6100 });
    expect([asked.length, listings.length]).toEqual([0, 0]);
  });
});

/**
 * Legacy DescribeImages answered from API 3.0 (docs/contract.md#b4 to #b7).
 *
 * 3.0 cannot filter by legacy status nor hide the states legacy clients never saw, so the
 * exact `totalCount` and the `offset`/`limit` slice come from a full scan of the 3.0 answer,
 * paged at 3.0's maximum Limit (docs/contract.md#b7). The page fetcher, and a cache of scans if
 * any, are passed in: this module does no I/O.
 */
import type { Cvm3DescribeImagesRequest, Cvm3DescribeImagesResponse, Cvm3Image } from '../cvm3/types.js';
import { CVM3_MAX_LIMIT } from '../cvm3/types.js';
import { LegacyError } from '../errors.js';
import type { DescribeImagesQuery, LegacyImageType } from '../legacy/describe-images-query.js';
import { isNorthAmerica } from '../legacy/regions.js';
import { legacyClassOf, legacyItem, type LegacyClass, type LegacyImage } from './legacy-image.js';
import { CVM3_IMAGE_TYPE } from './tables.js';

export type FetchImagesPage = (request: Cvm3DescribeImagesRequest) => Promise<Cvm3DescribeImagesResponse>;

export interface DescribeImagesResult {
  readonly totalCount: number;
  readonly imageSet: readonly LegacyImage[];
}

/** A scan longer than this is an upstream that never ends its paging, not an account. */
export const MAX_SCAN_PAGES = 1000;

export function cvm3RequestFor(query: DescribeImagesQuery): Cvm3DescribeImagesRequest {
  if (query.imageType === 3) {
    throw new LegacyError(
      6100,
      isNorthAmerica(query.region)
        ? 'imageType=3: North America has no service market (北美地区不支持服务市场)'
        : 'imageType=3: service market images have no API 3.0 equivalent and cannot be listed through this proxy',
    );
  }
  // docs/contract.md#b6: ImageIds go alone; the type is then applied here, never sent with them as a Filter.
  if (query.imageIds.length > 0) return { ImageIds: [...query.imageIds] };
  return { Filters: [{ Name: 'image-type', Values: [CVM3_IMAGE_TYPE[query.imageType]] }] };
}

/**
 * Where the visible list of a listing comes from: `scan` runs the full scan; a cache passed in
 * here may answer with a copy of an earlier one instead (the list does not depend on status,
 * offset or limit). Without one, every query scans.
 */
export type LoadVisible = (
  listing: Cvm3DescribeImagesRequest,
  scan: () => Promise<VisibleImage[]>,
) => Promise<readonly VisibleImage[]>;

const scanEveryTime: LoadVisible = (_listing, scan) => scan();

/** The whole translation of one query: the 3.0 listing, its full scan (or a cached one), the legacy answer. */
export async function describeImages(
  query: DescribeImagesQuery,
  fetchPage: FetchImagesPage,
  load: LoadVisible = scanEveryTime,
): Promise<DescribeImagesResult> {
  const listing = cvm3RequestFor(query);
  const visible = await load(listing, async () => legacyVisible(await scanAll(listing, fetchPage), query.imageType));
  return answerFrom(visible, query);
}

/**
 * An image a legacy client may see. Only the page a client asks for is mapped in full (mostly
 * `createTime`, the costly part), once: a cached scan maps each image at most once however often
 * it is shown, and an uncached request maps its page, not the whole listing.
 */
export interface VisibleImage extends LegacyClass {
  source: Cvm3Image | undefined;
  item: LegacyImage | undefined;
}

/**
 * The images a legacy client may see for this imageType, in 3.0's order. It does not depend on
 * status, offset or limit: one scan answers every such query (the cache relies on it).
 */
export function legacyVisible(images: readonly Cvm3Image[], imageType: LegacyImageType): VisibleImage[] {
  const visible: VisibleImage[] = [];
  for (const image of images) {
    const legacyClass = legacyClassOf(image);
    // Written out, not spread: V8 builds a spread-and-extend literal on a slow path (~2 µs an image).
    if (legacyClass && legacyClass.imageType === imageType)
      visible.push({ imageType, status: legacyClass.status, source: image, item: undefined });
  }
  return visible;
}

/** docs/contract.md#b5, #b7: the status filter, the exact count, and the offset…offset+limit slice. */
export function answerFrom(visible: readonly VisibleImage[], query: DescribeImagesQuery): DescribeImagesResult {
  const matching = query.status === 0 ? visible : visible.filter((image) => image.status === query.status);
  return {
    totalCount: matching.length,
    imageSet: matching.slice(query.offset, query.offset + query.limit).map(itemOf),
  };
}

function itemOf(image: VisibleImage): LegacyImage {
  if (!image.item) {
    image.item = legacyItem(image.source!, image);
    image.source = undefined; // the 3.0 image is not needed again: let a cached scan shrink.
  }
  return image.item;
}

/** Every image 3.0 has for the request, in 3.0's order; one seen twice (paging shifted) counts once. */
export async function scanAll(request: Cvm3DescribeImagesRequest, fetchPage: FetchImagesPage): Promise<Cvm3Image[]> {
  const seen = new Set<string>();
  const images: Cvm3Image[] = [];
  let offset = 0;
  for (let page = 0; page < MAX_SCAN_PAGES; page++) {
    const answer = await fetchPage({ ...request, Offset: offset, Limit: CVM3_MAX_LIMIT });
    for (const image of answer.ImageSet) {
      if (seen.has(image.ImageId)) continue;
      seen.add(image.ImageId);
      images.push(image);
    }
    offset += answer.ImageSet.length;
    // TotalCount, not a short page, ends the scan: 3.0 may answer a page with fewer than Limit.
    if (answer.ImageSet.length === 0 || offset >= answer.TotalCount) return images;
  }
  throw new LegacyError(6000, `API 3.0 kept paging past ${MAX_SCAN_PAGES * CVM3_MAX_LIMIT} images`);
}

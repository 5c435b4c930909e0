/**
 * The emulated 3.0 DescribeImages: validates the request body and answers it from the catalogue,
 * as one account (uin) sees it. Pure: no clock, no I/O. Throws Cvm3Error with the real API's codes.
 */
import type { Cvm3DescribeImagesResponse } from '../../src/core/cvm3/types.js';
import type { Catalogue } from './catalogue.js';
import { visibleImages } from './catalogue.js';
import { parseDescribeImagesRequest } from './describe-images-request.js';
import { matchesFilters } from './filters.js';

export type DescribeImagesResult = Omit<Cvm3DescribeImagesResponse, 'RequestId'>;

/**
 * `ImageIds` selects the visible images among those ids (unknown ids, and other accounts' private
 * images, are simply absent); otherwise every visible image that passes all filters. Matches keep
 * the catalogue's stable order; `TotalCount` counts all of them, `ImageSet` is the Offset/Limit page
 * (fresh copies of the top level; nested fields are the catalogue's, frozen).
 */
export function describeImages(catalogue: Catalogue, uin: string, body: unknown): DescribeImagesResult {
  const query = parseDescribeImagesRequest(body);
  const visible = visibleImages(catalogue, uin);
  const wanted = query.imageIds === undefined ? undefined : new Set(query.imageIds);
  const matches = visible.filter((image) =>
    wanted === undefined ? matchesFilters(image, query.filters) : wanted.has(image.ImageId),
  );
  // Shallow copies: nested fields are frozen in the catalogue, and a deep clone costs more than the rest.
  return {
    TotalCount: matches.length,
    ImageSet: matches.slice(query.offset, query.offset + query.limit).map((image) => ({ ...image })),
  };
}

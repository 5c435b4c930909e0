/**
 * A 3.0 DescribeImages answer checked for the fields the translation relies on: an upstream
 * (or something pretending to be one) that answers another shape is unavailable, not trusted.
 */
import type { Cvm3DescribeImagesResponse, Cvm3Image } from '../core/cvm3/types.js';
import { upstreamUnavailable } from '../core/translate/upstream-errors.js';

export function asDescribeImagesResponse(answer: unknown): Cvm3DescribeImagesResponse {
  const response = answer as Partial<Cvm3DescribeImagesResponse> | null;
  if (
    !response ||
    typeof response.TotalCount !== 'number' ||
    !Array.isArray(response.ImageSet) ||
    !response.ImageSet.every(isImage)
  ) {
    throw upstreamUnavailable('the answer is not a DescribeImages response');
  }
  return { TotalCount: response.TotalCount, ImageSet: response.ImageSet, RequestId: String(response.RequestId ?? '') };
}

function isImage(value: unknown): value is Cvm3Image {
  const image = value as Partial<Cvm3Image> | null;
  return !!image && typeof image.ImageId === 'string' && typeof image.ImageState === 'string' && typeof image.ImageType === 'string';
}

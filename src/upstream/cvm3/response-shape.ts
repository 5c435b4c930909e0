/**
 * A 3.0 DescribeImages answer checked for the fields the translation relies on: an upstream
 * (or something pretending to be one) that answers another shape is unavailable, not trusted.
 */
import type { Cvm3DescribeImagesResponse, Cvm3Image } from '../../core/cvm3/types.js';
import { upstreamUnavailable } from '../../core/translate/upstream-errors.js';

export function asDescribeImagesResponse(answer: unknown): Cvm3DescribeImagesResponse {
  const response = (answer ?? {}) as Partial<Cvm3DescribeImagesResponse>;
  const problem =
    typeof response.TotalCount !== 'number'
      ? 'TotalCount is not a number'
      : !Array.isArray(response.ImageSet)
        ? 'ImageSet is not an array'
        : !response.ImageSet.every(isImage)
          ? 'an image lacks ImageId, ImageState or ImageType'
          : undefined;
  // The reason the client reads is fixed; what exactly was wrong goes to the log as the cause.
  if (problem) throw upstreamUnavailable('its answer is not a DescribeImages response', new Error(problem));
  return {
    TotalCount: response.TotalCount!,
    ImageSet: response.ImageSet!,
    RequestId: String(response.RequestId ?? ''),
  };
}

function isImage(value: unknown): value is Cvm3Image {
  const image = value as Partial<Cvm3Image> | null;
  return (
    !!image &&
    typeof image.ImageId === 'string' &&
    typeof image.ImageState === 'string' &&
    typeof image.ImageType === 'string'
  );
}

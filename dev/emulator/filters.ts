/**
 * DescribeImages filters. Names and their meaning: docs/contract.md#sdk-cvm `DescribeImagesRequest.Filters`
 * (image-id, image-type, image-name fuzzy, platform fuzzy, tag-key, tag-value, tag:<key>,
 * dedicated-cluster-id, cdc-cache-status). Different filters AND, values of one filter OR.
 */
import type { Cvm3Filter, Cvm3Image } from '../../src/core/cvm3/types.js';
import { IMAGE_ID_PATTERN } from './constants.js';
import { Cvm3Error, ERROR_CODE } from './errors.js';

type Matcher = (image: Cvm3Image, values: readonly string[]) => boolean;

/** docs/contract.md#sdk-cvm `image-type` values. */
export const IMAGE_TYPES: ReadonlySet<string> = new Set(['PRIVATE_IMAGE', 'PUBLIC_IMAGE', 'SHARED_IMAGE']);

const TAG_FILTER_PREFIX = 'tag:';

interface Tag {
  Key: string;
  Value: string;
}

function tagsOf(image: Cvm3Image): Tag[] {
  const tags = image['Tags'];
  if (!Array.isArray(tags)) return [];
  return tags.filter(
    (t): t is Tag => typeof t === 'object' && t !== null && typeof t.Key === 'string' && typeof t.Value === 'string',
  );
}

/** "Fuzzy" in the documents: a case-insensitive substring match. */
function fuzzy(field: string | undefined, values: readonly string[]): boolean {
  const haystack = (field ?? '').toLowerCase();
  return values.some((v) => haystack.includes(v.toLowerCase()));
}

const MATCHERS: Readonly<Record<string, Matcher>> = {
  'image-id': (image, values) => values.includes(image.ImageId),
  'image-type': (image, values) => values.includes(image.ImageType),
  'image-name': (image, values) => fuzzy(image.ImageName, values),
  platform: (image, values) => fuzzy(image.Platform, values),
  'tag-key': (image, values) => tagsOf(image).some((t) => values.includes(t.Key)),
  'tag-value': (image, values) => tagsOf(image).some((t) => values.includes(t.Value)),
  // Accepted, but no emulated image lives in a CDC, so they match nothing.
  'dedicated-cluster-id': () => false,
  'cdc-cache-status': () => false,
};

function matcherFor(name: string): Matcher | undefined {
  if (Object.hasOwn(MATCHERS, name)) return MATCHERS[name];
  if (name.startsWith(TAG_FILTER_PREFIX) && name.length > TAG_FILTER_PREFIX.length) {
    const key = name.slice(TAG_FILTER_PREFIX.length);
    return (image, values) => tagsOf(image).some((t) => t.Key === key && values.includes(t.Value));
  }
  return undefined;
}

/** Checks one filter's name and values; `path` is its parameter name, e.g. `Filters.0`. */
export function validateFilter(filter: Cvm3Filter, path: string): void {
  if (matcherFor(filter.Name) === undefined) {
    throw new Cvm3Error(ERROR_CODE.invalidFilter, `The filter \`${filter.Name}\` (${path}.Name) is not supported.`);
  }
  filter.Values.forEach((value, i) => {
    if (filter.Name === 'image-type' && !IMAGE_TYPES.has(value)) {
      throw new Cvm3Error(
        ERROR_CODE.invalidParameterValue,
        `The value \`${value}\` of \`${path}.Values.${i}\` is invalid for filter \`image-type\`; ` +
          `valid values: ${[...IMAGE_TYPES].join(', ')}.`,
      );
    }
    if (filter.Name === 'image-id' && !IMAGE_ID_PATTERN.test(value)) {
      throw new Cvm3Error(ERROR_CODE.imageIdMalformed, `Invalid image id \`${value}\` in \`${path}.Values.${i}\`.`);
    }
  });
}

/** True when the image passes every filter (filters already validated). */
export function matchesFilters(image: Cvm3Image, filters: readonly Cvm3Filter[]): boolean {
  return filters.every((f) => matcherFor(f.Name)?.(image, f.Values) ?? false);
}

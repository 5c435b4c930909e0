/**
 * The parameters of legacy DescribeImages (docs/contract.md#leg-describe-images), checked as Part B
 * says: every bad value is a 4000 that names the parameter and what is wrong (docs/contract.md#b9).
 */
import { clip } from '../clip.js';
import { invalidParameter } from '../errors.js';
import type { DescribeImagesQuery, LegacyImageStatus, LegacyImageType } from './describe-images-query.js';
import type { LegacyParams } from './params.js';
import { toCvm3Region } from './regions.js';

export const MAX_IMAGE_IDS = 10;
export const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 20;
const IMAGE_ID = /^img-[a-z0-9]{8}$/;
const INDEXED_ID = /^imageIds\.(.*)$/;
const DECIMAL = /^[0-9]+$/;
/** Canonical indexes only: `imageIds.0` and `imageIds.00` would name one slot twice. */
const INDEX = /^(0|[1-9][0-9]{0,2})$/;

export function parseDescribeImages(params: LegacyParams): DescribeImagesQuery {
  const region = toCvm3Region(params.get('Region'));
  const imageType = integerParam(params, 'imageType', { min: 1, max: 4 });
  if (imageType === undefined)
    throw invalidParameter('imageType', 'is required (1 private, 2 public, 3 service market, 4 shared)');
  return {
    region,
    imageType: imageType as LegacyImageType,
    imageIds: parseImageIds(params),
    status: (integerParam(params, 'status', { min: 0, max: 5 }) ?? 0) as LegacyImageStatus,
    offset: integerParam(params, 'offset', { min: 0, max: Number.MAX_SAFE_INTEGER }) ?? 0,
    limit: integerParam(params, 'limit', { min: 1, max: MAX_LIMIT }) ?? DEFAULT_LIMIT,
  };
}

function integerParam(params: LegacyParams, name: string, range: { min: number; max: number }): number | undefined {
  const text = params.get(name);
  if (text === undefined) return undefined;
  if (!DECIMAL.test(text))
    throw invalidParameter(name, `must be an integer from ${range.min} to ${range.max}, got "${clip(text)}"`);
  const value = Number(text);
  if (value < range.min || value > range.max) {
    throw invalidParameter(name, `must be from ${range.min} to ${range.max}, got ${clip(text)}`);
  }
  return value;
}

/** `imageIds.n`, 0- or 1-based (docs/contract.md#leg-common), ordered by n; gaps are tolerated (docs/contract.md#b6). */
function parseImageIds(params: LegacyParams): string[] {
  const indexed: Array<{ index: number; id: string }> = [];
  for (const [name, { value }] of params.byName) {
    if (name === 'imageIds') throw invalidParameter('imageIds', 'must be given as imageIds.0, imageIds.1, …');
    const match = INDEXED_ID.exec(name);
    if (!match) continue;
    const index = match[1]!;
    if (!INDEX.test(index))
      throw invalidParameter(clip(name), 'the index must be an integer from 0 to 999 without leading zeros');
    if (!IMAGE_ID.test(value))
      throw invalidParameter(name, `malformed image id "${clip(value)}" (expected img-xxxxxxxx)`);
    indexed.push({ index: Number(index), id: value });
  }
  indexed.sort((a, b) => a.index - b.index);
  const ids = [...new Set(indexed.map((entry) => entry.id))];
  if (ids.length > MAX_IMAGE_IDS)
    throw invalidParameter('imageIds', `at most ${MAX_IMAGE_IDS} distinct ids may be given, got ${ids.length}`);
  return ids;
}

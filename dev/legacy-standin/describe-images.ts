/**
 * Legacy DescribeImages as the legacy host answered it, computed straight from the emulator's
 * catalogue (the same images the emulator serves through 3.0), and written independently of the
 * proxy: its own parameter reading (image-params.ts), its own type and status tables
 * (legacy-tables.ts), its own visibility rule, paging, field mapping and time formatting, all from
 * the legacy DescribeImages page and the contract (docs/contract.md#b4–docs/contract.md#b8). It imports nothing from the proxy's
 * translation, and it never pages through 3.0.
 *
 * What agreement with the proxy proves: that two readings of the documents, one over the 3.0 API
 * (the proxy, paging the emulator) and one over the catalogue itself (this), give the same legacy
 * answers: types, statuses, hidden states, counts, slices, ids, fields and times.
 * What it does not prove: that the documents were read right where both readings could share a
 * mistake (the golden fixtures in test/fixtures/translation check the proxy against the contract
 * by hand); that the real legacy host behaved so; anything about signatures, which both check with
 * the same src/core/legacy/authenticate.ts; or error messages, which each words its own way.
 */
import { LegacyError } from '../../src/core/errors.js';
import type { Catalogue, CatalogueImage } from '../emulator/catalogue.js';
import { beijingTime } from './beijing-time.js';
import { readImageQuery } from './image-params.js';
import { IMAGE_TYPE, STATUS_OF_STATE, type StandinImageType } from './legacy-tables.js';

/** One `imageSet` item: the legacy page §3's fields, plus `creator` beside the example's `createor` (docs/contract.md#b8). */
export interface StandinImage {
  unImgId: string;
  imageName: string;
  imageDescription: string;
  osName: string;
  imageType: StandinImageType;
  createTime: string;
  creator: string;
  createor: string;
  status: number;
}

export interface StandinImagesAnswer {
  readonly totalCount: number;
  readonly imageSet: readonly StandinImage[];
}

export function describeImagesFromCatalogue(
  catalogue: Catalogue,
  uin: string,
  pairs: Iterable<readonly [string, string]>,
): StandinImagesAnswer {
  const query = readImageQuery(pairs);
  if (query.imageType === IMAGE_TYPE.market) throw serviceMarket(query.region);
  const wanted = query.imageIds && new Set(query.imageIds);
  const matching: StandinImage[] = [];
  for (const entry of catalogue.images) {
    if (typeFor(entry, uin) !== query.imageType) continue;
    if (wanted && !wanted.has(entry.image.ImageId)) continue;
    const status = STATUS_OF_STATE.get(entry.image.ImageState);
    if (status === undefined) continue; // a state legacy clients never see
    if (query.status !== 0 && status !== query.status) continue;
    matching.push(legacyImage(entry, query.imageType, status));
  }
  return { totalCount: matching.length, imageSet: matching.slice(query.offset, query.offset + query.limit) };
}

/**
 * Which legacy type an image is for this account, or undefined when the account may not see it.
 * Catalogue order is kept: own images, then those shared with it, then official ones, each in
 * the order the catalogue lists them (dev/emulator/catalogue.ts).
 */
function typeFor(entry: CatalogueImage, uin: string): StandinImageType | undefined {
  if (entry.owner === null) return IMAGE_TYPE.official;
  if (entry.owner === uin) return IMAGE_TYPE.own;
  return entry.sharedWith.includes(uin) ? IMAGE_TYPE.sharedWithMe : undefined;
}

function legacyImage({ image }: CatalogueImage, imageType: StandinImageType, status: number): StandinImage {
  const creator = image.ImageCreator ?? '';
  return {
    unImgId: image.ImageId,
    imageName: image.ImageName ?? '',
    imageDescription: image.ImageDescription ?? '',
    osName: image.OsName ?? '',
    imageType,
    createTime: beijingTime(image.CreatedTime),
    creator,
    createor: creator,
    status,
  };
}

/** The catalogue has no service market; the legacy page: "北美地区不支持服务市场". */
function serviceMarket(region: string): LegacyError {
  const where = region.startsWith('na-')
    ? '北美地区不支持服务市场 (North America has no service market)'
    : 'this stand-in has no service market images';
  return new LegacyError(6100, `imageType=3: ${where}`);
}

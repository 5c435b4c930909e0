/**
 * One 3.0 `Image` as a legacy `imageSet` item (docs/contract.md#b8), or null when the legacy API does
 * not show it (a state with no legacy status, or a type with no legacy number).
 */
import type { Cvm3Image } from '../cvm3/types.js';
import type { LegacyImageStatus, LegacyImageType } from '../legacy/describe-images-query.js';
import { lookup } from '../lookup.js';
import { toChinaStandardTime } from './china-time.js';
import { LEGACY_IMAGE_TYPE, LEGACY_STATUS } from './tables.js';

export interface LegacyImage {
  unImgId: string;
  imageName: string;
  imageDescription: string;
  osName: string;
  imageType: LegacyImageType;
  createTime: string;
  creator: string;
  /** The legacy page's example spells it so; clients may read either (docs/contract.md#b8). */
  createor: string;
  status: Exclude<LegacyImageStatus, 0>;
}

export interface LegacyClass {
  readonly imageType: LegacyImageType;
  readonly status: Exclude<LegacyImageStatus, 0>;
}

/** What decides whether, and where, a legacy client sees an image: cheap, so scans classify every image. */
export function legacyClassOf(image: Cvm3Image): LegacyClass | null {
  const status = lookup(LEGACY_STATUS, image.ImageState);
  const imageType = lookup(LEGACY_IMAGE_TYPE, image.ImageType);
  return status === undefined || imageType === undefined ? null : { imageType, status };
}

export function toLegacyImage(image: Cvm3Image): LegacyImage | null {
  const legacyClass = legacyClassOf(image);
  return legacyClass && legacyItem(image, legacyClass);
}

/** The full legacy item of an image already classified. */
export function legacyItem(image: Cvm3Image, { imageType, status }: LegacyClass): LegacyImage {
  const creator = text(image.ImageCreator);
  return {
    unImgId: image.ImageId,
    imageName: text(image.ImageName),
    imageDescription: text(image.ImageDescription),
    osName: text(image.OsName),
    imageType,
    createTime: toChinaStandardTime(image.CreatedTime),
    creator,
    createor: creator,
    status,
  };
}

/** The legacy page types these fields as String: whatever 3.0 sends, a client gets a string. */
function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

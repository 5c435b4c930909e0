/**
 * Where each legacy `imageSet` field comes from in a 3.0 `Image` (docs/contract.md#b8), for the
 * plan's notes. legacy-image.ts maps them; a test holds this table to what it does.
 */
export const LEGACY_FIELD_SOURCES: ReadonlyArray<readonly [legacy: string, cvm3: string]> = [
  ['unImgId', 'ImageId'],
  ['imageName', 'ImageName'],
  ['imageDescription', 'ImageDescription'],
  ['osName', 'OsName'],
  ['imageType', 'ImageType'],
  ['status', 'ImageState'],
  ['createTime', 'CreatedTime'],
  ['creator', 'ImageCreator'],
  ['createor', 'ImageCreator'],
];

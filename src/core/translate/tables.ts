/**
 * Legacy ↔ 3.0 correspondences, as data (docs/contract.md#b4, #b5).
 */
import type { Cvm3ImageType } from '../cvm3/types.js';
import type { LegacyImageStatus, LegacyImageType } from '../legacy/describe-images-query.js';

/** docs/contract.md#b4. Service market (3) has no 3.0 equivalent: MARKET_IMAGE left the 3.0 documents in 2019. */
export const CVM3_IMAGE_TYPE: Readonly<Record<Exclude<LegacyImageType, 3>, Cvm3ImageType>> = {
  1: 'PRIVATE_IMAGE',
  2: 'PUBLIC_IMAGE',
  4: 'SHARED_IMAGE',
};

export const LEGACY_IMAGE_TYPE: Readonly<Record<string, LegacyImageType>> = {
  PRIVATE_IMAGE: 1,
  PUBLIC_IMAGE: 2,
  SHARED_IMAGE: 4,
};

/**
 * docs/contract.md#b5. The status a legacy client sees for a 3.0 `ImageState`. Nothing maps to 5 (copying).
 * States not listed (CREATEFAILED, IMPORTFAILED, anything new) are invisible to legacy clients.
 */
export const LEGACY_STATUS: Readonly<Record<string, Exclude<LegacyImageStatus, 0>>> = {
  CREATING: 1,
  IMPORTING: 1,
  NORMAL: 2,
  USING: 3,
  SYNCING: 4,
};

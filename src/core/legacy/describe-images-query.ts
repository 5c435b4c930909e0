/**
 * What a legacy DescribeImages asks for, once parsed: types only, shared by the parser
 * (describe-images-request.ts) and the translation (core/translate) without tying one to the other.
 */
export type LegacyImageType = 1 | 2 | 3 | 4;
export type LegacyImageStatus = 0 | 1 | 2 | 3 | 4 | 5;

export interface DescribeImagesQuery {
  /** The 3.0 region name. */
  readonly region: string;
  readonly imageType: LegacyImageType;
  /** In index order, duplicates collapsed; empty when none were given. */
  readonly imageIds: readonly string[];
  readonly status: LegacyImageStatus;
  readonly offset: number;
  readonly limit: number;
}

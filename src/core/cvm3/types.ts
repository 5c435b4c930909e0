/**
 * The slice of CVM API 3.0 `DescribeImages` (version 2017-03-12) that this product speaks.
 * Shapes follow tencentcloud-sdk-nodejs-cvm `cvm_models.d.ts` (DescribeImagesRequest, Image);
 * only the fields the translation reads are typed strictly, the rest pass through untouched.
 */

export const CVM3_SERVICE = 'cvm';
export const CVM3_VERSION = '2017-03-12';
export const DESCRIBE_IMAGES = 'DescribeImages';

/** 3.0 allows at most this many images per page (`Limit`). */
export const CVM3_MAX_LIMIT = 100;

export type Cvm3ImageType = 'PRIVATE_IMAGE' | 'PUBLIC_IMAGE' | 'SHARED_IMAGE';

export interface Cvm3Filter {
  Name: string;
  Values: string[];
}

export interface Cvm3DescribeImagesRequest {
  ImageIds?: string[];
  Filters?: Cvm3Filter[];
  Offset?: number;
  Limit?: number;
  /** Only images that can run on this instance type (sent only by transitional 3.0-style calls). */
  InstanceType?: string;
}

export interface Cvm3Image {
  ImageId: string;
  OsName: string;
  ImageType: string;
  /** ISO 8601 in UTC (`…Z` or `…+00:00`); null for some images. */
  CreatedTime: string | null;
  ImageName: string;
  ImageDescription: string;
  ImageSize?: number;
  Architecture?: string;
  ImageState: string;
  Platform?: string;
  /** The creating account's id; null for public images. */
  ImageCreator: string | null;
  ImageSource?: string;
  [other: string]: unknown;
}

export interface Cvm3DescribeImagesResponse {
  TotalCount: number;
  ImageSet: Cvm3Image[];
  RequestId: string;
}

/**
 * Literals of the CVM 3.0 emulator, each with the document it comes from
 * (sources as in docs/contract.md#sources: docs/contract.md#sig-3, docs/contract.md#sdk-cvm, docs/contract.md#go-sdk, docs/contract.md#err-3).
 */

/** Request headers the official Node SDK sends (http_connection.js `doRequestWithSign3`), lower-cased. */
export const HEADER = {
  action: 'x-tc-action',
  version: 'x-tc-version',
  timestamp: 'x-tc-timestamp',
  region: 'x-tc-region',
  token: 'x-tc-token',
  authorization: 'authorization',
  contentType: 'content-type',
  host: 'host',
} as const;

/** docs/contract.md#sig-3: a timestamp more than 5 minutes from the server's clock is rejected. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** DescribeImages page (cloud.tencent.com/document/api/213/15715): at most 40 requests per second. */
export const DEFAULT_RATE_LIMIT_PER_SECOND = 40;

/** How many request records the emulator keeps for tests (the oldest are dropped). */
export const REQUEST_LOG_LIMIT = 10_000;

/** docs/contract.md#sdk-cvm DescribeImagesRequest: at most 10 filters, 5 values each; Offset 0, Limit 20 (max 100). */
export const MAX_FILTERS = 10;
export const MAX_FILTER_VALUES = 5;
export const DEFAULT_OFFSET = 0;
export const DEFAULT_LIMIT = 20;

/** `img-` and 8 lower-case letters or digits, as every id in the legacy and 3.0 documents. */
export const IMAGE_ID_PATTERN = /^img-[a-z0-9]{8}$/;

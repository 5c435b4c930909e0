/**
 * The official Node SDK's own TC3 signer (`tencentcloud-sdk-nodejs-common`
 * `tencentcloud/common/sign.js`, `Sign.sign3`), used as an independent oracle. Loaded with
 * `require` because the package is CommonJS and ESM interop differs between Node and vitest.
 */
import { createRequire } from 'node:module';
import type SignModule from 'tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js';

const { default: Sign } = createRequire(import.meta.url)(
  'tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js',
) as typeof SignModule;

export interface SdkSignInput {
  url: string;
  body: string;
  timestamp: number;
  service: string;
  secretId: string;
  secretKey: string;
  contentType: string;
}

/** The `Authorization` header the SDK would send for this POST. */
export function sdkAuthorization(input: SdkSignInput): string {
  return Sign.sign3({
    method: 'POST',
    url: input.url,
    // A Buffer is hashed as is; anything else the SDK would JSON-stringify first.
    payload: Buffer.from(input.body, 'utf8'),
    timestamp: input.timestamp,
    service: input.service,
    secretId: input.secretId,
    secretKey: input.secretKey,
    multipart: false,
    boundary: '',
    headers: { 'Content-Type': input.contentType },
  });
}

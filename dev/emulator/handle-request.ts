/**
 * One 3.0 API call through the emulator, from raw request to DescribeImages answer: authenticate,
 * then version, action, region, rate limit, JSON body. Every failure is a Cvm3Error with the code
 * the real API uses (errors.ts names each code's source).
 */
import { CVM3_VERSION, DESCRIBE_IMAGES } from '../../src/core/cvm3/types.js';
import type { EmulatorAccount } from './accounts.js';
import { authenticate } from './authenticate.js';
import type { IncomingApiRequest } from './authenticate.js';
import type { Catalogue } from './catalogue.js';
import { HEADER } from './constants.js';
import { describeImages } from './describe-images.js';
import type { DescribeImagesResult } from './describe-images.js';
import { Cvm3Error, ERROR_CODE } from './errors.js';
import type { RateLimiter } from './rate-limiter.js';
import { CVM3_REGIONS } from './regions.js';

export interface HandlerDeps {
  accounts: ReadonlyMap<string, EmulatorAccount>;
  catalogue: Catalogue;
  limiter: RateLimiter;
  now: () => number;
}

function parseJson(body: Uint8Array<ArrayBuffer>): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw new Cvm3Error(ERROR_CODE.invalidParameter, 'The request body is not valid UTF-8 JSON.');
  }
}

export async function handleApiRequest(deps: HandlerDeps, request: IncomingApiRequest): Promise<DescribeImagesResult> {
  const nowMs = deps.now();
  const account = await authenticate(request, deps.accounts, nowMs);
  const version = request.headers.get(HEADER.version) ?? '';
  if (version !== CVM3_VERSION) {
    throw new Cvm3Error(
      ERROR_CODE.noSuchVersion,
      `The API version \`${version}\` does not exist; CVM speaks ${CVM3_VERSION}.`,
    );
  }
  const action = request.headers.get(HEADER.action) ?? '';
  if (action !== DESCRIBE_IMAGES) {
    throw new Cvm3Error(
      ERROR_CODE.invalidAction,
      `The action \`${action}\` does not exist (the emulator serves ${DESCRIBE_IMAGES}).`,
    );
  }
  // The DescribeImages page lists Region as "not required for this API"; a region given must exist.
  const region = request.headers.get(HEADER.region);
  if (region !== null && !CVM3_REGIONS.has(region)) {
    throw new Cvm3Error(ERROR_CODE.invalidRegion, `The region \`${region}\` is not found.`);
  }
  // CAM is consulted once the action is known, before the rate limit counts the call.
  if (account.denied) {
    throw new Cvm3Error(
      ERROR_CODE.unauthorizedOperation,
      `The account's CAM policy does not allow cvm:${DESCRIBE_IMAGES}.`,
    );
  }
  if (!deps.limiter.allow(`${account.secretId}\u0000${action}`, nowMs)) {
    throw new Cvm3Error(ERROR_CODE.requestLimitExceeded, 'The number of requests exceeds the frequency limit.');
  }
  return describeImages(deps.catalogue, account.uin, parseJson(request.body));
}

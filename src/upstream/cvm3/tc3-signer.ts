/**
 * TC3-HMAC-SHA256 for the lean Node client: the hashing and the HMAC chain behind the text stages
 * of src/core/cvm3/tc3.ts, on node:crypto because it is synchronous and cheap (the Worker signs
 * with the official SDK, so this need not run on WebCrypto). The emulator verifies with these
 * same functions. Checked against the published vector and the SDK's own signatures in tests.
 */
import { createHash, createHmac } from 'node:crypto';
import { createDayKeyCache } from '../../core/cvm3/day-key-cache.js';
import {
  TC3_SIGNED_HEADERS,
  TC3_TERMINATOR,
  authorizationHeader,
  canonicalRequest,
  credentialScope,
  stringToSign,
  utcDate,
} from '../../core/cvm3/tc3.js';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The HMAC chain `"TC3" + SecretKey` → date → service → `tc3_request` (docs/contract.md#a2). */
export function signingKey(secretKey: string, date: string, service: string): Buffer {
  const kDate = createHmac('sha256', `TC3${secretKey}`).update(date).digest();
  const kService = createHmac('sha256', kDate).update(service).digest();
  return createHmac('sha256', kService).update(TC3_TERMINATOR).digest();
}

export function signatureHex(key: Uint8Array, toSign: string): string {
  return createHmac('sha256', key).update(toSign).digest('hex');
}

export interface Tc3Request {
  readonly secretId: string;
  readonly secretKey: string;
  readonly service: string;
  /** The host's name, without port. */
  readonly hostname: string;
  readonly contentType: string;
  readonly body: string;
  /** Unix seconds. */
  readonly timestamp: number;
}

/**
 * The Authorization header of a POST to `/`, signed exactly as the official SDK signs it: no
 * query, `content-type;host`, the host's name without port. The day's signing key is derived once
 * per key pair, UTC day and service, then reused.
 */
export function createTc3Signer(): (request: Tc3Request) => string {
  const dayKey = createDayKeyCache(signingKey);
  return function authorization(request) {
    const date = utcDate(request.timestamp);
    const scope = credentialScope(date, request.service);
    const canonical = canonicalRequest({
      method: 'POST',
      path: '/',
      query: '',
      headers: { 'content-type': request.contentType, host: request.hostname },
      payloadHash: sha256Hex(request.body),
    });
    const signature = signatureHex(
      dayKey(request.secretKey, date, request.service),
      stringToSign(request.timestamp, scope, sha256Hex(canonical)),
    );
    return authorizationHeader(request.secretId, scope, TC3_SIGNED_HEADERS.join(';'), signature);
  };
}

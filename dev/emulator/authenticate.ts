/**
 * Authentication of a 3.0 request, in the order the checks are listed in docs/contract.md#a2 / docs/contract.md#sig-3:
 * Authorization header shape, timestamp window, credential-scope date, SecretId, signature, token.
 * Built to accept exactly what the official Node SDK sends: it signs the host without its port
 * (`URL.hostname`) and names the scope's service after the endpoint's first label (`127` for
 * `127.0.0.1:9000`), so the service is taken from the scope and the port is dropped from Host.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { TC3_SIGNED_HEADERS, utcDate } from '../../src/core/cvm3/tc3.js';
import type { EmulatorAccount } from './accounts.js';
import { HEADER, MAX_CLOCK_SKEW_SECONDS } from './constants.js';
import { Cvm3Error, ERROR_CODE } from './errors.js';
import { parseAuthorization, verifyTc3 } from './tc3.js';

export interface IncomingApiRequest {
  method: string;
  path: string;
  query: string;
  headers: Headers;
  /** The Host header as received (it may carry a port). */
  host: string;
  /** The body bytes exactly as received. */
  body: Uint8Array<ArrayBuffer>;
}

/** `example.com:9000` → `example.com`, `[::1]:9000` → `[::1]` (what `URL.hostname` gives). */
export function hostWithoutPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0] ?? '';
}

/** Equal secrets, in constant time: hashed first, so that a guess's length tells nothing either. */
function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

function timestampOf(headers: Headers): number {
  const raw = headers.get(HEADER.timestamp);
  if (raw === null)
    throw new Cvm3Error(ERROR_CODE.missingParameter, 'The request is missing the `X-TC-Timestamp` header.');
  if (!/^\d{1,12}$/.test(raw)) {
    throw new Cvm3Error(ERROR_CODE.invalidParameter, `\`X-TC-Timestamp\` \`${raw}\` is not a Unix time in seconds.`);
  }
  return Number(raw);
}

/** Returns the calling account, or throws the AuthFailure the real API would answer. */
export async function authenticate(
  request: IncomingApiRequest,
  accounts: ReadonlyMap<string, EmulatorAccount>,
  nowMs: number,
): Promise<EmulatorAccount> {
  const auth = parseAuthorization(request.headers.get(HEADER.authorization));
  if (auth === undefined || !TC3_SIGNED_HEADERS.every((h) => auth.signedHeaders.includes(h))) {
    throw new Cvm3Error(
      ERROR_CODE.invalidAuthorization,
      'The Authorization header is missing or malformed: expected `TC3-HMAC-SHA256 ' +
        'Credential=<SecretId>/<date>/<service>/tc3_request, SignedHeaders=content-type;host, Signature=<hex>`.',
    );
  }
  const timestamp = timestampOf(request.headers);
  const nowSeconds = Math.floor(nowMs / 1000);
  if (Math.abs(nowSeconds - timestamp) > MAX_CLOCK_SKEW_SECONDS) {
    throw new Cvm3Error(
      ERROR_CODE.signatureExpire,
      `Signature expired: X-TC-Timestamp ${timestamp} is more than ${MAX_CLOCK_SKEW_SECONDS} seconds from the server time ${nowSeconds}.`,
    );
  }
  // docs/contract.md#sig-3: the credential scope's date is the UTC date of X-TC-Timestamp.
  if (auth.date !== utcDate(timestamp)) {
    throw new Cvm3Error(
      ERROR_CODE.signatureFailure,
      `The credential scope date ${auth.date} is not the UTC date of X-TC-Timestamp (${utcDate(timestamp)}).`,
    );
  }
  const account = accounts.get(auth.secretId);
  if (account === undefined) {
    throw new Cvm3Error(ERROR_CODE.secretIdNotFound, `The SecretId \`${auth.secretId}\` is not found.`);
  }
  const signedValues = Object.fromEntries(
    auth.signedHeaders.map((name) => [
      name,
      name === HEADER.host ? hostWithoutPort(request.host) : (request.headers.get(name) ?? ''),
    ]),
  );
  const valid = verifyTc3({
    secretKey: account.secretKey,
    authorization: auth,
    timestamp,
    method: request.method,
    path: request.path,
    query: request.query,
    headers: signedValues,
    payload: request.body,
  });
  if (!valid) {
    // The message of docs/contract.md#err-3's own example.
    const message = 'The provided credentials could not be validated. Please check your signature is correct.';
    throw new Cvm3Error(ERROR_CODE.signatureFailure, message);
  }
  if (account.token !== undefined && !sameSecret(request.headers.get(HEADER.token) ?? '', account.token)) {
    throw new Cvm3Error(ERROR_CODE.tokenFailure, 'The token in `X-TC-Token` is missing or invalid.');
  }
  return account;
}

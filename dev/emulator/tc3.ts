/**
 * The emulator's side of TC3-HMAC-SHA256: reading the Authorization header, and checking a
 * signature with the product's own stages (src/core/cvm3/tc3.ts, src/upstream/cvm3/tc3-signer.ts),
 * so that there is one TC3 implementation, checked against the published vector and the SDK.
 */
import { timingSafeEqual } from 'node:crypto';
import { createDayKeyCache } from '../../src/core/cvm3/day-key-cache.js';
import {
  TC3_ALGORITHM,
  TC3_TERMINATOR,
  canonicalRequest,
  credentialScope,
  stringToSign,
} from '../../src/core/cvm3/tc3.js';
import { sha256Hex, signatureHex, signingKey } from '../../src/upstream/cvm3/tc3-signer.js';

const SIGNATURE_HEX = /^[0-9a-f]{64}$/i;

export interface ParsedAuthorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION = new RegExp(
  `^${TC3_ALGORITHM} Credential=([^/\\s,]+)/(\\d{4}-\\d{2}-\\d{2})/([^/\\s,]+)/${TC3_TERMINATOR}, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-fA-F]+)$`,
);

/** Parses `TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=…, Signature=<hex>`. */
export function parseAuthorization(header: string | null | undefined): ParsedAuthorization | undefined {
  const m = AUTHORIZATION.exec(header?.trim() ?? '');
  if (!m) return undefined;
  const [, secretId = '', date = '', service = '', signed = '', signature = ''] = m;
  return { secretId, date, service, signedHeaders: signed.split(';'), signature };
}

export interface Tc3VerifyInput {
  secretKey: string;
  authorization: ParsedAuthorization;
  timestamp: number;
  method: string;
  path: string;
  query: string;
  /** Values of the headers named in `SignedHeaders`, keyed by lower-case name. */
  headers: Readonly<Record<string, string>>;
  /** The body bytes exactly as received (a string is taken as UTF-8). */
  payload: string | Uint8Array;
}

/** The day's signing key, derived once per key, date and service, as a real server keeps it. */
const dayKey = createDayKeyCache(signingKey);

/** True when the signature matches, compared in constant time: a wrong guess's timing tells nothing. */
export function verifyTc3(input: Tc3VerifyInput): boolean {
  const { authorization: auth } = input;
  if (!SIGNATURE_HEX.test(auth.signature)) return false;
  const signedHeaders = Object.fromEntries(auth.signedHeaders.map((n) => [n, input.headers[n] ?? '']));
  const canonical = canonicalRequest({
    method: input.method,
    path: input.path,
    query: input.query,
    headers: signedHeaders,
    payloadHash: sha256Hex(input.payload),
  });
  const toSign = stringToSign(input.timestamp, credentialScope(auth.date, auth.service), sha256Hex(canonical));
  const expected = Buffer.from(signatureHex(dayKey(input.secretKey, auth.date, auth.service), toSign), 'hex');
  return timingSafeEqual(expected, Buffer.from(auth.signature, 'hex'));
}

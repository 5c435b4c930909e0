/**
 * TC3-HMAC-SHA256, the signature of Tencent Cloud API 3.0, on WebCrypto only (`crypto.subtle`), so
 * the same code signs and verifies on Node 20 and on Cloudflare Workers. One function per stage of
 * the TC3 signature document (cloud.tencent.com/document/api/213/30654, "SIG-3" in
 * shared/spec/api-facts.md A2): canonical request, string to sign, signing key chain, signature.
 */
import { createDayKeyCache } from '../../src/core/cvm3/day-key-cache.js';

export { TC3_ALGORITHM, TC3_TERMINATOR } from '../../src/core/cvm3/types.js';
import { TC3_ALGORITHM, TC3_TERMINATOR } from '../../src/core/cvm3/types.js';
/** SIG-3: `content-type` and `host` must be signed; the official SDKs sign exactly these two. */
export const TC3_REQUIRED_HEADERS = ['content-type', 'host'] as const;
export const TC3_DEFAULT_CONTENT_TYPE = 'application/json';

type Bytes = string | Uint8Array<ArrayBuffer>;
const encoder = new TextEncoder();
const HMAC_SHA256 = { name: 'HMAC', hash: 'SHA-256' } as const;
const SIGNATURE_HEX = /^[0-9a-f]{64}$/i;

function toBytes(data: Bytes): Uint8Array<ArrayBuffer> {
  return typeof data === 'string' ? encoder.encode(data) : data;
}

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function sha256Hex(data: Bytes): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', toBytes(data)));
}

async function hmac(key: Bytes | ArrayBuffer, data: string): Promise<ArrayBuffer> {
  const raw = key instanceof ArrayBuffer ? key : toBytes(key);
  const cryptoKey = await crypto.subtle.importKey('raw', raw, HMAC_SHA256, false, ['sign']);
  return crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(data));
}

export interface CanonicalRequestParts {
  method: string;
  path: string;
  query: string;
  /** Lower-case header names to raw values, for the headers being signed. */
  headers: Readonly<Record<string, string>>;
  payloadHash: string;
}

/** SIG-3 step 1: names and values lower-cased and trimmed, sorted by name. */
export function canonicalHeaders(headers: Readonly<Record<string, string>>): {
  canonical: string;
  signed: string;
} {
  const names = Object.keys(headers).map((n) => n.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonical = names.map((n) => `${n}:${(lower[n] ?? '').trim().toLowerCase()}\n`).join('');
  return { canonical, signed: names.join(';') };
}

export function canonicalRequest(parts: CanonicalRequestParts): string {
  const { canonical, signed } = canonicalHeaders(parts.headers);
  return [parts.method, parts.path, parts.query, canonical, signed, parts.payloadHash].join('\n');
}

/** The UTC calendar date of a Unix timestamp (seconds), `YYYY-MM-DD`. */
export function utcDate(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

export function credentialScope(date: string, service: string): string {
  return `${date}/${service}/${TC3_TERMINATOR}`;
}

/** SIG-3 step 2. */
export async function stringToSign(timestamp: number, scope: string, canonical: string): Promise<string> {
  return [TC3_ALGORITHM, String(timestamp), scope, await sha256Hex(canonical)].join('\n');
}

/** SIG-3 step 3: HMAC chain `"TC3"+SecretKey` → date → service → `tc3_request`. */
export async function signingKey(secretKey: string, date: string, service: string): Promise<ArrayBuffer> {
  const kDate = await hmac(`TC3${secretKey}`, date);
  const kService = await hmac(kDate, service);
  return hmac(kService, TC3_TERMINATOR);
}

export async function signatureHex(key: ArrayBuffer, toSign: string): Promise<string> {
  return toHex(await hmac(key, toSign));
}

/** SIG-3 step 4. */
export function authorizationHeader(secretId: string, scope: string, signedHeaders: string, signature: string): string {
  return `${TC3_ALGORITHM} Credential=${secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

export interface ParsedAuthorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION =
  /^TC3-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s,]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-fA-F]+)$/;

/** Parses `TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=…, Signature=<hex>`. */
export function parseAuthorization(header: string | null | undefined): ParsedAuthorization | undefined {
  const m = AUTHORIZATION.exec(header?.trim() ?? '');
  if (!m) return undefined;
  const [, secretId = '', date = '', service = '', signed = '', signature = ''] = m;
  return { secretId, date, service, signedHeaders: signed.split(';'), signature };
}

export interface Tc3SignInput {
  secretId: string;
  secretKey: string;
  /** The credential scope's service, e.g. `cvm`. */
  service: string;
  /** The host as signed: no port (the official SDKs sign `URL.hostname`). */
  host: string;
  /** Unix seconds; the scope date is its UTC date. */
  timestamp: number;
  /** The body bytes exactly as sent (a string is taken as UTF-8). */
  payload: Bytes;
  contentType?: string;
  method?: string;
}

export interface Tc3Signature {
  authorization: string;
  signature: string;
  timestamp: number;
  date: string;
}

/** Signs a POST to `/` the way the official SDKs do (signed headers `content-type;host`). */
export async function signTc3(input: Tc3SignInput): Promise<Tc3Signature> {
  const date = utcDate(input.timestamp);
  const scope = credentialScope(date, input.service);
  const headers = { 'content-type': input.contentType ?? TC3_DEFAULT_CONTENT_TYPE, host: input.host };
  const canonical = canonicalRequest({
    method: input.method ?? 'POST',
    path: '/',
    query: '',
    headers,
    payloadHash: await sha256Hex(input.payload),
  });
  const key = await signingKey(input.secretKey, date, input.service);
  const signature = await signatureHex(key, await stringToSign(input.timestamp, scope, canonical));
  const signed = canonicalHeaders(headers).signed;
  return { authorization: authorizationHeader(input.secretId, scope, signed, signature), signature, timestamp: input.timestamp, date };
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
  payload: Bytes;
}

/** The day's verification key, derived once per key, date and service, as a real server keeps it. */
const verificationKey = createDayKeyCache((secretKey, date, service) =>
  signingKey(secretKey, date, service).then((raw) => crypto.subtle.importKey('raw', raw, HMAC_SHA256, false, ['verify'])),
);

/**
 * True when the signature matches. The comparison is `crypto.subtle.verify`, which WebCrypto
 * specifies as constant-time, so a caller learns nothing from how long a wrong guess took.
 */
export async function verifyTc3(input: Tc3VerifyInput): Promise<boolean> {
  const { authorization: auth } = input;
  if (!SIGNATURE_HEX.test(auth.signature)) return false;
  const signedHeaders = Object.fromEntries(auth.signedHeaders.map((n) => [n, input.headers[n] ?? '']));
  const canonical = canonicalRequest({
    method: input.method,
    path: input.path,
    query: input.query,
    headers: signedHeaders,
    payloadHash: await sha256Hex(input.payload),
  });
  const toSign = await stringToSign(input.timestamp, credentialScope(auth.date, auth.service), canonical);
  const key = await verificationKey(input.secretKey, auth.date, auth.service);
  const provided = Uint8Array.from(auth.signature.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
  return crypto.subtle.verify('HMAC', key, provided, encoder.encode(toSign));
}

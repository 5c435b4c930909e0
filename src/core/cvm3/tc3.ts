/**
 * The text stages of TC3-HMAC-SHA256, the signature of API 3.0 (docs/contract.md#a2): canonical
 * request, credential scope, string to sign, Authorization header. Pure: hashing and the HMAC
 * chain belong to the runtime (src/upstream/cvm3/tc3-signer.ts on Node), so any runtime can
 * reuse these.
 */

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';
/** The last element of the credential scope and of the signing key chain. */
export const TC3_TERMINATOR = 'tc3_request';
/** What the official SDKs sign, and so what a 3.0 server insists on being signed. */
export const TC3_SIGNED_HEADERS = ['content-type', 'host'] as const;

export interface CanonicalRequestParts {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** The signed headers' values, by name in any case. */
  readonly headers: Readonly<Record<string, string>>;
  /** Lower-case hex SHA-256 of the body bytes exactly as sent. */
  readonly payloadHash: string;
}

/** Names and values lower-cased and trimmed, sorted by name; and the `SignedHeaders` list. */
export function canonicalHeaders(headers: Readonly<Record<string, string>>): { canonical: string; signed: string } {
  const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const names = [...lower.keys()].sort();
  const canonical = names.map((name) => `${name}:${(lower.get(name) ?? '').trim().toLowerCase()}\n`).join('');
  return { canonical, signed: names.join(';') };
}

export function canonicalRequest(parts: CanonicalRequestParts): string {
  const { canonical, signed } = canonicalHeaders(parts.headers);
  return [parts.method, parts.path, parts.query, canonical, signed, parts.payloadHash].join('\n');
}

/** The scope's date: the UTC calendar date of the Unix timestamp (seconds), `YYYY-MM-DD`. */
export function utcDate(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

export function credentialScope(date: string, service: string): string {
  return `${date}/${service}/${TC3_TERMINATOR}`;
}

/** Takes the canonical request's SHA-256 in hex: the hashing is the runtime's. */
export function stringToSign(timestamp: number, scope: string, hashedCanonicalRequest: string): string {
  return [TC3_ALGORITHM, String(timestamp), scope, hashedCanonicalRequest].join('\n');
}

export function authorizationHeader(secretId: string, scope: string, signedHeaders: string, signature: string): string {
  return `${TC3_ALGORITHM} Credential=${secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

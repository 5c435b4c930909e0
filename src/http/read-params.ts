/**
 * A legacy request's parameters as name/value pairs (docs/contract.md#b1): GET, the query string;
 * POST, the body only (its query string ignored), urlencoded or multipart/form-data. Other
 * methods and content types are a 4000.
 */
import type { Context } from 'hono';
import { LegacyError } from '../core/errors.js';
import { FORM_URLENCODED, MULTIPART_FORM_DATA, parseMultipartForm, parseUrlencoded, type Pairs } from './form-body.js';
import { readBody } from './read-body.js';
import { incomingOf, readIncoming } from './read-incoming.js';

const utf8 = new TextDecoder();

/** What the parameters are read from, whichever runtime received the request. */
export interface ParamsSource {
  readonly method: string;
  /** The request target (path and query) or the whole URL. */
  readonly url: string;
  readonly contentType: string | undefined;
  /** The body, counted against the limit as it is read; read at most once, and only for a POST form. */
  readonly body: () => Promise<Uint8Array>;
}

export async function readParams({ method, url, contentType = '', body }: ParamsSource): Promise<Pairs> {
  if (method === 'GET') return parseUrlencoded(queryOf(url));
  if (method !== 'POST') throw new LegacyError(4000, `method ${method.slice(0, 16)} is not supported; use GET or POST`);
  const mediaType = contentType.split(';', 1)[0]!.trim().toLowerCase();
  if (mediaType === FORM_URLENCODED) return parseUrlencoded(utf8.decode(await body()));
  if (mediaType === MULTIPART_FORM_DATA) return parseMultipartForm(contentType, await body());
  throw new LegacyError(
    4000,
    `a POST body must be ${FORM_URLENCODED} or ${MULTIPART_FORM_DATA}, got ${mediaType.slice(0, 60) || 'no content type'}`,
  );
}

/** In the hono app: on Node the body comes straight from Node's request; on Workers, from the web Request. */
export function readLegacyParams(c: Context, maxBodyBytes: number): Promise<Pairs> {
  const incoming = incomingOf(c);
  return readParams({
    method: c.req.method,
    url: c.req.url,
    contentType: c.req.header('content-type'),
    body: () => (incoming ? readIncoming(incoming, maxBodyBytes) : readBody(c.req.raw, maxBodyBytes)),
  });
}

/** The raw query string, without the URL parser's second pass over the parameters. */
export function queryOf(url: string): string {
  const at = url.indexOf('?');
  if (at === -1) return '';
  const hash = url.indexOf('#', at);
  return hash === -1 ? url.slice(at + 1) : url.slice(at + 1, hash);
}

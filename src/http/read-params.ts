/**
 * A legacy request's parameters as name/value pairs (LEG-COMMON): GET, the query string; POST, the
 * form body only (its query string ignored). Other methods and content types are a 4000.
 */
import type { Context } from 'hono';
import { LegacyError } from '../core/errors.js';
import { readBodyText } from './read-body.js';

const FORM = 'application/x-www-form-urlencoded';

export async function readLegacyParams(c: Context, maxBodyBytes: number): Promise<Array<[string, string]>> {
  const method = c.req.method;
  if (method === 'GET') return [...new URL(c.req.url).searchParams];
  if (method !== 'POST') throw new LegacyError(4000, `method ${method.slice(0, 16)} is not supported; use GET or POST`);
  const contentType = c.req.header('content-type')?.split(';', 1)[0]?.trim().toLowerCase();
  if (contentType !== FORM) throw new LegacyError(4000, `a POST body must be ${FORM}, got ${contentType?.slice(0, 60) || 'no content type'}`);
  return [...new URLSearchParams(await readBodyText(c.req.raw, maxBodyBytes))];
}

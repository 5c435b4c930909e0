/**
 * The parameters of a legacy POST body (docs/contract.md#b1): `application/x-www-form-urlencoded`,
 * or `multipart/form-data` with text fields only, the one POST encoding of the legacy Java SDK.
 * Both are counted as they are read: past MAX_PARAMETERS the request is refused without parsing
 * the rest, so that a body of tiny fields costs an unsigned stranger's request little CPU.
 */
import {
  getMultipartBoundary,
  MaxPartsExceededError,
  MultipartParseError,
  parseMultipart,
} from '@remix-run/multipart-parser';
import { LegacyError } from '../core/errors.js';

/** The most parameters a request may carry (docs/contract.md#ours-parameter-cap). */
export const MAX_PARAMETERS = 100;

export const FORM_URLENCODED = 'application/x-www-form-urlencoded';
export const MULTIPART_FORM_DATA = 'multipart/form-data';

const CR = 13;
const LF = 10;
const AMPERSAND = '&';

export type Pairs = Array<[string, string]>;

/** A query string or urlencoded body, refused before parsing when it holds too many pairs. */
export function parseUrlencoded(text: string): Pairs {
  // Every pair but the last ends at an '&': counting them bounds the pairs without parsing them.
  let separators = 0;
  for (let at = text.indexOf(AMPERSAND); at !== -1; at = text.indexOf(AMPERSAND, at + 1)) {
    if (++separators >= MAX_PARAMETERS) throw tooManyParameters();
  }
  return splitUrlencoded(text) ?? [...new URLSearchParams(text)];
}

/** A code unit of a surrogate pair, or a lone one: text URLSearchParams would first repair. */
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The pairs URLSearchParams gives (the WHATWG urlencoded parser), for the text of every real
 * request: one leading `?` dropped, `&`-separated, empty pieces skipped, the first `=` splits, `+` is a space, and escapes are
 * UTF-8. Node's URLSearchParams costs a legacy request's ~200 bytes ~15 µs; this, ~2 (docs/performance.md#hit-path).
 * Undefined for text it does not read the same way for certain (an escape that is not valid UTF-8,
 * a `%` without two hex digits, a surrogate): URLSearchParams reads that. A property test holds the
 * two equal on any text.
 */
function splitUrlencoded(text: string): Pairs | undefined {
  if (SURROGATE.test(text)) return undefined;
  const pairs: Pairs = [];
  // URLSearchParams drops one leading '?' of the text it is given.
  let start = text.startsWith('?') ? 1 : 0;
  while (start <= text.length) {
    let end = text.indexOf(AMPERSAND, start);
    if (end === -1) end = text.length;
    if (end > start) {
      const equals = text.indexOf('=', start);
      const split = equals !== -1 && equals < end;
      const name = decodeComponent(text.slice(start, split ? equals : end));
      const value = split ? decodeComponent(text.slice(equals + 1, end)) : '';
      if (name === undefined || value === undefined) return undefined;
      pairs.push([name, value]);
    }
    start = end + 1;
  }
  return pairs;
}

function decodeComponent(raw: string): string | undefined {
  const spaced = raw.includes('+') ? raw.replaceAll('+', ' ') : raw;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return undefined;
  }
}

/** A multipart/form-data body's text fields, in order; a file part is a 4000. */
export function parseMultipartForm(contentType: string, body: Uint8Array): Pairs {
  const boundary = getMultipartBoundary(contentType);
  if (!boundary) throw new LegacyError(4000, 'a multipart/form-data body needs a boundary in its Content-Type');
  const pairs: Pairs = [];
  try {
    for (const part of parseMultipart(withoutLeadingCrlf(body), { boundary, maxParts: MAX_PARAMETERS })) {
      if (part.filename !== undefined) {
        throw new LegacyError(4000, `file parts are not accepted (part ${quote(part.name)}): send text fields only`);
      }
      if (part.name === undefined) throw new LegacyError(4000, 'a multipart/form-data part has no name');
      pairs.push([part.name, part.text]);
    }
  } catch (error) {
    if (error instanceof MaxPartsExceededError) throw tooManyParameters();
    if (error instanceof MultipartParseError)
      throw new LegacyError(4000, `the multipart/form-data body is malformed: ${error.message}`);
    throw error;
  }
  return pairs;
}

/**
 * The legacy Java SDK writes a CRLF before the first boundary line. RFC 2046 (5.1.1) reads that
 * CRLF as part of the first delimiter (an empty preamble); the parser wants the body to open
 * with the boundary itself, so the CRLF is dropped here.
 */
function withoutLeadingCrlf(body: Uint8Array): Uint8Array {
  return body[0] === CR && body[1] === LF ? body.subarray(2) : body;
}

function tooManyParameters(): LegacyError {
  return new LegacyError(4000, `the request has more than ${MAX_PARAMETERS} parameters`);
}

const quote = (name: string | undefined): string => JSON.stringify((name ?? '').slice(0, 64));

/**
 * An answer as the HTTP response a legacy client reads, as plain data that either runtime writes:
 * every legacy and 3.0-shaped answer is HTTP 200 JSON (docs/contract.md#b1); the legacy endpoint's
 * answer goes back as it came.
 */
import type { LegacyError } from '../core/errors.js';
import { legacyFailure } from '../core/legacy/envelope.js';
import { cvm3Failure } from '../core/transitional/cvm3-answer.js';
import type { Answer } from '../gateway/outcome.js';
import type { LegacyAnswer } from '../upstream/legacy-answer.js';
import { envelopeBytes } from './envelope-json.js';
import { REQUEST_ID_HEADER } from './request-id.js';

export interface HttpAnswer {
  readonly status: number;
  /** Lower-case names: content-type, x-request-id, and a forwarded answer's location. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array<ArrayBuffer> | null;
}

/** What c.json sends. */
const JSON_TYPE = 'application/json';
const REQUEST_ID = REQUEST_ID_HEADER.toLowerCase();
const utf8 = new TextEncoder();

export function httpAnswerOf(answer: Answer, requestId: string): HttpAnswer {
  // The translated answer's bytes, with each image's JSON reused across the requests a scan answers.
  if (answer.kind === 'legacy') return json(envelopeBytes(answer.envelope), requestId);
  if (answer.kind === 'cvm3') return json(utf8.encode(JSON.stringify(answer.answer)), requestId);
  return forwarded(answer.answer, requestId);
}

/** A failure in the shape the request asked for: the 3.0 shape when it named a `Version`. */
export function httpFailureOf(failure: LegacyError, cvm3Shaped: boolean, requestId: string): HttpAnswer {
  const envelope = cvm3Shaped ? cvm3Failure(failure, requestId) : legacyFailure(failure);
  return json(utf8.encode(JSON.stringify(envelope)), requestId);
}

function json(body: Uint8Array, requestId: string): HttpAnswer {
  return {
    status: 200,
    headers: { 'content-type': JSON_TYPE, [REQUEST_ID]: requestId },
    body: body as Uint8Array<ArrayBuffer>,
  };
}

/** A status that has no body (204, 205, 304) gets none. */
function forwarded(answer: LegacyAnswer, requestId: string): HttpAnswer {
  const headers: Record<string, string> = { 'content-type': answer.contentType, [REQUEST_ID]: requestId };
  if (answer.location) headers.location = answer.location;
  const bodyless = answer.status === 204 || answer.status === 205 || answer.status === 304;
  return { status: answer.status, headers, body: bodyless ? null : (answer.body as Uint8Array<ArrayBuffer>) };
}

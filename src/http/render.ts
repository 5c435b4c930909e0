/**
 * An answer as the HTTP response a legacy client reads: every legacy and 3.0-shaped answer is
 * HTTP 200 JSON (docs/contract.md#b1); the legacy endpoint's answer goes back as it came.
 */
import type { Context } from 'hono';
import type { Answer } from '../gateway/outcome.js';
import type { LegacyAnswer } from '../upstream/legacy-forwarder.js';
import { envelopeBytes } from './envelope-json.js';

/** What c.json sends. */
const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * Writes a 200 JSON answer (with its X-Request-Id) by the runtime's own means and says it is sent,
 * or answers undefined to leave it to hono: src/node/direct-answer.ts on Node.
 */
export type JsonWriter = (c: Context, json: Uint8Array) => Response | undefined;

export function renderAnswer(c: Context, answer: Answer, writeJson?: JsonWriter): Response {
  if (answer.kind === 'legacy') {
    // The bytes c.json would send, with each image's JSON reused across the requests a scan answers.
    const json = envelopeBytes(answer.envelope);
    return writeJson?.(c, json) ?? c.body(json as Uint8Array<ArrayBuffer>, 200, JSON_TYPE);
  }
  if (answer.kind === 'cvm3') return c.json(answer.answer, 200);
  const { status, headers, body } = forwardedResponse(answer.answer);
  return body ? c.body(body, status as 200, headers) : c.body(null, status as 204, headers);
}

/** A status that has no body (204, 205, 304) gets none. */
function forwardedResponse(answer: LegacyAnswer): {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer> | null;
} {
  const headers: Record<string, string> = { 'content-type': answer.contentType };
  if (answer.location) headers.location = answer.location;
  const bodyless = answer.status === 204 || answer.status === 205 || answer.status === 304;
  return { status: answer.status, headers, body: bodyless ? null : (answer.body as Uint8Array<ArrayBuffer>) };
}

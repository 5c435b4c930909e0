/**
 * Sends a verified legacy request on to the legacy endpoint (LEGACY_ENDPOINT), re-signed for that
 * host with the caller's key, and hands back its answer as it came: status, content type, body.
 * `fetch` is passed in, so the Node server and the Worker use the same code.
 */
import { LegacyError } from '../core/errors.js';
import { LEGACY_PATH } from '../core/legacy/endpoint.js';
import type { LegacyParams } from '../core/legacy/params.js';
import { resignLegacyParams } from '../core/legacy/resign.js';
import { readCapped } from '../http/read-capped.js';
import type { SignedTarget } from '../core/legacy/signature.js';
import type { LegacyAnswer } from './legacy-answer.js';

export type { LegacyAnswer } from './legacy-answer.js';

const FORM = 'application/x-www-form-urlencoded';

export interface ForwardedRequest {
  /** GET or POST, as the client sent it: the signature covers the method. */
  readonly method: string;
  readonly params: LegacyParams;
  readonly secretKey: string;
  readonly signedOrder: number;
  readonly signal: AbortSignal;
}

/** The largest legacy answer the proxy holds in memory; past it, 6200 (no legacy answer came near). */
export const MAX_LEGACY_ANSWER_BYTES = 16 * 1024 * 1024;

export type LegacyForwarder = (request: ForwardedRequest) => Promise<LegacyAnswer>;

export function createLegacyForwarder(endpoint: URL, fetchImpl: typeof fetch = fetch): LegacyForwarder {
  const url = new URL(LEGACY_PATH, endpoint);
  return async function forward(request) {
    // URL.host leaves out a default port, as a legacy SDK does in the host it signs.
    const target: SignedTarget = { method: request.method, host: url.host, path: url.pathname };
    const pairs = await resignLegacyParams(request.params, target, request.secretKey, request.signedOrder);
    const encoded = new URLSearchParams(pairs).toString();
    const init: RequestInit =
      request.method === 'POST'
        ? {
            method: 'POST',
            body: encoded,
            headers: { 'content-type': FORM },
            signal: request.signal,
            redirect: 'manual',
          }
        : { method: 'GET', signal: request.signal, redirect: 'manual' };
    try {
      const response = await fetchImpl(request.method === 'POST' ? url : `${url}?${encoded}`, init);
      const body = await readCapped(
        response.body,
        MAX_LEGACY_ANSWER_BYTES,
        () =>
          new LegacyError(6200, `the legacy endpoint's answer is larger than ${MAX_LEGACY_ANSWER_BYTES} bytes`, {
            codeDesc: 'ServiceUnavailable',
          }),
      );
      const location = response.headers.get('location');
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? 'application/octet-stream',
        body,
        ...(location ? { location } : {}),
      };
    } catch (error) {
      if (error instanceof LegacyError) throw error;
      const reason = request.signal.aborted ? 'no answer before the deadline' : 'it could not be reached';
      throw new LegacyError(6200, `the legacy endpoint ${url.host} is unavailable: ${reason}`, {
        cause: error,
        codeDesc: 'ServiceUnavailable',
      });
    }
  };
}

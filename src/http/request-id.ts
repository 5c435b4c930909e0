/**
 * Every answer carries its request's id in X-Request-Id, the id its log line and any
 * `internal error (request …)` message name. A client's own well-formed X-Request-Id is kept, so
 * that its logs and ours meet; one that is too long or has other characters than letters, digits,
 * `_`, `-` and `=` (hono's check) is replaced by a fresh UUID.
 */
import { requestId } from 'hono/request-id';
import type { MiddlewareHandler } from 'hono';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Long enough for a UUID or a trace id, short enough for a log line and an error message. */
export const MAX_REQUEST_ID_LENGTH = 64;

export function requestIds(newRequestId: () => string = () => crypto.randomUUID()): MiddlewareHandler {
  return requestId({
    headerName: REQUEST_ID_HEADER,
    limitLength: MAX_REQUEST_ID_LENGTH,
    generator: () => newRequestId(),
  });
}

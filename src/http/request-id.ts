/**
 * Every answer carries its request's id in X-Request-Id, the id its log line and any
 * `internal error (request …)` message name. A client's own well-formed X-Request-Id is kept, so
 * that its logs and ours meet; one that is too long or has other characters than letters, digits,
 * `_`, `-` and `=` (hono's check) is replaced by a fresh UUID. The hono app uses hono's middleware;
 * Node's direct legacy route (src/node/legacy-route.ts) the same rule, in requestIdFrom.
 */
import { requestId } from 'hono/request-id';
import type { MiddlewareHandler } from 'hono';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Long enough for a UUID or a trace id, short enough for a log line and an error message. */
export const MAX_REQUEST_ID_LENGTH = 64;

const NOT_ALLOWED = /[^\w\-=]/;

export const newUuid = (): string => crypto.randomUUID();

export function requestIds(newRequestId: () => string = newUuid): MiddlewareHandler {
  return requestId({
    headerName: REQUEST_ID_HEADER,
    limitLength: MAX_REQUEST_ID_LENGTH,
    generator: () => newRequestId(),
  });
}

/** The id of a request whose X-Request-Id header is `given`, as hono's middleware decides it. */
export function requestIdFrom(given: string | undefined, newRequestId: () => string = newUuid): string {
  return !given || given.length > MAX_REQUEST_ID_LENGTH || NOT_ALLOWED.test(given) ? newRequestId() : given;
}

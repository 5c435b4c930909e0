/**
 * On Node, the legacy endpoint served straight from Node's request and response: the same legacy
 * exchange the hono app runs (src/http/legacy-exchange.ts), without the web Request, the hono
 * context and dispatch, and the adapter's Response handling around it, which were about a third of
 * a cache hit's CPU (docs/performance.md#hit-path). It takes only requests it reads exactly as the
 * app would: GET or POST, to `/v2/index.php` (with or without a query), with a Host header.
 * Everything else (another method, an absolute URL, no Host) goes to the app, which answers it the
 * same way through the same exchange.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LEGACY_PATH } from '../core/legacy/endpoint.js';
import type { Pairs } from '../gateway/request.js';
import type { LegacyExchange } from '../http/legacy-exchange.js';
import { readIncoming, type IncomingBody } from '../http/read-incoming.js';
import { readParams } from '../http/read-params.js';
import type { HttpAnswer } from '../http/render.js';
import { REQUEST_ID_HEADER, requestIdFrom } from '../http/request-id.js';

export interface LegacyRouteOptions {
  readonly exchange: LegacyExchange;
  readonly maxBodyBytes: number;
  /** What keeps a request's background work alive: on Node, a promise runs on; only its failure is caught. */
  readonly background: (task: Promise<unknown>) => void;
  readonly newRequestId?: () => string;
}

/** Serves the request and says true, or says false and leaves it to the app. */
export type LegacyRoute = (incoming: IncomingMessage, outgoing: ServerResponse) => boolean;

const REQUEST_ID = REQUEST_ID_HEADER.toLowerCase();

export function legacyRoute({ exchange, maxBodyBytes, background, newRequestId }: LegacyRouteOptions): LegacyRoute {
  return (incoming, outgoing) => {
    const { method, url = '' } = incoming;
    const host = incoming.headers.host;
    if ((method !== 'GET' && method !== 'POST') || !isLegacyTarget(url) || typeof host !== 'string') return false;
    const header = incoming.headers[REQUEST_ID];
    void exchange(
      {
        requestId: requestIdFrom(typeof header === 'string' ? header : header?.join(', '), newRequestId),
        method,
        host,
        path: LEGACY_PATH,
        query: new QueryPairs(url),
        readParams: () =>
          readParams({
            method,
            url,
            contentType: incoming.headers['content-type'],
            body: () => readIncoming(incoming as unknown as IncomingBody, maxBodyBytes),
          }),
        background,
        signal: new ClosedBeforeAnswered(outgoing),
      },
      (answer) => write(incoming, outgoing, answer),
    );
    return true;
  };
}

/** `/v2/index.php`, alone or with a query: what the app's route would match, and nothing it would not. */
function isLegacyTarget(url: string): boolean {
  return url.startsWith(LEGACY_PATH) && (url.length === LEGACY_PATH.length || url[LEGACY_PATH.length] === '?');
}

/** The query string's pairs, parsed only if asked for (a request refused before its body is read). */
class QueryPairs implements Pairs {
  constructor(private readonly url: string) {}

  [Symbol.iterator](): Iterator<[string, string]> {
    return new URLSearchParams(this.url.slice(LEGACY_PATH.length + 1))[Symbol.iterator]();
  }
}

/**
 * Aborted once the client can no longer receive the answer, as the adapter's signal is: its
 * connection closed (it left, or was answered 408) before the answer was written out. Read, not
 * made: an AbortController a request costs more than the check. A class, not an object literal
 * with a getter: V8 puts such a literal's getter, a new closure each time, in an accessor pair it
 * allocates in the old generation, which keeps the request alive through every scavenge until a
 * full collection (docs/performance.md#gc).
 */
class ClosedBeforeAnswered {
  constructor(private readonly outgoing: ServerResponse) {}

  get aborted(): boolean {
    return this.outgoing.destroyed && !this.outgoing.writableFinished;
  }
}

function write(incoming: IncomingMessage, outgoing: ServerResponse, answer: HttpAnswer): void {
  if (outgoing.headersSent || outgoing.destroyed) return;
  // A body not read to its end (too large, or refused before reading) is not waited for: the
  // connection closes after the answer, instead of the next request being read out of its rest.
  // Headers as a flat list: Node writes them as they are, with no lower-cased map built first.
  const headers: string[] = [];
  for (const name in answer.headers) headers.push(name, answer.headers[name]!);
  if (answer.body) headers.push('content-length', String(answer.body.byteLength));
  if (!incoming.complete) headers.push('connection', 'close');
  outgoing.writeHead(answer.status, headers);
  outgoing.end(answer.body ?? undefined);
}

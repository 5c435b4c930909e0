/**
 * The HTTP face of the proxy, the same on Node and Workers: the legacy endpoint, a health check,
 * and JSON for everything else. Nothing more: the pages that name callers (/metrics, /migration)
 * are served by the Node admin listener only (docs/operations.md#admin-listener). Each request gets an id
 * (X-Request-Id) first; a legacy request is the legacy exchange's (legacy-exchange.ts: its answer,
 * its errors' envelopes, its log line), and any other error becomes an answer in onError.
 */
import { Hono } from 'hono';
import { LegacyError } from '../core/errors.js';
import { legacyFailure } from '../core/legacy/envelope.js';
import { LEGACY_PATH } from '../core/legacy/endpoint.js';
import type { LegacyGateway } from '../gateway/request.js';
import type { Logger } from '../observability/logger.js';
import { noMetrics } from '../observability/metrics/fan-out.js';
import type { MigrationMetrics } from '../observability/metrics/observations.js';
import type { Background } from './background.js';
import { answerErrors } from './on-error.js';
import { legacyExchange, type LegacyExchange } from './legacy-exchange.js';
import { readLegacyParams } from './read-params.js';
import type { HttpAnswer } from './render.js';
import { requestIds } from './request-id.js';

export interface AppDeps {
  readonly gateway: LegacyGateway;
  readonly logger: Logger;
  readonly maxBodyBytes: number;
  readonly now: () => number;
  /** What keeps a request's background work (the shadow) alive after its answer. */
  readonly background: Background;
  readonly newRequestId?: () => string;
  /** The legacy exchange, when the runtime also serves it directly (Node): one for both ways in. */
  readonly exchange?: LegacyExchange;
  /** The host the client addressed, which its signature covers: the Host header by default. */
  readonly hostOf?: (request: Request) => string;
  /** While true, /healthz answers 503 so that a load balancer stops sending new requests. */
  readonly isDraining?: () => boolean;
  /** Told of every legacy request (and, by the gateway's clients, of every upstream call). */
  readonly metrics?: MigrationMetrics;
  /** What is running, shown by /healthz: the version, and the commit where it is known. */
  readonly build?: { readonly version: string; readonly commit?: string };
}

const hostHeader = (request: Request): string => request.headers.get('host') ?? new URL(request.url).host;
const queryPairs = (url: string): Iterable<[string, string]> => ({
  [Symbol.iterator]: () => new URL(url).searchParams[Symbol.iterator](),
});

export function createApp(deps: AppDeps): Hono {
  const hostOf = deps.hostOf ?? hostHeader;
  const app = new Hono();
  app.use(requestIds(deps.newRequestId));

  app.get('/healthz', (c) =>
    deps.isDraining?.() ? c.json({ status: 'draining', ...deps.build }, 503) : c.json({ status: 'ok', ...deps.build }),
  );

  const exchange =
    deps.exchange ??
    legacyExchange({ gateway: deps.gateway, logger: deps.logger, metrics: deps.metrics ?? noMetrics, now: deps.now });
  app.all(LEGACY_PATH, async (c) => {
    let answer: HttpAnswer | undefined;
    await exchange(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        host: hostOf(c.req.raw),
        path: c.req.path,
        // Parsed only if the parameters cannot be read (its Version then decides the answer's shape).
        query: queryPairs(c.req.url),
        readParams: () => readLegacyParams(c, deps.maxBodyBytes),
        background: deps.background(c),
        signal: c.req.raw.signal,
      },
      (sent) => (answer = sent),
    );
    // exchange() always sends: `answer` is set.
    const { status, headers, body } = answer!;
    return body ? c.body(body, status as 200, headers) : c.body(null, status as 204, headers);
  });

  app.notFound((c) =>
    c.json(
      legacyFailure(
        new LegacyError(5000, `no such path ${c.req.path.slice(0, 80)}; legacy requests go to ${LEGACY_PATH}`),
      ),
      404,
    ),
  );
  app.onError(answerErrors(deps.logger));
  return app;
}

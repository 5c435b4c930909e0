/**
 * One request to the legacy endpoint, from what arrived to what goes back, with no HTTP framework:
 * its record, the gateway, the answer or the error's envelope, then its one log line and metrics
 * observation. Its two thin adapters are the hono app's route (both runtimes) and, on Node, the
 * server's direct route for the legacy endpoint (src/node/legacy-route.ts), which skips the web
 * Request and hono's dispatch that a cache hit otherwise pays for (docs/performance.md#hit-path).
 * Both hand it the same request and write the same answer, so both answer byte for byte alike.
 */
import { LegacyError } from '../core/errors.js';
import { RequestRecord } from '../gateway/request-record.js';
import type { IncomingLegacyRequest, LegacyGateway } from '../gateway/request.js';
import type { Logger } from '../observability/logger.js';
import { httpAnswerOf, httpFailureOf, type HttpAnswer } from './render.js';
import { requestLog, type RequestLogDeps } from './request-log.js';

export interface LegacyExchangeRequest extends IncomingLegacyRequest {
  /** The id the answer carries in X-Request-Id and its log line names (request-id.ts decides it). */
  readonly requestId: string;
}

/** Answers the request through `send` (once, always), then logs it. Never rejects. */
export type LegacyExchange = (request: LegacyExchangeRequest, send: (answer: HttpAnswer) => void) => Promise<void>;

export interface LegacyExchangeDeps extends RequestLogDeps {
  readonly gateway: LegacyGateway;
}

export function legacyExchange(deps: LegacyExchangeDeps): LegacyExchange {
  const logEnded = requestLog(deps);
  return async (request, send) => {
    const started = deps.now();
    const record = new RequestRecord(request.requestId);
    let answer: HttpAnswer;
    try {
      answer = httpAnswerOf(await deps.gateway(request, record), request.requestId);
    } catch (error) {
      answer = failed(error, record, deps.logger);
    }
    try {
      send(answer);
    } finally {
      logEnded(record, started);
    }
  };
}

/**
 * A LegacyError is answered as it is; anything else is logged here and answered 6000 without
 * details, naming the request's id, the one in its X-Request-Id and its log line.
 */
function failed(error: unknown, record: RequestRecord, logger: Logger): HttpAnswer {
  const failure = asLegacyError(error, record.requestId, logger);
  record.ended(
    failure === error ? { kind: 'failed', error: failure } : { kind: 'failed', error: failure, fault: true },
  );
  return httpFailureOf(failure, record.cvm3Shaped, record.requestId);
}

export function asLegacyError(error: unknown, requestId: string, logger: Logger): LegacyError {
  if (error instanceof LegacyError) return error;
  logger.error({ requestId, err: error }, 'unexpected error');
  return new LegacyError(6000, `internal error (request ${requestId})`);
}

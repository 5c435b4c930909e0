/**
 * The one place an error becomes an answer: the legacy envelope, or the 3.0 shape when the request
 * named a `Version` (a transitional client reads errors in that shape too). A LegacyError is
 * answered as it is; anything else is logged here and answered without details, naming the
 * request's id, the one in its X-Request-Id and its log line.
 */
import type { ErrorHandler } from 'hono';
import { LegacyError } from '../core/errors.js';
import { legacyFailure } from '../core/legacy/envelope.js';
import { cvm3Failure } from '../core/transitional/cvm3-answer.js';
import type { Logger } from '../observability/logger.js';

export function answerErrors(logger: Logger): ErrorHandler {
  return (error, c) => {
    // Only a legacy request has a record; an error elsewhere gets the legacy envelope.
    const requestId = c.get('requestId');
    const record = c.get('record');
    const failure = asLegacyError(error, requestId, logger);
    record?.ended(
      failure === error ? { kind: 'failed', error: failure } : { kind: 'failed', error: failure, fault: true },
    );
    return c.json(record?.cvm3Shaped ? cvm3Failure(failure, requestId) : legacyFailure(failure), 200);
  };
}

function asLegacyError(error: unknown, requestId: string, logger: Logger): LegacyError {
  if (error instanceof LegacyError) return error;
  logger.error({ requestId, err: error }, 'unexpected error');
  return new LegacyError(6000, `internal error (request ${requestId})`);
}

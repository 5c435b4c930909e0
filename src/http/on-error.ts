/**
 * What an error outside the legacy endpoint becomes (the legacy endpoint answers its own errors:
 * legacy-exchange.ts): the legacy envelope, a LegacyError as it is, anything else logged here and
 * answered without details, naming the request's id.
 */
import type { ErrorHandler } from 'hono';
import { legacyFailure } from '../core/legacy/envelope.js';
import type { Logger } from '../observability/logger.js';
import { asLegacyError } from './legacy-exchange.js';

export function answerErrors(logger: Logger): ErrorHandler {
  return (error, c) => c.json(legacyFailure(asLegacyError(error, c.get('requestId'), logger)), 200);
}

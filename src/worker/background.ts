/**
 * Background work on Workers: an isolate may be stopped once the answer is out, unless the
 * request's execution context is asked to wait (waitUntil) for the task.
 */
import type { Context } from 'hono';
import { settled, type Background } from '../http/background.js';
import type { Logger } from '../observability/logger.js';
import type { ExecutionContextLike } from './platform.js';

export const untilSettled =
  (logger: Logger): Background =>
  (c) => {
    const executionCtx = executionContextOf(c);
    return (task) => executionCtx?.waitUntil(settled(task, logger));
  };

/** Hono's getter throws when the runtime passed no context (a Worker invoked by hand). */
function executionContextOf(c: Context): ExecutionContextLike | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}

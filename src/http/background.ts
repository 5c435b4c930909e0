/**
 * Work a request leaves running after its answer (a shadow comparison); the answer never waits for
 * it. How it is kept alive is the runtime's part: on Node a promise simply runs on, while a Worker's
 * isolate must be asked to wait for it (src/worker/background.ts).
 */
import type { Context } from 'hono';
import type { Logger } from '../observability/logger.js';

/** For one request, what keeps its background tasks alive. */
export type Background = (c: Context) => (task: Promise<unknown>) => void;

/** Nobody awaits a background task: its failure is logged here, never left unhandled. */
export function settled(task: Promise<unknown>, logger: Logger): Promise<unknown> {
  return task.catch((error: unknown) => logger.error({ err: error }, 'background task failed'));
}

/** Node: the promise runs on by itself; only its failure needs catching. */
export const inProcess =
  (logger: Logger): Background =>
  () =>
  (task) =>
    void settled(task, logger);

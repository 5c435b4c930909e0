/**
 * Waiting on shared work without being bound to it: a request gives up at its own deadline while
 * the work it waits on (a scan other requests share, a Redis command) goes on.
 */

/**
 * The promise's outcome, or a rejection as soon as `signal` aborts: with `abortError(alreadyAborted)`
 * when given, else the signal's reason. Without a signal, the promise itself.
 */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  abortError: (alreadyAborted: boolean) => unknown = () => signal?.reason,
): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    // Nobody here awaits it any more: its failure must not become an unhandled rejection.
    promise.catch(() => {});
    return Promise.reject(abortError(true));
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(abortError(false));
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

import { describe, expect, it, vi } from 'vitest';
import { untilAborted } from '../../src/core/abort.js';

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

describe('untilAborted', () => {
  it('is the promise itself without a signal', () => {
    const work = Promise.resolve(1);
    expect(untilAborted(work, undefined)).toBe(work);
  });

  it('passes the outcome through, and leaves no listener on the signal', async () => {
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    await expect(untilAborted(Promise.resolve('done'), controller.signal)).resolves.toBe('done');
    await expect(untilAborted(Promise.reject(new Error('failed')), controller.signal)).rejects.toThrow('failed');
    expect(remove).toHaveBeenCalledTimes(2);
  });

  it("gives up with the signal's reason when it aborts, while the work goes on", async () => {
    const controller = new AbortController();
    const work = deferred<string>();
    const waiting = untilAborted(work.promise, controller.signal);
    controller.abort(new Error('deadline'));
    await expect(waiting).rejects.toThrow('deadline');
    work.resolve('still done');
    await expect(work.promise).resolves.toBe('still done');
  });

  it('says whether the signal had aborted before or during the wait', async () => {
    const error = (already: boolean) => new Error(already ? 'before' : 'during');
    await expect(untilAborted(deferred().promise, AbortSignal.abort(), error)).rejects.toThrow('before');
    const controller = new AbortController();
    const waiting = untilAborted(deferred().promise, controller.signal, error);
    controller.abort();
    await expect(waiting).rejects.toThrow('during');
  });

  it('leaves no unhandled rejection behind when the signal had aborted already', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const work = deferred<never>();
      await expect(untilAborted(work.promise, AbortSignal.abort())).rejects.toBeDefined();
      work.reject(new Error('the command failed later'));
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});

/** What each fail mode answers instead of a legacy answer. */
import { describe, expect, it } from 'vitest';
import { failureResponse, GARBAGE_BODY } from '../../../dev/legacy-standin/failures.js';

describe('failureResponse', () => {
  const open = new AbortController().signal;

  it('none: no replacement', async () => {
    expect(await failureResponse('none', open)).toBeUndefined();
  });

  it('http500: a plain-text 500', async () => {
    const response = (await failureResponse('http500', open))!;
    expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([
      500,
      'text/plain; charset=utf-8',
      'Internal Server Error',
    ]);
  });

  it('garbage: a 200 labelled JSON whose body is not JSON', async () => {
    const response = (await failureResponse('garbage', open))!;
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'application/json; charset=utf-8']);
    const text = await response.text();
    expect(text).toBe(GARBAGE_BODY);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('hang: waits until the signal ends, at once if it already has', async () => {
    const done = new AbortController();
    done.abort();
    expect((await failureResponse('hang', done.signal))?.status).toBe(500);
    const later = new AbortController();
    let settled = false;
    const pending = failureResponse('hang', later.signal).then((r) => ((settled = true), r));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    later.abort();
    expect((await pending)?.status).toBe(500);
  });
});

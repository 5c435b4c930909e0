/** A body read whole under a byte limit counted as it arrives, never trusting a declared length. */
import { describe, expect, it } from 'vitest';
import { readCapped } from '../../src/http/read-capped.js';

const tooLarge = () => new Error('too large');

function chunks(...parts: number[]) {
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      parts.forEach((size, i) => controller.enqueue(new Uint8Array(size).fill(i + 1)));
      controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled };
}

describe('readCapped', () => {
  it('joins the chunks in order', async () => {
    expect([...(await readCapped(chunks(2, 1, 3).stream, 10, tooLarge))]).toEqual([1, 1, 2, 3, 3, 3]);
  });

  it('reads no body as empty', async () => {
    expect(await readCapped(null, 10, tooLarge)).toEqual(new Uint8Array());
    expect(await readCapped(chunks().stream, 0, tooLarge)).toEqual(new Uint8Array());
  });

  it('takes exactly the limit', async () => {
    expect((await readCapped(chunks(5, 5).stream, 10, tooLarge)).byteLength).toBe(10);
  });

  it("throws the caller's error one byte past the limit, and cancels the stream", async () => {
    const body = chunks(5, 5, 1, 100);
    await expect(readCapped(body.stream, 10, tooLarge)).rejects.toThrow('too large');
    await Promise.resolve();
    expect(body.cancelled()).toBe(true);
  });

  it("passes on a stream's own failure", async () => {
    const broken = new ReadableStream<Uint8Array>({ start: (c) => c.error(new Error('reset')) });
    await expect(readCapped(broken, 10, tooLarge)).rejects.toThrow('reset');
  });
});

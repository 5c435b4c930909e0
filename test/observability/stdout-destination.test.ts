/**
 * The logger's stdout destination over a stream that works, one whose reader has gone (EPIPE),
 * and one whose reader has stalled: it never throws, never waits, and says what it dropped.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { nonBlockingDestination } from '../../src/observability/stdout-destination.js';

const note = (dropped: number) => `dropped ${dropped}\n`;

/** A stream whose writes complete only when `release()` is called, or fail with `fail`. */
function pipeLike(highWaterMark = 16) {
  const written: string[] = [];
  const pending: Array<() => void> = [];
  let fail: Error | undefined;
  const stream = new Writable({
    highWaterMark,
    decodeStrings: false,
    write(chunk, _encoding, done) {
      if (fail) return done(fail);
      pending.push(() => {
        written.push(String(chunk));
        done();
      });
    },
  });
  const release = () => {
    while (pending.length > 0) pending.shift()!();
  };
  return {
    stream,
    written,
    release,
    breakPipe: () => (fail = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the stdout destination', () => {
  it('passes lines through in order, the lines of one turn in one write', async () => {
    const pipe = pipeLike();
    const destination = nonBlockingDestination(pipe.stream, { maxBufferedBytes: 1024, note });
    destination.write('a\n');
    destination.write('b\n');
    for (let i = 0; i < 3; i++, await tick()) pipe.release();
    expect(pipe.written).toEqual(['a\nb\n']);
    destination.write('c\n');
    for (let i = 0; i < 3; i++, await tick()) pipe.release();
    expect(pipe.written).toEqual(['a\nb\n', 'c\n']);
    expect(destination.dropped).toBe(0);
  });

  it('writes what waits for the end of the turn when flushed (at exit)', () => {
    const pipe = pipeLike();
    const destination = nonBlockingDestination(pipe.stream, { maxBufferedBytes: 1024, note });
    destination.write('stopped\n');
    destination.flush();
    pipe.release();
    expect(pipe.written).toEqual(['stopped\n']);
  });

  it('drops every line once the reader has gone, without throwing', async () => {
    const pipe = pipeLike();
    const destination = nonBlockingDestination(pipe.stream, { maxBufferedBytes: 1024, note });
    pipe.breakPipe();
    destination.write('lost\n');
    await tick();
    expect(destination.closed).toBe(true);
    expect(() => destination.write('after\n')).not.toThrow();
    expect(destination.dropped).toBe(1);
    expect(pipe.written).toEqual([]);
  });

  it('keeps at most maxBufferedBytes for a stalled reader, then says how many it dropped', async () => {
    const pipe = pipeLike();
    const destination = nonBlockingDestination(pipe.stream, { maxBufferedBytes: 10, note });
    for (let i = 0; i < 10; i++) destination.write(`line ${i}\n`); // 7 bytes each: two fit under 10
    expect(destination.dropped).toBe(8);
    await tick();
    expect(pipe.stream.writableLength).toBeLessThan(10 + 7);
    for (let i = 0; i < 5; i++, await tick()) pipe.release();
    expect(pipe.written).toEqual(['line 0\nline 1\n']);
    destination.write('line 10\n');
    for (let i = 0; i < 3; i++, await tick()) pipe.release();
    expect(pipe.written).toEqual(['line 0\nline 1\n', 'dropped 8\nline 10\n']);
    expect(destination.dropped).toBe(0);
  });
});

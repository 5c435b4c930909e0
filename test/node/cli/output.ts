/** Streams that keep what a command writes, for the CLI's in-process tests. */
import { PassThrough, Writable } from 'node:stream';

export interface Captured {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: Writable;
  readonly stderr: Writable;
  out(): string;
  err(): string;
}

export function captured(): Captured {
  const chunks = { out: '', err: '' };
  const sink = (key: 'out' | 'err') =>
    new Writable({
      write(chunk, _encoding, done) {
        chunks[key] += String(chunk);
        done();
      },
    });
  return {
    stdin: new PassThrough(),
    stdout: sink('out'),
    stderr: sink('err'),
    out: () => chunks.out,
    err: () => chunks.err,
  };
}

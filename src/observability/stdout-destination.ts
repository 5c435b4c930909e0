/**
 * Where the Node logger writes: stdout, through Node's own non-blocking stream, so that a log pipe
 * nobody reads never holds up serving or shutdown (docs/reliability.md#logs-never-block).
 *
 * Why not pino's default destination (sonic-boom): its final flush at exit retries a failed write
 * every 100 ms until it succeeds, so a pipe whose reader has gone (EPIPE: a log shipper that
 * stopped, `| pino-pretty` ended) or stalled (EAGAIN: journald restarting) holds the exit forever.
 * Here a broken pipe drops every line from then on; a reader that is too slow gets at most
 * `maxBufferedBytes` waiting, and the lines past it are dropped, counted, and said before the
 * next line once it has caught up. Nothing is retried at exit: what is still buffered then is
 * lost, not waited for.
 */

/** The part of a Node Writable (process.stdout) the destination uses. */
export interface LogStream {
  write(chunk: string): boolean;
  readonly writableLength: number;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface NonBlockingDestination {
  /** pino's DestinationStream: one serialised line. */
  write(line: string): void;
  /** Lines dropped since the last note about them. */
  readonly dropped: number;
  /** True once a write failed for good (a broken pipe): nothing is written any more. */
  readonly closed: boolean;
}

export interface DestinationOptions {
  /** Past this many bytes waiting for a slow reader, lines are dropped. */
  readonly maxBufferedBytes: number;
  /** The line that says how many were dropped, written before the next line that is not. */
  readonly note: (dropped: number) => string;
}

export function nonBlockingDestination(
  stream: LogStream,
  { maxBufferedBytes, note }: DestinationOptions,
): NonBlockingDestination {
  let closed = false;
  let dropped = 0;
  // Any write error (EPIPE, EBADF) means the reader is gone for good; without a listener it would
  // be an uncaught exception.
  stream.on('error', () => {
    closed = true;
  });
  return {
    write(line) {
      if (closed || stream.writableLength >= maxBufferedBytes) {
        dropped += 1;
        return;
      }
      if (dropped > 0) {
        stream.write(note(dropped));
        dropped = 0;
      }
      stream.write(line);
    },
    get dropped() {
      return dropped;
    },
    get closed() {
      return closed;
    },
  };
}

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
 *
 * The lines of one turn of the event loop are written together, in one write once the turn's I/O
 * has been handled (setImmediate): a write is a system call, dear on a VM, and under load one
 * turn serves many requests (docs/performance.md#log-line). What is still waiting at exit is
 * written then.
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
  /** Hands the lines waiting for the end of this turn to the stream now (at exit). */
  flush(): void;
  /** Lines dropped since the last note about them. */
  readonly dropped: number;
  /** True once a write failed for good (a broken pipe): nothing is written any more. */
  readonly closed: boolean;
}

export interface DestinationOptions {
  /** Past this many bytes waiting for a slow reader (UTF-16 units, for lines not yet written), lines are dropped. */
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
  // The lines of this turn, not yet handed to the stream.
  let waiting = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (waiting === '') return;
    const text = waiting;
    waiting = '';
    if (!closed) stream.write(text);
  };
  return {
    write(line) {
      if (closed || stream.writableLength + waiting.length >= maxBufferedBytes) {
        dropped += 1;
        return;
      }
      if (dropped > 0) {
        waiting += note(dropped);
        dropped = 0;
      }
      waiting += line;
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
    get dropped() {
      return dropped;
    },
    get closed() {
      return closed;
    },
  };
}

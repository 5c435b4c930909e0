/**
 * For `npm run soak`: waves of connections that never finish their request (headers, then part of
 * a body under a larger Content-Length, then nothing) and never close their side either, the
 * traffic that once held a file descriptor and ~55 KB each for good. The proxy must answer each
 * 408 at CLIENT_TIMEOUT_MS and let it go; this side closes only once the proxy has.
 */
import { connect } from 'node:net';

const PARTIAL_BODY =
  'POST /v2/index.php HTTP/1.1\r\nHost: soak\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\nAction=DescribeImages&';
/** Connections opened at a time within a wave (the listen backlog is 511). */
const BATCH = 100;

export interface StalledWaves {
  /** Connections opened, answered 408, and closed by the proxy without an answer (past MAX_CONNECTIONS). */
  readonly counts: { opened: number; answered408: number; refused: number };
  /** Stops opening waves; resolves with how many are still open once all are closed or `withinMs` has passed. */
  stop(withinMs: number): Promise<number>;
}

export function startStalledWaves(port: number, waveSize: number, everyMs: number): StalledWaves {
  const counts = { opened: 0, answered408: 0, refused: 0 };
  let open = 0;
  let stopped = false;
  const openOne = () => {
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    let answered = false;
    counts.opened += 1;
    open += 1;
    socket.on('connect', () => socket.write(PARTIAL_BODY));
    socket.on('data', (chunk: Buffer) => {
      if (!answered && chunk.toString('latin1', 0, 13) === 'HTTP/1.1 408 ') counts.answered408 += 1;
      answered = true;
    });
    socket.on('error', () => {});
    // The proxy has closed its side: only now does this side let go of its own.
    socket.on('end', () => socket.destroy());
    socket.on('close', () => {
      if (!answered) counts.refused += 1;
      open -= 1;
    });
  };
  const wave = async () => {
    for (let i = 0; i < waveSize && !stopped; i += BATCH) {
      for (let j = 0; j < Math.min(BATCH, waveSize - i); j++) openOne();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  void wave();
  const timer = setInterval(() => void wave(), everyMs);
  return {
    counts,
    async stop(withinMs) {
      stopped = true;
      clearInterval(timer);
      for (const until = Date.now() + withinMs; open > 0 && Date.now() < until;)
        await new Promise((resolve) => setTimeout(resolve, 100));
      return open;
    },
  };
}

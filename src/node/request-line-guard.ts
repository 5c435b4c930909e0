/**
 * A connection whose first request line names no HTTP version (`GET /v2/index.php`, HTTP/0.9)
 * is answered at once (docs/reliability.md#every-request-gets-a-legacy-answer). Node's parser
 * takes such a line as the start of a request and waits for headers an HTTP/0.9 client never
 * sends, so the client would otherwise wait until CLIENT_TIMEOUT_MS for its answer.
 *
 * Only the first line is looked at: the watch ends there (or after MAX_SCANNED bytes, where the
 * parser's own 16 KiB limit takes over), and it only reads what the parser reads too.
 */
import type { Socket } from 'node:net';

/** Node's HTTP server sets `_httpMessage` once the parser has made a request of what it read. */
type HttpSocket = Socket & { _httpMessage?: object | null };

/** Past Node's 16 KiB limit for a request line and headers: the parser has refused it by then. */
const MAX_SCANNED = 17 * 1024;
const LF = 0x0a;
/** Enough of a line's end to hold ` HTTP/1.1\r`. */
const TAIL = 16;
const VERSIONED = /\sHTTP\/\d+\.\d+\s*$/i;

export function answerVersionlessRequestLine(socket: HttpSocket, answer: (socket: Socket) => void): void {
  let scanned = 0;
  // The end of the line read so far, when it spans chunks.
  let tail = '';
  const onData = (chunk: Buffer): void => {
    scanned += chunk.length;
    for (let from = 0; ;) {
      const end = chunk.indexOf(LF, from);
      if (end === -1) {
        tail = (tail + chunk.toString('latin1', Math.max(from, chunk.length - TAIL))).slice(-TAIL);
        if (scanned > MAX_SCANNED) socket.off('data', onData);
        return;
      }
      const line = (tail + chunk.toString('latin1', Math.max(from, end - TAIL), end)).slice(-TAIL).trim();
      tail = '';
      from = end + 1;
      // Empty lines before a request line are allowed (RFC 9112, 2.2): the line is still to come.
      if (line === '') continue;
      socket.off('data', onData);
      // A request the parser did turn into one (`GET /x` and an empty line) is the app's to answer.
      if (!VERSIONED.test(line) && !socket._httpMessage) answer(socket);
      return;
    }
  };
  socket.on('data', onData);
}

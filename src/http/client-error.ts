/**
 * What Node's HTTP server says to a client whose request it could not even parse or that took
 * too long to arrive (ERR_HTTP_REQUEST_TIMEOUT), and to one that expects what it cannot do (an
 * `Expect` other than 100-continue): a legacy JSON answer instead of Node's bare status line, so
 * that even these answers are ones a legacy client can read.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { clip } from '../core/clip.js';
import { LegacyError } from '../core/errors.js';
import { legacyFailure } from '../core/legacy/envelope.js';

const STATUS_OF: Record<string, number> = { ERR_HTTP_REQUEST_TIMEOUT: 408, HPE_HEADER_OVERFLOW: 431 };

export function answerClientError(error: Error & { code?: string; library?: string }, socket: Duplex): void {
  // An answer already on its way (a pipelined request went bad behind it) must not be corrupted.
  const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  // A TLS handshake that failed or timed out has no HTTP to answer in: a write would wait for the
  // handshake forever and hold the socket (and a graceful shutdown) open.
  const tlsFailure =
    error.code?.startsWith('ERR_TLS') || error.code?.startsWith('ERR_SSL') || error.library !== undefined;
  if (error.code === 'ECONNRESET' || tlsFailure || !socket.writable || answering) {
    socket.destroy();
    return;
  }
  const status = STATUS_OF[error.code ?? ''] ?? 400;
  const reason = status === 408 ? 'the request did not arrive in time' : 'the request is not valid HTTP';
  const body = JSON.stringify(legacyFailure(new LegacyError(4000, reason)));
  socket.write(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  // Destroyed, not half-closed (docs/reliability.md#stalled-connections): Node's server keeps a
  // half-closed socket until the client closes its side, so a client that never does would hold
  // it, and the handler waiting for its body, for good; and nothing more is read, so a request
  // answered here can never complete later and be carried out. The answer is already with the
  // kernel, which sends it before the close, as Node's own error answers are.
  socket.destroy();
}

/** Node's 'checkExpectation': an `Expect` it cannot meet gets 417, with a legacy body, and the connection closes. */
export function answerExpectationFailed(request: IncomingMessage, response: ServerResponse): void {
  const expectation = clip(String(request.headers.expect ?? ''), 40);
  const body = JSON.stringify(
    legacyFailure(
      new LegacyError(
        4000,
        `Expect: ${expectation} is not supported; send the request without it (or with 100-continue)`,
      ),
    ),
  );
  response.writeHead(417, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  response.end(body);
}

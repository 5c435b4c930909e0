/**
 * The first request line's watch: what it answers (a line with no HTTP version, unless the parser
 * already made a request of it), what it lets be, and that it always stops listening.
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { answerVersionlessRequestLine } from '../../src/node/request-line-guard.js';

function watched(httpMessage?: object) {
  const socket = Object.assign(new EventEmitter(), { _httpMessage: httpMessage ?? null }) as unknown as Socket &
    EventEmitter;
  let answered = 0;
  answerVersionlessRequestLine(socket, () => (answered += 1));
  const send = (...pieces: string[]) => pieces.forEach((piece) => socket.emit('data', Buffer.from(piece, 'latin1')));
  return { send, answered: () => answered, listening: () => socket.listenerCount('data') > 0 };
}

describe('the first request line', () => {
  it.each([
    [['GET /v2/index.php HTTP/1.1\r\nHost: x\r\n\r\n']],
    [['GET /v2/index.php HTTP/1.0\n']],
    [['\r\n', '\r\n', 'POST /v2/index.php HTTP/1.1\r\n']],
    [['GET /v2/index.php?', 'x'.repeat(5000), ' HTT', 'P/1.', '1', '\r', '\n']],
    [['CONNECT image.api.qcloud.com:443 HTTP/1.1\r\n\r\n\u0016\u0003\u0001']],
  ])('with a version is let be, and the watch ends: %j', (pieces) => {
    const w = watched();
    w.send(...pieces);
    expect(w.answered()).toBe(0);
    expect(w.listening()).toBe(false);
  });

  it.each([[['GET /v2/index.php\r\n']], [['GET /', '\n']], [['\r\n', 'GET /v2/index.php?a=b HTTP/x\r\n']]])(
    'without one is answered at once: %j',
    (pieces) => {
      const w = watched();
      w.send(...pieces);
      expect(w.answered()).toBe(1);
      expect(w.listening()).toBe(false);
    },
  );

  it("without one, but already a request to the parser (an empty line came with it), is the app's to answer", () => {
    const w = watched({});
    w.send('GET /v2/index.php\r\n\r\n');
    expect(w.answered()).toBe(0);
    expect(w.listening()).toBe(false);
  });

  it('is not waited for past 17 KiB: the parser refuses it by then', () => {
    const w = watched();
    w.send('GET /', 'a'.repeat(9 * 1024));
    expect(w.listening()).toBe(true);
    w.send('a'.repeat(9 * 1024));
    expect(w.listening()).toBe(false);
    expect(w.answered()).toBe(0);
  });
});

/**
 * The body read straight from Node's IncomingMessage, over a real socket: whole or in pieces, past
 * the limit, and cut off by the client; the same 4000s as the web stream's reader.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIncoming } from '../../src/http/read-incoming.js';

let server: Server;
let port: number;
const outcomes: Array<Promise<string>> = [];

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response) => {
    // `/later` reads after the parser is done with what arrived (as the app does, several awaits on):
    // a body that came with the headers is then complete, and taken from the buffer.
    const read =
      request.url === '/later'
        ? new Promise<void>((resolve) => setImmediate(resolve)).then(() => readIncoming(request, 100))
        : readIncoming(request, 100);
    const outcome = read.then(
      (body) => `body ${new TextDecoder().decode(body)}`,
      (error: Error & { code?: number }) => `${error.code} ${error.message}`,
    );
    outcomes.push(outcome);
    void outcome.then((text) => response.end(text));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends raw bytes in pieces (a pause between them), and answers what the server concluded. */
async function send(pieces: string[], { end = true } = {}): Promise<string> {
  const before = outcomes.length;
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  for (const piece of pieces) {
    socket.write(piece);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  while (outcomes.length === before) await new Promise((resolve) => setTimeout(resolve, 5));
  if (end) socket.end();
  else socket.destroy();
  return outcomes[before]!;
}

const head = (length: number | 'chunked', path = '/') =>
  `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n${length === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${length}`}\r\n\r\n`;

describe('readIncoming', () => {
  it('reads a body that came with its headers, at once or later from the buffer', async () => {
    expect(await send([`${head(7)}a=1&b=2`])).toBe('body a=1&b=2');
    expect(await send([`${head(7, '/later')}a=1&b=2`])).toBe('body a=1&b=2');
    expect(await send([`${head(0, '/later')}`])).toBe('body ');
  });

  it('reads a body that arrives in pieces after its headers', async () => {
    expect(await send([head(11), 'a=1&', 'b=2&c=3'])).toBe('body a=1&b=2&c=3');
  });

  it('refuses a declared length over the limit before reading anything', async () => {
    expect(await send([head(101)])).toBe('4000 request body is larger than 100 bytes');
  });

  it('counts an undeclared (chunked) body as it arrives and refuses it past the limit', async () => {
    const chunk = (text: string) => `${text.length.toString(16)}\r\n${text}\r\n`;
    expect(await send([head('chunked'), chunk('x'.repeat(60)), chunk('y'.repeat(60))])).toBe(
      '4000 request body is larger than 100 bytes',
    );
    expect(await send([`${head('chunked')}${chunk('x'.repeat(101))}0\r\n\r\n`])).toBe(
      '4000 request body is larger than 100 bytes',
    );
    expect(await send([`${head('chunked', '/later')}${chunk('x'.repeat(60))}${chunk('y'.repeat(41))}0\r\n\r\n`])).toBe(
      '4000 request body is larger than 100 bytes',
    );
    expect(await send([`${head('chunked', '/later')}${chunk('x'.repeat(60))}${chunk('y'.repeat(40))}0\r\n\r\n`])).toBe(
      `body ${'x'.repeat(60)}${'y'.repeat(40)}`,
    );
  });

  it('answers a body cut off by the client with a 4000, not an internal error', async () => {
    expect(await send([head(50), 'a=1'], { end: false })).toBe(
      '4000 the request body could not be read (the connection closed before it ended)',
    );
  });
});

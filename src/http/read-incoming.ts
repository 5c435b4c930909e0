/**
 * On Node, a POST body read straight from the IncomingMessage that @hono/node-server hands the app
 * as `c.env.incoming`, rather than through a web Request, a ReadableStream and their AbortSignals,
 * which cost a cached answer about 45% of its CPU (docs/performance.md#hit-path). The rules are
 * read-body.ts's: Content-Length is not trusted, the bytes are counted as they arrive and the rest
 * is left unread past the limit (the server drains or drops it after the answer); a body that
 * cannot be read is a 4000. On Workers (no `incoming`) the web stream is read as before.
 */
import type { Context } from 'hono';
import { concatBytes } from '../core/bytes.js';
import { LegacyError } from '../core/errors.js';
import { bodyUnreadable, tooLarge } from './read-body.js';

/** The part of Node's IncomingMessage read here (no node:* import: this file also ships to Workers). */
export interface IncomingBody {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly readableEnded: boolean;
  readonly destroyed: boolean;
  /** True once the whole message has arrived: its body is then buffered, and read() hands it over. */
  readonly complete: boolean;
  read(): Uint8Array | null;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  off(event: 'end' | 'close', listener: () => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
  pause(): unknown;
}

/** The Node request behind this context, when the app runs under @hono/node-server. */
export function incomingOf(c: Context): IncomingBody | undefined {
  const incoming = (c.env as { incoming?: Partial<IncomingBody> } | undefined)?.incoming;
  return incoming && typeof incoming.on === 'function' && typeof incoming.headers === 'object'
    ? (incoming as IncomingBody)
    : undefined;
}

export async function readIncoming(incoming: IncomingBody, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(incoming.headers['content-length'] ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  // Node's parser emits the request at its headers and hands over a body that came with them in
  // the same read only after that: by the next microtask it is all buffered, and taken at once
  // without the stream's listeners, flowing mode and end event (docs/performance.md#hit-path).
  if (!incoming.complete) await undefined;
  // Already read, or the client already gone: no 'end' or 'close' is coming to wait for.
  if (incoming.readableEnded || incoming.destroyed) throw bodyUnreadable(new Error('the request stream has ended'));
  // A body that has all arrived (the app came to it late) is in Node's buffer: taken at once.
  return incoming.complete ? readBuffered(incoming, maxBytes) : readStreamed(incoming, maxBytes);
}

/** The body as it arrives, counted chunk by chunk. */
function readStreamed(incoming: IncomingBody, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const stop = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    const fail = (error: LegacyError) => {
      stop();
      reject(error);
    };
    const onData = (chunk: Uint8Array) => {
      size += chunk.byteLength;
      if (size > maxBytes) {
        // Left unread: @hono/node-server drains what follows after the answer, or closes the connection.
        incoming.pause();
        fail(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? chunks[0]! : concatBytes(chunks, size));
    };
    const onError = (error: Error) => fail(bodyUnreadable(error));
    // Closed before its end: the client went away mid-body.
    const onClose = () => (incoming.readableEnded ? onEnd() : fail(bodyUnreadable(new Error('the connection closed'))));
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}

/** The whole body, already received, without waiting for stream events; past the limit, a 4000. */
function readBuffered(incoming: IncomingBody, maxBytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = incoming.read(); chunk !== null; chunk = incoming.read()) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : concatBytes(chunks, size);
}

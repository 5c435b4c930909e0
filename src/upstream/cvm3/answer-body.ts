/**
 * A 3.0 answer's body read whole, with a byte limit counted as it arrives (Content-Length is not
 * trusted, and with a compressed answer the limit applies to the decoded bytes): past it the
 * stream is cancelled and the call is a 6200 (docs/reliability.md#what-api-30-may-send). The
 * largest legitimate answer, a page of 100 images, is a few hundred kilobytes.
 */
import { concatBytes } from '../../core/bytes.js';
import { upstreamUnavailable } from '../../core/translate/upstream-errors.js';
import { readCapped } from '../../http/read-capped.js';

/** As for a legacy answer passed through (src/upstream/legacy-forwarder.ts). */
export const MAX_CVM3_ANSWER_BYTES = 16 * 1024 * 1024;

/** A web stream (fetch, Workers) or a Node stream (node-fetch, undici): both are read the same way. */
export type AnswerBody =
  ReadableStream<Uint8Array> | (AsyncIterable<Uint8Array> & { destroy(error?: Error): unknown }) | null;

export function answerTooLarge(maxBytes = MAX_CVM3_ANSWER_BYTES): Error {
  // The client reads a fixed reason of the contract's (docs/contract.md#ours-upstream-errors): no
  // DescribeImages page comes near the limit. The log's cause says what happened.
  return upstreamUnavailable(
    'its answer is not a DescribeImages response',
    new Error(`the answer is larger than ${maxBytes} bytes`),
  );
}

export async function readAnswerText(body: AnswerBody, maxBytes = MAX_CVM3_ANSWER_BYTES): Promise<string> {
  if (!body) return '';
  const bytes =
    'getReader' in body
      ? await readCapped(body, maxBytes, () => answerTooLarge(maxBytes))
      : await readNodeStream(body, maxBytes);
  return new TextDecoder().decode(bytes);
}

async function readNodeStream(
  stream: AsyncIterable<Uint8Array> & { destroy(error?: Error): unknown },
  maxBytes: number,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      // Leaving the loop destroys the stream; the socket goes with it rather than back to the pool.
      stream.destroy();
      throw answerTooLarge(maxBytes);
    }
    chunks.push(chunk);
  }
  return concatBytes(chunks, size);
}

/** An answer the caller will not read (an error status): its stream is let go, not left holding a socket. */
export function discardAnswer(body: AnswerBody): void {
  if (!body) return;
  if ('getReader' in body) void body.cancel().catch(() => {});
  else body.destroy();
}

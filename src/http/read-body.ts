/**
 * A request body read as text with a byte limit, without trusting Content-Length: the stream is
 * counted as it arrives and abandoned at the limit. A body that cannot be read (the client
 * went away mid-way) is a legacy 4000, not an internal error.
 */
import { LegacyError } from '../core/errors.js';

export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      size += chunk.value.byteLength;
      if (size > maxBytes) {
        void reader.cancel().catch(() => {});
        throw tooLarge(maxBytes);
      }
      chunks.push(chunk.value);
    }
  } catch (error) {
    if (error instanceof LegacyError) throw error;
    throw new LegacyError(4000, 'the request body could not be read (the connection closed before it ended)', { cause: error });
  }
  return new TextDecoder().decode(concat(chunks, size));
}

function tooLarge(maxBytes: number): LegacyError {
  return new LegacyError(4000, `request body is larger than ${maxBytes} bytes`);
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

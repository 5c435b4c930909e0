/**
 * A request body read whole with a byte limit, without trusting Content-Length: the stream is
 * counted as it arrives and abandoned at the limit. A body that cannot be read (the client
 * went away mid-way) is a legacy 4000, not an internal error.
 */
import { LegacyError } from '../core/errors.js';
import { readCapped } from './read-capped.js';

export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  try {
    return await readCapped(request.body, maxBytes, () => tooLarge(maxBytes));
  } catch (error) {
    if (error instanceof LegacyError) throw error;
    throw bodyUnreadable(error);
  }
}

export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBody(request, maxBytes));
}

export function tooLarge(maxBytes: number): LegacyError {
  return new LegacyError(4000, `request body is larger than ${maxBytes} bytes`);
}

export function bodyUnreadable(cause: unknown): LegacyError {
  return new LegacyError(4000, 'the request body could not be read (the connection closed before it ended)', { cause });
}

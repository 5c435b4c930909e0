/** Byte chunks as one array: a body read in pieces, or an answer assembled from cached parts. */

/** `chunks` joined, in order; `size` is their total length when the caller has counted it already. */
export function concatBytes(chunks: readonly Uint8Array[], size?: number): Uint8Array {
  let total = size ?? 0;
  if (size === undefined) for (const chunk of chunks) total += chunk.byteLength;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

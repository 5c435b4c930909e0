/** Lower-case hex of bytes, on any runtime (WebCrypto gives bytes; Node's `digest('hex')` is not everywhere). */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * One flat string: the replay store keeps signature ids for the whole window, and a string built
 * by `+=` would stay a tree of small strings there (~1 KB a request instead of ~60 bytes).
 */
export function toHex(bytes: Uint8Array): string {
  const digits = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) digits[i] = HEX[bytes[i]!]!;
  return digits.join('');
}

/**
 * A 64-bit fingerprint of a signature id, so that a remembered request costs two integers rather
 * than a 40- or 64-character string. Two 32-bit lanes of different construction (MurmurHash3's
 * block mix; a multiply-xorshift) run over the id's characters, each finished with MurmurHash3's
 * avalanche. Ids are HMAC outputs in hex, effectively random, so two distinct ids share a
 * fingerprint with probability about 2^-64. The seed, random per process, keeps the hash bucket
 * an id lands in unpredictable to callers (no crafted chains).
 */

/** Writes the fingerprint of `text` into `out[0]` (high word) and `out[1]` (low word). */
export function fingerprint64(text: string, seed: number, out: Int32Array): void {
  let a = seed ^ 0x2545f491;
  let b = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let k = Math.imul(c, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    a ^= k;
    a = (Math.imul((a << 13) | (a >>> 19), 5) + 0xe6546b64) | 0;
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  out[0] = avalanche(a ^ text.length);
  out[1] = avalanche(b ^ Math.imul(text.length, 0x27d4eb2f));
}

/** MurmurHash3's finaliser: every input bit flips each output bit with probability about 1/2. */
function avalanche(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

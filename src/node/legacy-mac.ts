/**
 * The legacy HMAC on node:crypto, for the Node server: synchronous and in-thread, where WebCrypto
 * on Node sends every verify to the libuv pool and back (about a tenth of the proxy's CPU a request
 * in the benchmark's profile). Checked against the same published vectors as the WebCrypto key.
 */
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import type { LegacyMacKeyFactory } from '../core/legacy/signature.js';

const ALGORITHM = { HmacSHA1: 'sha1', HmacSHA256: 'sha256' } as const;

export const nodeMacKey: LegacyMacKeyFactory = async (secretKey, method) => {
  const algorithm = ALGORITHM[method];
  // Prepared once: a key given as a string is converted again by every createHmac.
  const key = createSecretKey(Buffer.from(secretKey, 'utf8'));
  return {
    verify(signature, text) {
      const mac = createHmac(algorithm, key).update(text).digest();
      // timingSafeEqual needs equal lengths; a length says nothing about the key.
      return mac.length === signature.length && timingSafeEqual(mac, signature);
    },
  };
};

/**
 * The callers allowed in (PROXY_CREDENTIALS) and their HMAC keys, imported once per key and
 * method and then reused: key import is the costly part of a WebCrypto HMAC.
 */
import type { CallerCredential } from './caller.js';
import {
  webCryptoMacKey,
  type LegacyMacKey,
  type LegacyMacKeyFactory,
  type LegacySignatureMethod,
} from './signature.js';

export interface CallerKeyring {
  find(secretId: string): CallerCredential | undefined;
  verificationKey(caller: CallerCredential, method: LegacySignatureMethod): Promise<LegacyMacKey>;
}

export function createCallerKeyring(
  credentials: readonly CallerCredential[],
  importKey: LegacyMacKeyFactory = webCryptoMacKey,
): CallerKeyring {
  const bySecretId = new Map(credentials.map((c) => [c.secretId, c]));
  const keys = new Map<string, Promise<LegacyMacKey>>();
  return {
    find: (secretId) => bySecretId.get(secretId),
    verificationKey(caller, method) {
      const cacheKey = `${method}\u0000${caller.secretId}`;
      let key = keys.get(cacheKey);
      if (!key) {
        key = importKey(caller.secretKey, method);
        keys.set(cacheKey, key);
      }
      return key;
    },
  };
}

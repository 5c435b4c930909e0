/**
 * The callers allowed in, replaceable while the proxy serves (SIGHUP reloads PROXY_CREDENTIALS:
 * docs/operations.md#reload). A replacement takes effect for the next lookup; a request that has
 * already found its caller finishes with the key it found, so no request fails because of it.
 */
import type { CallerCredential } from './caller.js';
import { createCallerKeyring, type CallerKeyring } from './keyring.js';
import type { LegacyMacKeyFactory } from './signature.js';

export interface ReloadableKeyring extends CallerKeyring {
  replace(credentials: readonly CallerCredential[]): void;
}

export function createReloadableKeyring(
  credentials: readonly CallerCredential[],
  importKey?: LegacyMacKeyFactory,
): ReloadableKeyring {
  // Which keyring each caller came from: a caller found before a replacement must get its key from
  // its own keyring, never seed the new one's cache with an old SecretKey under the same SecretId.
  const owners = new WeakMap<CallerCredential, CallerKeyring>();
  const load = (list: readonly CallerCredential[]): CallerKeyring => {
    const keyring = createCallerKeyring(list, importKey);
    for (const caller of list) owners.set(caller, keyring);
    return keyring;
  };
  let current = load(credentials);
  return {
    find: (secretId) => current.find(secretId),
    verificationKey: (caller, method) => (owners.get(caller) ?? current).verificationKey(caller, method),
    replace(list) {
      current = load(list);
    },
  };
}

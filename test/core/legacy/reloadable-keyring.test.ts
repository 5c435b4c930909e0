/**
 * The callers replaced while serving: the next lookup sees the new list; a caller found before the
 * replacement still gets its own key, and never leaves it behind for the new list's same SecretId.
 */
import { describe, expect, it } from 'vitest';
import { createReloadableKeyring } from '../../../src/core/legacy/reloadable-keyring.js';
import type { LegacyMacKeyFactory } from '../../../src/core/legacy/signature.js';

/** A key factory that says which secret a key was made from. */
const imports: string[] = [];
const importKey: LegacyMacKeyFactory = async (secretKey) => {
  imports.push(secretKey);
  return { secretKey } as never;
};

describe('a reloadable keyring', () => {
  it('finds the new callers after a replacement, and no longer the removed ones', () => {
    const keyring = createReloadableKeyring([{ secretId: 'AKIDa', secretKey: 'old' }], importKey);
    expect(keyring.find('AKIDa')).toEqual({ secretId: 'AKIDa', secretKey: 'old' });
    keyring.replace([{ secretId: 'AKIDb', secretKey: 'b' }]);
    expect(keyring.find('AKIDa')).toBeUndefined();
    expect(keyring.find('AKIDb')).toEqual({ secretId: 'AKIDb', secretKey: 'b' });
  });

  it('checks a request found before the replacement with its own key, and new requests with the new key', async () => {
    const keyring = createReloadableKeyring([{ secretId: 'AKIDa', secretKey: 'old' }], importKey);
    const inFlight = keyring.find('AKIDa')!;
    keyring.replace([{ secretId: 'AKIDa', secretKey: 'new' }]);
    expect(await keyring.verificationKey(inFlight, 'HmacSHA1')).toEqual({ secretKey: 'old' });
    const next = keyring.find('AKIDa')!;
    expect(await keyring.verificationKey(next, 'HmacSHA1')).toEqual({ secretKey: 'new' });
    expect(await keyring.verificationKey(keyring.find('AKIDa')!, 'HmacSHA1')).toEqual({ secretKey: 'new' });
  });

  it('still imports each key once per method', async () => {
    imports.length = 0;
    const keyring = createReloadableKeyring([{ secretId: 'AKIDa', secretKey: 'k1' }], importKey);
    for (let i = 0; i < 3; i++) await keyring.verificationKey(keyring.find('AKIDa')!, 'HmacSHA256');
    expect(imports).toEqual(['k1']);
  });
});

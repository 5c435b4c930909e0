/** The callers allowed in, and their HMAC keys imported once per caller and method. */
import { describe, expect, it } from 'vitest';
import { createCallerKeyring } from '../../../src/core/legacy/keyring.js';
import type { LegacyMacKey, LegacySignatureMethod } from '../../../src/core/legacy/signature.js';

const A = { secretId: 'AKIDA', secretKey: 'keyA' };
const B = { secretId: 'AKIDB', secretKey: 'keyB', upstream: { secretId: 'AKIDUP', secretKey: 'keyUp' } };

function countingImport() {
  const imported: Array<[string, LegacySignatureMethod]> = [];
  const importKey = async (secretKey: string, method: LegacySignatureMethod): Promise<LegacyMacKey> => {
    imported.push([secretKey, method]);
    return { verify: () => true };
  };
  return { imported, importKey };
}

describe('createCallerKeyring', () => {
  it('finds a caller by SecretId, with its upstream key pair if it names one', () => {
    const keyring = createCallerKeyring([A, B]);
    expect(keyring.find('AKIDA')).toEqual(A);
    expect(keyring.find('AKIDB')?.upstream).toEqual({ secretId: 'AKIDUP', secretKey: 'keyUp' });
    expect(keyring.find('AKIDC')).toBeUndefined();
    expect(keyring.find('akida')).toBeUndefined();
  });

  it("imports each caller's key once per method, with its own SecretKey", async () => {
    const { imported, importKey } = countingImport();
    const keyring = createCallerKeyring([A, B], importKey);
    const first = keyring.verificationKey(A, 'HmacSHA1');
    expect(keyring.verificationKey(A, 'HmacSHA1')).toBe(first);
    await keyring.verificationKey(A, 'HmacSHA256');
    await keyring.verificationKey(B, 'HmacSHA1');
    await first;
    expect(imported).toEqual([
      ['keyA', 'HmacSHA1'],
      ['keyA', 'HmacSHA256'],
      ['keyB', 'HmacSHA1'],
    ]);
  });

  it('verifies with WebCrypto by default: an HMAC-SHA1 made with node:crypto checks out', async () => {
    const { createHmac } = await import('node:crypto');
    const keyring = createCallerKeyring([A]);
    const key = await keyring.verificationKey(A, 'HmacSHA1');
    const mac = new Uint8Array(createHmac('sha1', 'keyA').update('text').digest());
    expect(await key.verify(mac, 'text')).toBe(true);
    expect(await key.verify(mac, 'other')).toBe(false);
  });
});

/** The demo's legacy client signs as legacy clients do: checked against the published vectors (A1, LEG-SIGN). */
import { describe, expect, it } from 'vitest';
import { signLegacyRequest } from '../../../dev/legacy-client/sign-request.js';
import {
  LEGACY_SIGNATURE_VECTORS,
  VECTOR_SECRET_ID,
  VECTOR_SECRET_KEY,
  VECTOR_TARGET,
} from '../../fixtures/legacy-signature-vectors.js';

describe('signLegacyRequest', () => {
  it.each(LEGACY_SIGNATURE_VECTORS.map((v) => [v.name, v] as const))('%s', async (_name, vector) => {
    const { SecretId, Timestamp, Nonce, ...params } = vector.params;
    const signed = await signLegacyRequest({
      ...VECTOR_TARGET,
      secretId: SecretId,
      secretKey: VECTOR_SECRET_KEY,
      signatureMethod: vector.method,
      timestamp: Number(Timestamp),
      nonce: Nonce,
      params,
    });
    expect(signed).toEqual({ ...vector.params, Signature: vector.signature });
  });

  it('adds Timestamp (now, in seconds), a positive Nonce and SecretId; SignatureMethod only for HmacSHA256', async () => {
    // Read before and after: "now" lies between, however long the signing took.
    const before = Math.floor(Date.now() / 1000);
    const signed = await signLegacyRequest({
      ...VECTOR_TARGET,
      secretId: VECTOR_SECRET_ID,
      secretKey: VECTOR_SECRET_KEY,
      params: { Action: 'DescribeImages', imageType: 2 },
    });
    const after = Math.floor(Date.now() / 1000);
    expect(Object.keys(signed).sort()).toEqual(['Action', 'Nonce', 'SecretId', 'Signature', 'Timestamp', 'imageType']);
    expect(Number(signed['Timestamp'])).toBeGreaterThanOrEqual(before);
    expect(Number(signed['Timestamp'])).toBeLessThanOrEqual(after);
    expect(signed['Nonce']).toMatch(/^[1-9][0-9]*$/);
    expect(signed['imageType']).toBe('2');
    const sha256 = await signLegacyRequest({
      ...VECTOR_TARGET,
      secretId: VECTOR_SECRET_ID,
      secretKey: VECTOR_SECRET_KEY,
      signatureMethod: 'HmacSHA256',
      params: {},
    });
    expect(sha256['SignatureMethod']).toBe('HmacSHA256');
    expect(Buffer.from(sha256['Signature']!, 'base64')).toHaveLength(32);
  });
});

/** Whether a request's v1 signature verifies (for the stand-in's record): the published vectors (A1) say yes. */
import { describe, expect, it } from 'vitest';
import { createCallerKeyring } from '../../../src/core/legacy/keyring.js';
import { collectParams } from '../../../src/core/legacy/params.js';
import type { SignedTarget } from '../../../src/core/legacy/signature.js';
import { signatureVerifies } from '../../../dev/legacy-standin/signature-check.js';
import {
  LEGACY_SIGNATURE_VECTORS,
  VECTOR_SECRET_ID,
  VECTOR_SECRET_KEY,
  VECTOR_TARGET,
} from '../../fixtures/legacy-signature-vectors.js';

const keyring = createCallerKeyring([{ secretId: VECTOR_SECRET_ID, secretKey: VECTOR_SECRET_KEY }]);
const check = (params: Record<string, string>, target: SignedTarget = VECTOR_TARGET) =>
  signatureVerifies(target, collectParams(Object.entries(params)), keyring);

describe('signatureVerifies', () => {
  it.each(LEGACY_SIGNATURE_VECTORS.map((v) => [v.name, v] as const))('yes for the vector %s', async (_name, vector) => {
    expect(await check({ ...vector.params, Signature: vector.signature })).toBe(true);
  });

  it('no for another host, a changed value, an unknown SecretId, or no or a garbled Signature; whatever the Timestamp', async () => {
    const [vector] = LEGACY_SIGNATURE_VECTORS;
    const good = { ...vector.params, Signature: vector.signature };
    expect(await check(good, { ...VECTOR_TARGET, host: 'image.api.qcloud.com' })).toBe(false);
    expect(await check({ ...good, limit: '21' })).toBe(false);
    expect(await check({ ...good, SecretId: 'AKIDother' })).toBe(false);
    const { Signature: _dropped, ...unsigned } = good;
    expect(await check(unsigned)).toBe(false);
    expect(await check({ ...good, Signature: '%%%' })).toBe(false);
  });
});

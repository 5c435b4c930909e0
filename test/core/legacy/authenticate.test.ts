/**
 * The Nonce rule of authenticate() (docs/contract.md#ours-check-order, step 7): a positive integer,
 * as text, so that a Nonce past 2^53 stays exact; zero is not positive and gets the same 4000.
 */
import { describe, expect, it } from 'vitest';
import { authenticate } from '../../../src/core/legacy/authenticate.js';
import { createCallerKeyring } from '../../../src/core/legacy/keyring.js';
import { collectParams } from '../../../src/core/legacy/params.js';
import { signLegacyRequest } from '../../../dev/legacy-client/sign-request.js';

const CALLER = { secretId: 'AKIDnonceTest0000000000000000000001', secretKey: 'nonceTestKey000000000000000000001' };
const TARGET = { method: 'GET', host: 'image.api.qcloud.com', path: '/v2/index.php' };
const NOW = 1_700_000_000;

async function withNonce(nonce: string) {
  const signed = await signLegacyRequest({ ...TARGET, ...CALLER, nonce, timestamp: NOW, params: { Action: 'DescribeImages', Region: 'gz' } });
  return authenticate(TARGET, collectParams(Object.entries(signed)), { keyring: createCallerKeyring([CALLER]), nowSeconds: NOW, windowSeconds: 300 });
}

describe('Nonce', () => {
  it.each(['1', '11886', '007', '9'.repeat(40)])('accepts %s, signed', async (nonce) => {
    await expect(withNonce(nonce)).resolves.toMatchObject({ caller: { secretId: CALLER.secretId } });
  });

  it.each(['0', '000', '-1', '1.5', '1e3', ' 1', 'abc', '9'.repeat(41)])('refuses %j with 4000, even signed', async (nonce) => {
    await expect(withNonce(nonce)).rejects.toMatchObject({ code: 4000, message: 'Nonce: must be a positive integer' });
  });
});

/**
 * Who is calling (B.2), checked against the published v1 vectors (A1, LEG-SIGN) and against
 * requests signed here with node:crypto, independently of the proxy's signer: 4000 for a missing
 * common parameter, then 4104, then 4100, then 4200, in that order.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authenticate } from '../../../src/core/legacy/authenticate.js';
import { createCallerKeyring } from '../../../src/core/legacy/keyring.js';
import { collectParams } from '../../../src/core/legacy/params.js';
import { signLegacyRequest } from '../../../dev/legacy-client/sign-request.js';
import type { SignedTarget } from '../../../src/core/legacy/signature.js';
import {
  LEGACY_SIGNATURE_VECTORS,
  VECTOR_SECRET_ID,
  VECTOR_SECRET_KEY,
  VECTOR_TARGET,
} from '../../fixtures/legacy-signature-vectors.js';

const TIMESTAMP = 1465185768;
const keyring = createCallerKeyring([{ secretId: VECTOR_SECRET_ID, secretKey: VECTOR_SECRET_KEY }]);
const options = (nowSeconds = TIMESTAMP, windowSeconds = 300) => ({ keyring, nowSeconds, windowSeconds });
const hex = (base64: string) => Buffer.from(base64, 'base64').toString('hex');

/** A1's recipe, written out: sorted `k=v` joined by `&` after METHOD + host + path + `?`. */
function signed(
  params: Record<string, string>,
  { method = 'GET', host = VECTOR_TARGET.host, key = VECTOR_SECRET_KEY } = {},
) {
  const text = `${method}${host}${VECTOR_TARGET.path}?${Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&')}`;
  return { ...params, Signature: createHmac('sha1', key).update(text).digest('base64') };
}

const BASE = {
  Action: 'DescribeImages',
  Nonce: '11886',
  Region: 'gz',
  SecretId: VECTOR_SECRET_ID,
  Timestamp: String(TIMESTAMP),
  imageType: '2',
};
const run = (params: Record<string, string>, target: SignedTarget = VECTOR_TARGET, opts = options()) =>
  authenticate(target, collectParams(Object.entries(params)), opts);

describe('authenticate: the published vectors', () => {
  it.each(LEGACY_SIGNATURE_VECTORS.map((v) => [v.name, v] as const))('%s', async (_name, vector) => {
    const result = await run({ ...vector.params, Signature: vector.signature });
    expect(result).toEqual({
      caller: { secretId: VECTOR_SECRET_ID, secretKey: VECTOR_SECRET_KEY },
      timestamp: TIMESTAMP,
      signatureId: hex(vector.signature),
      signedOrder: 0,
    });
  });

  it('reads a `+` that arrived as a space as a `+`: one signature, one id', async () => {
    const vector = LEGACY_SIGNATURE_VECTORS.find((v) => v.signature.includes('+'))!;
    const result = await run({ ...vector.params, Signature: vector.signature.replaceAll('+', ' ') });
    expect(result.signatureId).toBe(hex(vector.signature));
  });
});

describe('authenticate: refusals, in order', () => {
  it.each(['Action', 'SecretId', 'Signature', 'Timestamp', 'Nonce'])(
    '4000 when %s is missing or empty',
    async (name) => {
      const params: Record<string, string> = signed(BASE);
      delete params[name];
      await expect(run(params)).rejects.toMatchObject({ code: 4000, message: `${name}: is required` });
      await expect(run({ ...params, [name]: '' })).rejects.toMatchObject({
        code: 4000,
        message: `${name}: is required`,
      });
    },
  );

  it('4104 for an unknown SecretId, before the signature and the clock are looked at', async () => {
    const params = { ...signed(BASE), SecretId: 'AKIDunknown', Signature: 'not base64!' };
    await expect(run(params, VECTOR_TARGET, options(TIMESTAMP + 86_400))).rejects.toMatchObject({
      code: 4104,
      codeDesc: 'SecretIdNotFound',
    });
  });

  it.each<[string, Record<string, string>, SignedTarget]>([
    ['another key', signed(BASE, { key: 'not-the-key' }), VECTOR_TARGET],
    ['another host', signed(BASE), { ...VECTOR_TARGET, host: 'image.api.qcloud.com' }],
    ['the host with a port', signed(BASE), { ...VECTOR_TARGET, host: `${VECTOR_TARGET.host}:443` }],
    ['POST for a GET signature', signed(BASE), { ...VECTOR_TARGET, method: 'POST' }],
    ['a value changed after signing', { ...signed(BASE), imageType: '1' }, VECTOR_TARGET],
    ['a parameter added after signing', { ...signed(BASE), limit: '5' }, VECTOR_TARGET],
    ['a signature that is not base64', { ...signed(BASE), Signature: '***' }, VECTOR_TARGET],
  ])('4100 for %s, naming method and host but no secret', async (_name, params, target) => {
    const error = await run(params, target).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 4100,
      codeDesc: 'AuthFailure',
      message: `signature does not match (HmacSHA1, host ${target.host}, ${target.method})`,
    });
    expect((error as Error).message).not.toContain(VECTOR_SECRET_KEY);
    expect((error as Error).message).not.toContain(params['Signature']);
  });

  it('4100 before 4200: a bad signature on a stale request is a bad signature', async () => {
    await expect(run(signed(BASE, { key: 'x' }), VECTOR_TARGET, options(TIMESTAMP + 3600))).rejects.toMatchObject({
      code: 4100,
    });
  });

  it.each([
    [-301, 4200],
    [-300, 0],
    [300, 0],
    [301, 4200],
  ])('Timestamp %i s from the clock: %i', async (skew, code) => {
    const attempt = run(signed(BASE), VECTOR_TARGET, options(TIMESTAMP - skew));
    if (code === 0) await expect(attempt).resolves.toMatchObject({ timestamp: TIMESTAMP });
    else
      await expect(attempt).rejects.toMatchObject({
        code,
        codeDesc: 'RequestExpired',
        message: `Timestamp ${TIMESTAMP} is more than 300 s from the server time ${TIMESTAMP - skew}`,
      });
  });

  it('takes the window it is given', async () => {
    await expect(run(signed(BASE), VECTOR_TARGET, options(TIMESTAMP + 7200, 7200))).resolves.toMatchObject({
      timestamp: TIMESTAMP,
    });
  });

  it.each([
    ['Timestamp', 'soon', /^Timestamp: must be Unix seconds/],
    ['Timestamp', '-1', /^Timestamp: /],
    ['Nonce', 'abc', /^Nonce: must be a positive integer/],
    ['Nonce', '-5', /^Nonce: /],
  ])('4000 for a signed %s of %j', async (name, value, message) => {
    await expect(run(signed({ ...BASE, [name]: value }))).rejects.toMatchObject({
      code: 4000,
      message: expect.stringMatching(message),
    });
  });

  it('takes a Nonce beyond 2^53 as text (LEG-COMMON)', async () => {
    await expect(run(signed({ ...BASE, Nonce: '123456789012345678901234567890' }))).resolves.toMatchObject({
      signedOrder: 0,
    });
  });
});

// The Nonce rule (docs/contract.md#ours-check-order, step 7): a positive integer, as text, so that
// a Nonce past 2^53 stays exact; zero is not positive and gets the same 4000.
describe('authenticate: Nonce', () => {
  const CALLER = { secretId: 'AKIDnonceTest0000000000000000000001', secretKey: 'nonceTestKey000000000000000000001' };
  const TARGET = { method: 'GET', host: 'image.api.qcloud.com', path: '/v2/index.php' };
  const NOW = 1_700_000_000;
  async function withNonce(nonce: string) {
    const signedParams = await signLegacyRequest({
      ...TARGET,
      ...CALLER,
      nonce,
      timestamp: NOW,
      params: { Action: 'DescribeImages', Region: 'gz' },
    });
    return authenticate(TARGET, collectParams(Object.entries(signedParams)), {
      keyring: createCallerKeyring([CALLER]),
      nowSeconds: NOW,
      windowSeconds: 300,
    });
  }

  it.each(['1', '11886', '007', '9'.repeat(40)])('accepts %s, signed', async (nonce) => {
    await expect(withNonce(nonce)).resolves.toMatchObject({ caller: { secretId: CALLER.secretId } });
  });

  it.each(['0', '000', '-1', '1.5', '1e3', ' 1', 'abc', '9'.repeat(41)])(
    'refuses %j with 4000, even signed',
    async (nonce) => {
      await expect(withNonce(nonce)).rejects.toMatchObject({
        code: 4000,
        message: 'Nonce: must be a positive integer',
      });
    },
  );
});

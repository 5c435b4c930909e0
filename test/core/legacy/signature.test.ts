import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { collectParams } from '../../../src/core/legacy/params.js';
import {
  decodeSignature,
  legacyStringsToSign,
  signLegacyString,
  signatureMethodOf,
  verifyLegacySignature,
  webCryptoMacKey,
  type LegacyMacKeyFactory,
} from '../../../src/core/legacy/signature.js';
import { nodeMacKey } from '../../../src/node/legacy-mac.js';
import { LEGACY_SIGNATURE_VECTORS, VECTOR_SECRET_KEY, VECTOR_TARGET } from '../../fixtures/legacy-signature-vectors.js';

// The legacy Node SDK Tencent published (qcloudapi-sdk@0.2.1): an independent signer.
const QcloudApi = createRequire(import.meta.url)('qcloudapi-sdk');

describe('legacy signature: published vectors', () => {
  for (const vector of LEGACY_SIGNATURE_VECTORS) {
    it(`signs ${vector.name}`, async () => {
      const [text] = legacyStringsToSign(VECTOR_TARGET, collectParams(Object.entries(vector.params)));
      expect(await signLegacyString(VECTOR_SECRET_KEY, vector.method, text!)).toBe(vector.signature);
    });

    it.each<[string, LegacyMacKeyFactory]>([
      ['WebCrypto', webCryptoMacKey],
      ['node:crypto', nodeMacKey],
    ])(`verifies ${vector.name} on %s, and refuses it with one byte changed`, async (_, importKey) => {
      const params = collectParams(Object.entries(vector.params));
      const key = await importKey(VECTOR_SECRET_KEY, vector.method);
      const signature = decodeSignature(vector.signature)!;
      expect(await verifyLegacySignature(key, signature, legacyStringsToSign(VECTOR_TARGET, params))).toBe(true);
      const tampered = collectParams(Object.entries({ ...vector.params, Nonce: '11887' }));
      expect(await verifyLegacySignature(key, signature, legacyStringsToSign(VECTOR_TARGET, tampered))).toBe(false);
      const otherHost = { ...VECTOR_TARGET, host: 'image.api.qcloud.com' };
      expect(await verifyLegacySignature(key, signature, legacyStringsToSign(otherHost, params))).toBe(false);
      expect(await verifyLegacySignature(key, signature.subarray(1), legacyStringsToSign(VECTOR_TARGET, params))).toBe(
        false,
      );
    });
  }
});

describe('legacy signature: what the legacy SDK signs', () => {
  it('matches qcloudapi-sdk for a POST with imageIds and a port in the host', async () => {
    const sdk = new QcloudApi({ SecretId: 'AKIDx', SecretKey: 'k3y', serviceType: 'image', signatureMethod: 'sha256' });
    const query: string = sdk.generateQueryString(
      {
        Action: 'DescribeImages',
        Region: 'gz',
        imageType: 1,
        imageIds: ['img-aaaaaaaa', 'img-bbbbbbbb'],
        Nonce: 7,
        Timestamp: 1700000000,
      },
      { host: '127.0.0.1:8787', method: 'POST', path: '/v2/index.php', signatureMethod: 'sha256' },
    );
    const params = collectParams([...new URLSearchParams(query)]);
    const key = await webCryptoMacKey('k3y', 'HmacSHA256');
    const target = { method: 'POST', host: '127.0.0.1:8787', path: '/v2/index.php' };
    expect(
      await verifyLegacySignature(key, decodeSignature(params.get('Signature')!)!, legacyStringsToSign(target, params)),
    ).toBe(true);
  });
});

describe('legacy signature: names with "_" (PHP spelling, Part B.6)', () => {
  it('signs imageIds_0 as imageIds.0', () => {
    const [text] = legacyStringsToSign(
      VECTOR_TARGET,
      collectParams([
        ['imageIds_0', 'img-aaaaaaaa'],
        ['Action', 'X'],
      ]),
    );
    expect(text).toBe('GETcvm.api.qcloud.com/v2/index.php?Action=X&imageIds.0=img-aaaaaaaa');
  });

  it('offers both sort orders when "_" changes the order', () => {
    // "a_b" sorts after "aZ" as sent, but "a.b" sorts before it.
    const candidates = legacyStringsToSign(
      VECTOR_TARGET,
      collectParams([
        ['a_b', '1'],
        ['aZ', '2'],
      ]),
    );
    expect(candidates).toEqual([
      'GETcvm.api.qcloud.com/v2/index.php?aZ=2&a.b=1',
      'GETcvm.api.qcloud.com/v2/index.php?a.b=1&aZ=2',
    ]);
  });

  it('never signs the Signature parameter itself', () => {
    const [text] = legacyStringsToSign(
      VECTOR_TARGET,
      collectParams([
        ['Signature', 'x'],
        ['Action', 'A'],
      ]),
    );
    expect(text).toBe('GETcvm.api.qcloud.com/v2/index.php?Action=A');
  });
});

describe('signature method and encoding', () => {
  it.each([
    [undefined, 'HmacSHA1'],
    ['HmacSHA256', 'HmacSHA256'],
    ['HmacSHA1', 'HmacSHA1'],
    ['hmacsha256', 'HmacSHA1'],
    ['TC3-HMAC-SHA256', 'HmacSHA1'],
  ])('SignatureMethod %s signs with %s', (value, expected) => {
    expect(signatureMethodOf(value)).toBe(expected);
  });

  it('reads a "+" that arrived as a space, and refuses what is not base64', () => {
    expect(decodeSignature('nPVnY6njQmwQ8ciqbPl5Qe Oru4=')).toEqual(decodeSignature('nPVnY6njQmwQ8ciqbPl5Qe+Oru4='));
    expect(decodeSignature('not base64!')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { collectParams } from '../../../src/core/legacy/params.js';
import { resignLegacyParams } from '../../../src/core/legacy/resign.js';
import {
  decodeSignature,
  legacyStringsToSign,
  matchingCandidate,
  webCryptoMacKey,
} from '../../../src/core/legacy/signature.js';
import { LEGACY_SIGNATURE_VECTORS, VECTOR_SECRET_KEY, VECTOR_TARGET } from '../../fixtures/legacy-signature-vectors.js';

describe('resignLegacyParams', () => {
  it('re-signing a published vector for its own host gives the published signature', async () => {
    for (const vector of LEGACY_SIGNATURE_VECTORS) {
      const pairs = await resignLegacyParams(
        collectParams(Object.entries(vector.params)),
        VECTOR_TARGET,
        VECTOR_SECRET_KEY,
        0,
      );
      expect(Object.fromEntries(pairs).Signature).toBe(vector.signature);
    }
  });

  it('signs for the new host and keeps every other parameter, in the spelling sent', async () => {
    const params = collectParams([
      ['Action', 'DescribeInstances'],
      ['instanceIds_0', 'ins-1'],
      ['instanceIdsTag', 't'],
      ['Nonce', '9'],
      ['Timestamp', '1700000000'],
      ['SecretId', 'AKIDx'],
      ['Signature', 'old'],
    ]);
    const target = { method: 'POST', host: 'cvm.api.qcloud.com', path: '/v2/index.php' };
    for (const order of [0, 1]) {
      const pairs = await resignLegacyParams(params, target, 'k3y', order);
      expect(pairs.map(([name]) => name)).toEqual([
        'Action',
        'instanceIds_0',
        'instanceIdsTag',
        'Nonce',
        'Timestamp',
        'SecretId',
        'Signature',
      ]);
      const signed = collectParams(pairs);
      const key = await webCryptoMacKey('k3y', 'HmacSHA1');
      // `instanceIds_0` sorts after `instanceIdsTag` as sent and before it as `instanceIds.0`: two
      // candidate strings, and the legacy host finds the one the client used.
      expect(legacyStringsToSign(target, signed)).toHaveLength(2);
      expect(
        await matchingCandidate(key, decodeSignature(signed.get('Signature')!)!, legacyStringsToSign(target, signed)),
      ).toBe(order);
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTc3Signer } from '../../../src/upstream/cvm3/tc3-signer.js';
import { TC3_VECTOR } from '../../dev/emulator/fixtures/tc3-vector.js';
import { sdkAuthorization } from '../../dev/emulator/helpers/sdk-signer.js';

describe('the lean client\'s TC3 signer', () => {
  it('gives the published vector', () => {
    const sign = createTc3Signer();
    const v = TC3_VECTOR;
    expect(sign({ secretId: v.secretId, secretKey: v.secretKey, service: v.service, hostname: v.host, contentType: v.contentType, body: v.payload, timestamp: v.timestamp }))
      .toBe(v.authorization);
  });

  it('signs what the official SDK signs, for any body, key, time and host (with the day key cached)', () => {
    const sign = createTc3Signer();
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.constantFrom('AKIDa', 'AKIDb'),
        fc.constantFrom('keyA', 'keyB'),
        fc.integer({ min: 1_500_000_000, max: 1_900_000_000 }),
        fc.constantFrom('cvm.tencentcloudapi.com', '127.0.0.1:9000', 'localhost:8080'),
        (body, secretId, secretKey, timestamp, host) => {
          const service = host.split('.')[0]!;
          const ours = sign({ secretId, secretKey, service, hostname: host.split(':')[0]!, contentType: 'application/json', body, timestamp });
          expect(ours).toBe(sdkAuthorization({ url: `http://${host}/`, body, timestamp, service, secretId, secretKey, contentType: 'application/json' }));
        },
      ),
      { numRuns: 300 },
    );
  });
});

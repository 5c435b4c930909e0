import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTc3Signer, sha256Hex, signatureHex, signingKey } from '../../../src/upstream/cvm3/tc3-signer.js';
import { TC3_VECTOR as V } from '../../fixtures/tc3-vector.js';
import { sdkAuthorization } from '../../helpers/sdk-signer.js';

describe('TC3 hashing and key stages against the published vector', () => {
  it('hashes the payload byte-exactly, and the canonical request', () => {
    expect(sha256Hex(V.payload)).toBe(V.hashedPayload);
    expect(sha256Hex(new TextEncoder().encode(V.payload))).toBe(V.hashedPayload);
    expect(sha256Hex(V.canonicalRequest)).toBe(V.hashedCanonicalRequest);
  });

  it('derives the signing key and the signature', () => {
    expect(signatureHex(signingKey(V.secretKey, V.date, V.service), V.stringToSign)).toBe(V.signature);
  });
});

describe("the lean client's TC3 signer", () => {
  it('gives the published vector', () => {
    const sign = createTc3Signer();
    expect(
      sign({
        secretId: V.secretId,
        secretKey: V.secretKey,
        service: V.service,
        hostname: V.host,
        contentType: V.contentType,
        body: V.payload,
        timestamp: V.timestamp,
      }),
    ).toBe(V.authorization);
  });

  const credentials = {
    secretId: 'AKIDDEMOAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    secretKey: 'demoSecretKeyAAAAAAAAAAAAAAAAAAAA',
  };
  it.each([
    {
      name: 'a local endpoint: service "127", host signed without port',
      url: 'http://127.0.0.1:9000/',
      hostname: '127.0.0.1',
      service: '127',
      body: '{"Limit":100,"Offset":200}',
      timestamp: 1_700_000_000,
      contentType: 'application/json',
    },
    {
      name: 'raw UTF-8 in the body',
      url: 'https://cvm.tencentcloudapi.com/',
      hostname: 'cvm.tencentcloudapi.com',
      service: 'cvm',
      body: '{"Filters":[{"Name":"image-name","Values":["测试镜像"]}]}',
      timestamp: 1_719_792_000,
      contentType: 'application/json',
    },
    {
      name: 'one second before UTC midnight',
      url: 'https://cvm.tencentcloudapi.com/',
      hostname: 'cvm.tencentcloudapi.com',
      service: 'cvm',
      body: '{}',
      timestamp: 1_719_791_999,
      contentType: 'application/json',
    },
    {
      name: 'an empty body',
      url: 'https://cvm.tencentcloudapi.com/',
      hostname: 'cvm.tencentcloudapi.com',
      service: 'cvm',
      body: '',
      timestamp: 1_600_000_000,
      contentType: 'application/json',
    },
  ])('agrees with the official SDK signer (Sign.sign3): $name', (c) => {
    expect(createTc3Signer()({ ...credentials, ...c })).toBe(sdkAuthorization({ ...credentials, ...c }));
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
          const ours = sign({
            secretId,
            secretKey,
            service,
            hostname: host.split(':')[0]!,
            contentType: 'application/json',
            body,
            timestamp,
          });
          expect(ours).toBe(
            sdkAuthorization({
              url: `http://${host}/`,
              body,
              timestamp,
              service,
              secretId,
              secretKey,
              contentType: 'application/json',
            }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

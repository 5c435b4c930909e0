import { describe, expect, it } from 'vitest';
import {
  authorizationHeader,
  canonicalRequest,
  credentialScope,
  parseAuthorization,
  sha256Hex,
  signTc3,
  signatureHex,
  signingKey,
  stringToSign,
  utcDate,
  verifyTc3,
} from '../../../dev/emulator/tc3.js';
import { TC3_VECTOR as V } from './fixtures/tc3-vector.js';
import { sdkAuthorization } from './helpers/sdk-signer.js';

describe('TC3 stages against the published vector (SIG-3)', () => {
  it('hashes the payload byte-exactly', async () => {
    expect(await sha256Hex(V.payload)).toBe(V.hashedPayload);
  });

  it('builds the canonical request', () => {
    const canonical = canonicalRequest({
      method: 'POST',
      path: '/',
      query: '',
      headers: { 'Content-Type': V.contentType, Host: V.host },
      payloadHash: V.hashedPayload,
    });
    expect(canonical).toBe(V.canonicalRequest);
  });

  it('hashes the canonical request into the string to sign', async () => {
    expect(await sha256Hex(V.canonicalRequest)).toBe(V.hashedCanonicalRequest);
    expect(utcDate(V.timestamp)).toBe(V.date);
    expect(await stringToSign(V.timestamp, credentialScope(V.date, V.service), V.canonicalRequest)).toBe(V.stringToSign);
  });

  it('derives the signing key and the signature', async () => {
    const key = await signingKey(V.secretKey, V.date, V.service);
    expect(await signatureHex(key, V.stringToSign)).toBe(V.signature);
    expect(authorizationHeader(V.secretId, credentialScope(V.date, V.service), 'content-type;host', V.signature)).toBe(V.authorization);
  });

  it('signs the whole request in one call', async () => {
    const signed = await signTc3({ ...V, payload: V.payload });
    expect(signed).toEqual({ authorization: V.authorization, signature: V.signature, timestamp: V.timestamp, date: V.date });
  });
});

describe('signTc3 agrees with the official SDK signer (Sign.sign3)', () => {
  const cases = [
    { name: 'the vector', url: 'https://cvm.tencentcloudapi.com/', host: 'cvm.tencentcloudapi.com', service: 'cvm', body: V.payload, timestamp: V.timestamp, contentType: V.contentType },
    { name: 'a local endpoint: service "127", host signed without port', url: 'http://127.0.0.1:9000/', host: '127.0.0.1', service: '127', body: '{"Limit":100,"Offset":200}', timestamp: 1_700_000_000, contentType: 'application/json' },
    { name: 'raw UTF-8 in the body', url: 'https://cvm.tencentcloudapi.com/', host: 'cvm.tencentcloudapi.com', service: 'cvm', body: '{"Filters":[{"Name":"image-name","Values":["测试镜像"]}]}', timestamp: 1_719_792_000, contentType: 'application/json' },
    { name: 'one second before UTC midnight', url: 'https://cvm.tencentcloudapi.com/', host: 'cvm.tencentcloudapi.com', service: 'cvm', body: '{}', timestamp: 1_719_791_999, contentType: 'application/json' },
    { name: 'an empty body', url: 'https://cvm.tencentcloudapi.com/', host: 'cvm.tencentcloudapi.com', service: 'cvm', body: '', timestamp: 1_600_000_000, contentType: 'application/json' },
  ];

  it.each(cases)('$name', async (c) => {
    const credentials = { secretId: 'AKIDDEMOAAAAAAAAAAAAAAAAAAAAAAAAAAAA', secretKey: 'demoSecretKeyAAAAAAAAAAAAAAAAAAAA' };
    const ours = await signTc3({ ...credentials, service: c.service, host: c.host, timestamp: c.timestamp, payload: c.body, contentType: c.contentType });
    expect(ours.authorization).toBe(sdkAuthorization({ ...credentials, ...c }));
  });
});

describe('parseAuthorization', () => {
  it('reads the parts of the header the SDK sends', () => {
    expect(parseAuthorization(V.authorization)).toEqual({
      secretId: V.secretId,
      date: V.date,
      service: 'cvm',
      signedHeaders: ['content-type', 'host'],
      signature: V.signature,
    });
  });

  it.each([
    ['missing', null],
    ['empty', ''],
    ['another algorithm', V.authorization.replace('TC3-HMAC-SHA256', 'HMAC-SHA256')],
    ['no signature', V.authorization.replace(/, Signature=.*/, '')],
    ['a bad date', V.authorization.replace('2019-02-25', '20190225')],
    ['a wrong terminator', V.authorization.replace('tc3_request', 'aws4_request')],
  ])('rejects %s', (_name, header) => {
    expect(parseAuthorization(header)).toBeUndefined();
  });
});

describe('verifyTc3', () => {
  const request = {
    secretKey: V.secretKey,
    timestamp: V.timestamp,
    method: 'POST',
    path: '/',
    query: '',
    headers: { 'content-type': V.contentType, host: V.host },
    payload: V.payload,
  };
  const auth = parseAuthorization(V.authorization)!;

  it('accepts the published signature', async () => {
    expect(await verifyTc3({ ...request, authorization: auth })).toBe(true);
  });

  it.each([
    ['another key', { secretKey: 'Gu5t9xGARNpq86cd98joQYCN3******X' }],
    ['another body', { payload: V.payload.replace('"Limit": 1', '"Limit": 2') }],
    ['another host', { headers: { 'content-type': V.contentType, host: 'cvm.example.com' } }],
    ['another timestamp', { timestamp: V.timestamp + 1 }],
  ])('rejects %s', async (_name, change) => {
    expect(await verifyTc3({ ...request, ...change, authorization: auth })).toBe(false);
  });

  it.each([
    ['one changed digit', `${V.signature.slice(0, -1)}d`],
    ['a short signature', V.signature.slice(0, 62)],
    ['not hex', 'z'.repeat(64)],
  ])('rejects %s', async (_name, signature) => {
    expect(await verifyTc3({ ...request, authorization: { ...auth, signature } })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { parseAuthorization, verifyTc3 } from '../../../dev/emulator/tc3.js';
import { TC3_VECTOR as V } from '../../fixtures/tc3-vector.js';
import { sdkAuthorization } from '../../helpers/sdk-signer.js';

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

describe('verifyTc3 (the published vector)', () => {
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

  it('accepts the published signature, in either hex case, with the body as text or bytes', () => {
    expect(verifyTc3({ ...request, authorization: auth })).toBe(true);
    expect(verifyTc3({ ...request, authorization: { ...auth, signature: auth.signature.toUpperCase() } })).toBe(true);
    expect(verifyTc3({ ...request, payload: new TextEncoder().encode(V.payload), authorization: auth })).toBe(true);
  });

  it('accepts what the official SDK signs for a local endpoint (service "127", host without port)', () => {
    const body = '{"Limit":1}';
    const account = {
      secretId: 'AKIDDEMOAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      secretKey: 'demoSecretKeyAAAAAAAAAAAAAAAAAAAA',
    };
    const header = sdkAuthorization({
      ...account,
      url: 'http://127.0.0.1:9000/',
      body,
      timestamp: 1_700_000_000,
      service: '127',
      contentType: 'application/json',
    });
    const verify = {
      ...request,
      secretKey: account.secretKey,
      timestamp: 1_700_000_000,
      headers: { 'content-type': 'application/json', host: '127.0.0.1' },
      payload: body,
    };
    expect(verifyTc3({ ...verify, authorization: parseAuthorization(header)! })).toBe(true);
  });

  it.each([
    ['another key', { secretKey: 'Gu5t9xGARNpq86cd98joQYCN3******X' }],
    ['another body', { payload: V.payload.replace('"Limit": 1', '"Limit": 2') }],
    ['another host', { headers: { 'content-type': V.contentType, host: 'cvm.example.com' } }],
    ['another timestamp', { timestamp: V.timestamp + 1 }],
  ])('rejects %s', (_name, change) => {
    expect(verifyTc3({ ...request, ...change, authorization: auth })).toBe(false);
  });

  it.each([
    ['one changed digit', `${V.signature.slice(0, -1)}d`],
    ['a short signature', V.signature.slice(0, 62)],
    ['a long signature', `${V.signature}00`],
    ['not hex', 'z'.repeat(64)],
  ])('rejects %s', (_name, signature) => {
    expect(verifyTc3({ ...request, authorization: { ...auth, signature } })).toBe(false);
  });
});

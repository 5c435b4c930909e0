import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../../dev/emulator/accounts.js';
import { createEmulator } from '../../../dev/emulator/app.js';
import { DEMO_CATALOGUE } from '../../../dev/emulator/catalogue.js';
import {
  authorizationHeader,
  canonicalRequest,
  credentialScope,
  stringToSign,
  utcDate,
} from '../../../src/core/cvm3/tc3.js';
import { sha256Hex, signatureHex, signingKey } from '../../../src/upstream/cvm3/tc3-signer.js';
import { HOST, NOW_MS, NOW_SECONDS, call, codeOf, signedRequest } from './helpers/signed-request.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const emulator = (options: Parameters<typeof createEmulator>[0] = {}) =>
  createEmulator({ now: () => NOW_MS, ...options });
const visibleToA = DEMO_CATALOGUE.images.filter(
  (e) => e.owner === null || e.owner === DEMO_ACCOUNT_A.uin || e.sharedWith.includes(DEMO_ACCOUNT_A.uin),
);

describe('a signed DescribeImages call', () => {
  it('answers HTTP 200 {Response:{TotalCount, ImageSet, RequestId}}', async () => {
    const { app } = emulator();
    const answer = await call(app, { body: { Limit: 3 } });
    expect(answer.status).toBe(200);
    expect(answer.response['TotalCount']).toBe(visibleToA.length);
    expect(answer.response['ImageSet']).toHaveLength(3);
    expect(answer.response['RequestId']).toMatch(UUID);
  });

  it('accepts what the SDK sends: Host with a port, signed without it, service named after the first label', async () => {
    const { app } = emulator();
    expect(codeOf(await call(app, { host: '127.0.0.1:9000', service: '127' }))).toBeUndefined();
    expect(codeOf(await call(app, { host: 'cvm.tencentcloudapi.com', service: 'cvm' }))).toBeUndefined();
    expect(codeOf(await call(app, { host: 'localhost:9000', signedHost: 'localhost:9000' }))).toBe(
      'AuthFailure.SignatureFailure',
    );
  });

  it('answers an account only with what that account may see', async () => {
    const { app } = emulator();
    const answer = await call(app, {
      account: DEMO_ACCOUNT_B,
      body: { Filters: [{ Name: 'image-type', Values: ['PRIVATE_IMAGE'] }] },
    });
    const ownedByB = DEMO_CATALOGUE.images.filter((e) => e.owner === DEMO_ACCOUNT_B.uin).length;
    expect(answer.response['TotalCount']).toBe(ownedByB);
    expect(
      answer.response['ImageSet'].every((i: { ImageCreator: string }) => i.ImageCreator === DEMO_ACCOUNT_B.uin),
    ).toBe(true);
  });

  it('passes parameter errors through the 3.0 error envelope', async () => {
    const { app } = emulator();
    const answer = await call(app, { body: { Limit: 101 } });
    expect(answer.status).toBe(200);
    expect(answer.response).toEqual({
      Error: { Code: 'InvalidParameterValue.InvalidParameterValueLimit', Message: expect.stringContaining('Limit') },
      RequestId: expect.stringMatching(UUID),
    });
  });
});

describe('authentication failures', () => {
  const { app } = emulator();

  it.each([
    ['no Authorization header', 'AuthFailure.InvalidAuthorization', { authorization: null }],
    [
      'a garbled Authorization header',
      'AuthFailure.InvalidAuthorization',
      { authorization: 'TC3-HMAC-SHA256 nonsense' },
    ],
    [
      'host not signed',
      'AuthFailure.InvalidAuthorization',
      {
        authorization:
          'TC3-HMAC-SHA256 Credential=AKIDDEMOAAAAAAAAAAAAAAAAAAAAAAAAAAAA/2024-07-01/cvm/tc3_request, SignedHeaders=content-type, Signature=' +
          '0'.repeat(64),
      },
    ],
    ['an unknown SecretId', 'AuthFailure.SecretIdNotFound', { account: { secretId: 'AKIDUNKNOWN', secretKey: 'x' } }],
    ['a timestamp 301 s old', 'AuthFailure.SignatureExpire', { timestamp: NOW_SECONDS - 301 }],
    ['a timestamp 301 s ahead', 'AuthFailure.SignatureExpire', { timestamp: NOW_SECONDS + 301 }],
    [
      'a wrong SecretKey',
      'AuthFailure.SignatureFailure',
      { account: { secretId: DEMO_ACCOUNT_A.secretId, secretKey: DEMO_ACCOUNT_B.secretKey } },
    ],
    [
      'a body changed after signing',
      'AuthFailure.SignatureFailure',
      { body: { Limit: 1 }, tamperBody: (b: string) => b.replace('1', '2') },
    ],
    [
      'X-TC-Timestamp changed after signing',
      'AuthFailure.SignatureFailure',
      { timestampHeader: String(NOW_SECONDS - 1) },
    ],
    ['no X-TC-Timestamp', 'MissingParameter', { timestampHeader: null }],
  ])('%s → %s', async (_name, code, options) => {
    expect(codeOf(await call(app, options))).toBe(code);
  });

  it('accepts a timestamp exactly 300 s away', async () => {
    expect(codeOf(await call(app, { timestamp: NOW_SECONDS - 300 }))).toBeUndefined();
    expect(codeOf(await call(app, { timestamp: NOW_SECONDS + 300 }))).toBeUndefined();
  });

  it('rejects a credential scope whose date is not the UTC date of the timestamp, even when signed consistently', async () => {
    const body = '{}';
    const wrongDate = utcDate(NOW_SECONDS - 86_400);
    const scope = credentialScope(wrongDate, '127');
    const canonical = canonicalRequest({
      method: 'POST',
      path: '/',
      query: '',
      headers: { 'content-type': 'application/json', host: '127.0.0.1' },
      payloadHash: sha256Hex(body),
    });
    const key = signingKey(DEMO_ACCOUNT_A.secretKey, wrongDate, '127');
    const signature = signatureHex(key, stringToSign(NOW_SECONDS, scope, sha256Hex(canonical)));
    const authorization = authorizationHeader(DEMO_ACCOUNT_A.secretId, scope, 'content-type;host', signature);
    const answer = await call(app, { rawBody: body, authorization });
    expect(codeOf(answer)).toBe('AuthFailure.SignatureFailure');
    expect(answer.response['Error'].Message).toContain(wrongDate);
  });

  it('checks X-TC-Token for an account with temporary credentials', async () => {
    const withToken = { ...DEMO_ACCOUNT_A, token: 'demo-session-token' };
    const { app: tokenApp } = emulator({ accounts: [withToken, DEMO_ACCOUNT_B] });
    expect(codeOf(await call(tokenApp, {}))).toBe('AuthFailure.TokenFailure');
    expect(codeOf(await call(tokenApp, { token: 'demo-session-tokeX' }))).toBe('AuthFailure.TokenFailure');
    expect(codeOf(await call(tokenApp, { token: 'demo-session-token' }))).toBeUndefined();
    expect(codeOf(await call(tokenApp, { account: DEMO_ACCOUNT_B }))).toBeUndefined();
  });
});

describe('action, version, region and body', () => {
  const { app } = emulator();

  it.each([
    ['another version', 'NoSuchVersion', { version: '2018-01-01' }],
    ['no version', 'NoSuchVersion', { version: null }],
    ['another action', 'InvalidAction', { action: 'DescribeInstances' }],
    ['no action', 'InvalidAction', { action: null }],
    ['an unknown region', 'InvalidRegion.NotFound', { region: 'gz' }],
    ['a body that is not JSON', 'InvalidParameter', { rawBody: 'Limit=1' }],
    ['a truncated JSON body', 'InvalidParameter', { rawBody: '{"Limit":' }],
  ])('%s → %s', async (_name, code, options) => {
    expect(codeOf(await call(app, options))).toBe(code);
  });

  it.each(['ap-guangzhou', 'na-siliconvalley', 'eu-moscow', 'ap-shenzhen-fsi'])('accepts region %s', async (region) => {
    expect(codeOf(await call(app, { region }))).toBeUndefined();
  });

  it('accepts no region: the DescribeImages page says Region is not required for this API', async () => {
    expect(codeOf(await call(app, { region: null }))).toBeUndefined();
  });
});

describe('rate limit', () => {
  it('allows 40 calls per second per SecretId and action, then answers RequestLimitExceeded', async () => {
    let now = NOW_MS;
    const { app } = createEmulator({ now: () => now });
    const codes = [];
    for (let i = 0; i < 41; i++) codes.push(codeOf(await call(app)));
    expect(codes.slice(0, 40).every((c) => c === undefined)).toBe(true);
    expect(codes[40]).toBe('RequestLimitExceeded');
    expect(codeOf(await call(app, { account: DEMO_ACCOUNT_B }))).toBeUndefined();
    now += 1000;
    expect(codeOf(await call(app))).toBeUndefined();
  });

  it('can be turned off with 0', async () => {
    const { app } = emulator({ rateLimitPerSecond: 0 });
    const codes = await Promise.all(Array.from({ length: 60 }, () => call(app).then(codeOf)));
    expect(codes.filter((c) => c !== undefined)).toEqual([]);
  });
});

describe('request records', () => {
  it('records action, SecretId, region and error code of every call, and can be cleared', async () => {
    const em = emulator();
    await call(em.app, { body: { Limit: 1 } });
    await call(em.app, { account: DEMO_ACCOUNT_B, region: 'ap-tokyo', body: { Limit: 500 } });
    expect(em.requests).toEqual([
      { action: 'DescribeImages', secretId: DEMO_ACCOUNT_A.secretId, region: 'ap-guangzhou' },
      {
        action: 'DescribeImages',
        secretId: DEMO_ACCOUNT_B.secretId,
        region: 'ap-tokyo',
        errorCode: 'InvalidParameterValue.InvalidParameterValueLimit',
      },
    ]);
    em.clearRequests();
    expect(em.requests).toEqual([]);
    await call(em.app, { authorization: null });
    expect(em.requests).toEqual([
      { action: 'DescribeImages', secretId: '', region: 'ap-guangzhou', errorCode: 'AuthFailure.InvalidAuthorization' },
    ]);
  });

  it('keeps only the last 10,000 (trimmed a thousand at a time)', async () => {
    const em = emulator();
    const request = await signedRequest({ authorization: null, region: 'first' });
    await em.app.request(request);
    const next = () =>
      em.app.request(
        new Request(`http://${HOST}/`, { method: 'POST', headers: { 'x-tc-region': 'later' }, body: '{}' }),
      );
    for (let i = 0; i < 11_000; i++) await next();
    expect(em.requests).toHaveLength(10_000);
    expect(em.requests.every((r) => r.region === 'later')).toBe(true);
  }, 60_000); // 11,000 requests: seconds of CPU, more on a busy 2-core machine
});

describe('other routes', () => {
  it.each([
    ['GET', '/'],
    ['POST', '/v2/index.php'],
    ['PUT', '/'],
  ])('%s %s → 404 JSON', async (method, path) => {
    const { app } = emulator();
    const response = await app.request(`http://${HOST}${path}`, { method });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ Error: { Code: 'NotFound' } });
  });
});

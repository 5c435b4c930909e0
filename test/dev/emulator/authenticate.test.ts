/**
 * The emulator's 3.0 authentication, called directly: the account on success, and the order of
 * its checks (header shape, timestamp window, scope date, SecretId, signature, token), so a request
 * with two faults gets the error of the first. One fault at a time is app.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../../dev/emulator/accounts.js';
import { authenticate, hostWithoutPort, type IncomingApiRequest } from '../../../dev/emulator/authenticate.js';
import { NOW_MS, NOW_SECONDS, signedRequest, type CallOptions } from './helpers/signed-request.js';

async function incoming(options: CallOptions = {}): Promise<IncomingApiRequest> {
  const request = await signedRequest(options);
  const url = new URL(request.url);
  return {
    method: request.method,
    path: url.pathname,
    query: url.search.slice(1),
    headers: request.headers,
    host: url.host,
    body: new Uint8Array(await request.arrayBuffer()),
  };
}

const TOKEN_A = { ...DEMO_ACCOUNT_A, token: 'session' };
const accounts = new Map([
  [TOKEN_A.secretId, TOKEN_A],
  [DEMO_ACCOUNT_B.secretId, DEMO_ACCOUNT_B],
]);
const codeOf = (options: CallOptions) =>
  incoming(options)
    .then((request) => authenticate(request, accounts, NOW_MS))
    .then(
      () => 'ok',
      (error: { code: string }) => error.code,
    );

describe('hostWithoutPort (what URL.hostname gives, and the SDK signs)', () => {
  it.each([
    ['127.0.0.1:9000', '127.0.0.1'],
    ['cvm.tencentcloudapi.com', 'cvm.tencentcloudapi.com'],
    ['localhost:80', 'localhost'],
    ['[::1]:9000', '[::1]'],
    ['[::1]', '[::1]'],
  ])('%s → %s', (host, expected) => {
    expect(hostWithoutPort(host)).toBe(expected);
  });
});

describe('authenticate', () => {
  it('returns the calling account', async () => {
    await expect(authenticate(await incoming({ account: DEMO_ACCOUNT_B }), accounts, NOW_MS)).resolves.toBe(
      DEMO_ACCOUNT_B,
    );
    await expect(authenticate(await incoming({ token: 'session' }), accounts, NOW_MS)).resolves.toBe(TOKEN_A);
  });

  it.each<[string, CallOptions, string]>([
    [
      'a garbled header on a stale request',
      { authorization: 'Basic x', timestamp: NOW_SECONDS - 3600 },
      'AuthFailure.InvalidAuthorization',
    ],
    [
      'a stale request from an unknown SecretId',
      { account: { secretId: 'AKIDunknown', secretKey: 'k' }, timestamp: NOW_SECONDS - 3600 },
      'AuthFailure.SignatureExpire',
    ],
    [
      'an unknown SecretId with a wrong key',
      { account: { secretId: 'AKIDunknown', secretKey: 'wrong' } },
      'AuthFailure.SecretIdNotFound',
    ],
    [
      'a wrong key and no token',
      { account: { secretId: TOKEN_A.secretId, secretKey: 'wrong' } },
      'AuthFailure.SignatureFailure',
    ],
    ['a right key and no token', {}, 'AuthFailure.TokenFailure'],
  ])('%s: %s', async (_name, options, code) => {
    expect(await codeOf(options)).toBe(code);
  });
});

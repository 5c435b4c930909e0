/**
 * One 3.0 call through the emulator, called directly: authenticate, then version, action, region,
 * CAM, rate limit, body, each failing with the real API's code, in that order.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../../dev/emulator/accounts.js';
import type { IncomingApiRequest } from '../../../dev/emulator/authenticate.js';
import { DEMO_CATALOGUE } from '../../../dev/emulator/catalogue.js';
import { handleApiRequest, type HandlerDeps } from '../../../dev/emulator/handle-request.js';
import { createRateLimiter } from '../../../dev/emulator/rate-limiter.js';
import { NOW_MS, signedRequest, type CallOptions } from './helpers/signed-request.js';

const DENIED = { ...DEMO_ACCOUNT_B, denied: true };

function deps(perSecond = 40): HandlerDeps {
  return {
    accounts: new Map([
      [DEMO_ACCOUNT_A.secretId, DEMO_ACCOUNT_A],
      [DENIED.secretId, DENIED],
    ]),
    catalogue: DEMO_CATALOGUE,
    limiter: createRateLimiter(perSecond),
    now: () => NOW_MS,
  };
}

async function handle(options: CallOptions, handlerDeps = deps()) {
  const request = await signedRequest(options);
  const url = new URL(request.url);
  const incoming: IncomingApiRequest = {
    method: 'POST',
    path: url.pathname,
    query: '',
    headers: request.headers,
    host: url.host,
    body: new Uint8Array(await request.arrayBuffer()),
  };
  return handleApiRequest(handlerDeps, incoming).then(
    (answer) => answer,
    (error: { code: string }) => error.code,
  );
}

describe('handleApiRequest', () => {
  it('answers a good call from the catalogue', async () => {
    expect(await handle({ body: { Limit: 2 } })).toMatchObject({
      TotalCount: expect.any(Number),
      ImageSet: { length: 2 },
    });
  });

  it.each<[string, CallOptions, string]>([
    [
      'a bad signature and another version',
      { account: { secretId: DEMO_ACCOUNT_A.secretId, secretKey: 'x' }, version: '2018-01-01' },
      'AuthFailure.SignatureFailure',
    ],
    ['another version and another action', { version: '2018-01-01', action: 'RunInstances' }, 'NoSuchVersion'],
    ['another action and an unknown region', { action: 'RunInstances', region: 'moon' }, 'InvalidAction'],
    ['an unknown region from a denied account', { account: DENIED, region: 'moon' }, 'InvalidRegion.NotFound'],
    ['a denied account with a bad body', { account: DENIED, rawBody: 'x' }, 'AuthFailure.UnauthorizedOperation'],
    ['a body that is not JSON', { rawBody: 'Limit=1' }, 'InvalidParameter'],
  ])('%s: %s', async (_name, options, code) => {
    expect(await handle(options)).toBe(code);
  });

  it('counts a call against the limit before reading its body; a refused (denied) call is not counted', async () => {
    const shared = deps(1);
    expect(await handle({ account: DENIED }, shared)).toBe('AuthFailure.UnauthorizedOperation');
    expect(await handle({ rawBody: 'x' }, shared)).toBe('InvalidParameter');
    expect(await handle({}, shared)).toBe('RequestLimitExceeded');
  });
});

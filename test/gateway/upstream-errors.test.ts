/**
 * Part B.10 end to end through the official SDK: each 3.0 error or failure, as API 3.0 (or the
 * network) would deliver it, becomes the legacy code a legacy client reads.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNTS, type EmulatorAccount } from '../../dev/emulator/accounts.js';
import { DEMO_CATALOGUE } from '../../dev/emulator/catalogue.js';
import { startHarness } from '../helpers/harness.js';
import { cvm3Error, startScriptedUpstream, type ScriptedReply } from '../helpers/scripted-upstream.js';

async function answerThrough(reply: ScriptedReply) {
  const upstream = await startScriptedUpstream(reply);
  const h = await startHarness({ env: { CVM_ENDPOINT: upstream.url } });
  try {
    const answer = await h.legacy({ params: { imageType: 2 } });
    return { answer, log: h.log.records().find((r) => r.msg === 'legacy request')! };
  } finally {
    await h.close();
    await upstream.close();
  }
}

describe('3.0 errors as API 3.0 sends them', () => {
  it.each([
    ['ResourceNotFound', 5000],
    ['ResourceNotFound.NoImage', 5000],
    ['FailedOperation.InquiryPriceFailed', 5100],
    ['InternalError', 6000],
    ['InvalidAction', 6100],
    ['ActionOffline', 6100],
    ['ServiceUnavailable', 6200],
    ['ResourceUnavailable', 6200],
    ['UnauthorizedOperation.PermissionDenied', 4101],
    ['LimitExceeded', 4400],
    ['InvalidFilter', 4000],
  ])('%s → %i, keeping the 3.0 code and RequestId', async (code, legacy) => {
    const { answer, log } = await answerThrough(cvm3Error(code, 'what 3.0 said', 'req-42'));
    expect(answer).toEqual({ code: legacy, message: `(${code}) what 3.0 said [RequestId req-42]`, codeDesc: code });
    expect(log).toMatchObject({ code: legacy, upstreamRequestIds: ['req-42'], upstreamCalls: 1 });
  });
});

describe('failures that are not 3.0 answers: 6200 with a fixed reason, details only in the log', () => {
  it.each<[string, ScriptedReply, string]>([
    [
      'an HTML error page',
      { contentType: 'text/html', body: '<html>bad gateway at 10.0.0.7</html>' },
      'its answer is not API 3.0 JSON',
    ],
    ['truncated JSON', { body: '{"Response":{"TotalCount":1,"ImageSet":[{"Ima' }, 'its answer is not API 3.0 JSON'],
    ['JSON of another shape', { body: '{}' }, 'its answer is not API 3.0 JSON'],
    [
      'a DescribeImages answer without ImageSet',
      { body: '{"Response":{"TotalCount":1,"RequestId":"r"}}' },
      'its answer is not a DescribeImages response',
    ],
    ['HTTP 500', { status: 500, body: 'oops' }, 'it answered HTTP 500'],
  ])('%s', async (_name, reply, reason) => {
    const { answer, log } = await answerThrough(reply);
    expect(answer).toEqual({
      code: 6200,
      message: `API 3.0 is unavailable: ${reason}`,
      codeDesc: 'ServiceUnavailable',
    });
    expect(JSON.stringify(answer)).not.toMatch(/127\.0\.0\.1|10\.0\.0\.7/);
    expect(log.cause).toEqual(expect.any(String));
  });
});

describe('errors the emulator gives for real', () => {
  const withToken: EmulatorAccount = {
    secretId: 'AKIDDEMOTOKENTOKENTOKENTOKENTOKEN0001',
    secretKey: 'demoSecretKeyTTTTTTTTTTTTTTTTTTTT',
    uin: '100000000003',
    token: 'session-token-1',
  };
  const denied: EmulatorAccount = {
    secretId: 'AKIDDEMODENIEDDENIEDDENIEDDENIED0001',
    secretKey: 'demoSecretKeyDDDDDDDDDDDDDDDDDDDD',
    uin: '100000000004',
    denied: true,
  };
  const emulator = { accounts: [...DEMO_ACCOUNTS, withToken, denied], catalogue: DEMO_CATALOGUE };

  it('4105 for a wrong Token, and the right Token reaches 3.0 as X-TC-Token', async () => {
    const h = await startHarness({ emulator });
    try {
      expect(await h.legacy({ params: { imageType: 2, Token: 'session-token-0' }, account: withToken })).toMatchObject({
        code: 4105,
        codeDesc: 'AuthFailure.TokenFailure',
      });
      expect(await h.legacy({ params: { imageType: 2 }, account: withToken })).toMatchObject({ code: 4105 });
      expect(await h.legacy({ params: { imageType: 2, Token: 'session-token-1' }, account: withToken })).toMatchObject({
        code: 0,
        totalCount: 38,
      });
      expect(h.log.lines.join('\n')).not.toContain('session-token');
    } finally {
      await h.close();
    }
  });

  it('4101 when the account may not call DescribeImages', async () => {
    const h = await startHarness({ emulator });
    try {
      expect(await h.legacy({ params: { imageType: 2 }, account: denied })).toMatchObject({
        code: 4101,
        codeDesc: 'AuthFailure.UnauthorizedOperation',
      });
    } finally {
      await h.close();
    }
  });

  it("4200 when 3.0 finds the proxy's clock too far off", async () => {
    const h = await startHarness({ emulator: { now: () => Date.now() + 10 * 60 * 1000 } });
    try {
      expect(await h.legacy({ params: { imageType: 2 }, account: DEMO_ACCOUNT_A })).toMatchObject({
        code: 4200,
        codeDesc: 'AuthFailure.SignatureExpire',
      });
    } finally {
      await h.close();
    }
  });
});

/**
 * One call to the stand-in's legacy path, without HTTP: the core's checks first (4000, 4104, 4100,
 * 4200), then the Action, the account's token and CAM, then the answer; nothing else escapes.
 */
import { describe, expect, it, vi } from 'vitest';
import { DEMO_ACCOUNT_A, type EmulatorAccount } from '../../../dev/emulator/accounts.js';
import { DEMO_CATALOGUE } from '../../../dev/emulator/catalogue.js';
import { signLegacyRequest } from '../../../dev/legacy-client/sign-request.js';
import { answerLegacyCall, type StandinDeps } from '../../../dev/legacy-standin/answer.js';
import { createCallerKeyring } from '../../../src/core/legacy/keyring.js';

const NOW = 1_719_792_000;
const TARGET = { method: 'GET', host: 'standin:9100', path: '/v2/index.php' };
const TOKEN: EmulatorAccount = { secretId: 'AKIDtoken', secretKey: 'tokenKey', uin: DEMO_ACCOUNT_A.uin, token: 'tok' };
const DENIED: EmulatorAccount = {
  secretId: 'AKIDdenied',
  secretKey: 'deniedKey',
  uin: DEMO_ACCOUNT_A.uin,
  denied: true,
};
const accounts = [DEMO_ACCOUNT_A, TOKEN, DENIED];
const deps: StandinDeps = {
  accounts: new Map(accounts.map((a) => [a.secretId, a])),
  keyring: createCallerKeyring(accounts),
  catalogue: DEMO_CATALOGUE,
  now: () => NOW * 1000,
  timestampWindowSeconds: 300,
  instancesPerAccount: 2,
};

async function answer(
  params: Record<string, string | number>,
  account: EmulatorAccount = DEMO_ACCOUNT_A,
  tamper?: (p: Record<string, string>) => void,
) {
  const signed = await signLegacyRequest({
    ...TARGET,
    ...account,
    timestamp: NOW,
    params: { Action: 'DescribeImages', Region: 'gz', ...params },
  });
  tamper?.(signed);
  return answerLegacyCall(deps, TARGET, Object.entries(signed), 'none');
}

describe('answerLegacyCall', () => {
  it('answers DescribeImages and DescribeInstances in the legacy envelope, saying the signature verified', async () => {
    expect(await answer({ imageType: 2, limit: 1 })).toEqual({
      signatureVerified: true,
      envelope: {
        code: 0,
        message: '',
        codeDesc: 'Success',
        totalCount: 38,
        imageSet: [expect.objectContaining({ imageType: 2 })],
      },
    });
    expect((await answer({ Action: 'DescribeInstances' })).envelope).toMatchObject({ code: 0, totalCount: 2 });
  });

  it.each<
    [
      string,
      Record<string, string | number>,
      EmulatorAccount,
      ((p: Record<string, string>) => void) | undefined,
      number,
      boolean,
    ]
  >([
    ['a missing Nonce', { imageType: 2 }, DEMO_ACCOUNT_A, (p) => void delete p['Nonce'], 4000, false],
    ['a tampered value', { imageType: 2 }, DEMO_ACCOUNT_A, (p) => void (p['imageType'] = '1'), 4100, false],
    ['a Version parameter', { imageType: 2, Version: '2017-03-12' }, DEMO_ACCOUNT_A, undefined, 6100, true],
    ['an Action this host does not serve', { Action: 'RunInstances' }, DEMO_ACCOUNT_A, undefined, 6100, true],
    ['a token account without its Token', { imageType: 2 }, TOKEN, undefined, 4105, true],
    ['a denied account', { imageType: 2 }, DENIED, undefined, 4101, true],
    ['a bad parameter', { imageType: 9 }, DEMO_ACCOUNT_A, undefined, 4000, true],
  ])('%s: %i', async (_name, params, account, tamper, code, verified) => {
    const { envelope, signatureVerified } = await answer(params, account, tamper);
    expect(envelope).toMatchObject({ code });
    expect(Object.keys(envelope)).toEqual(['code', 'message', 'codeDesc']);
    expect(signatureVerified).toBe(verified);
  });

  it('turns anything unexpected into a 6000 without details', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const broken = { ...deps, catalogue: { images: null } } as unknown as StandinDeps;
      const signed = await signLegacyRequest({
        ...TARGET,
        ...DEMO_ACCOUNT_A,
        timestamp: NOW,
        params: { Action: 'DescribeImages', Region: 'gz', imageType: 2 },
      });
      expect((await answerLegacyCall(broken, TARGET, Object.entries(signed), 'none')).envelope).toEqual({
        code: 6000,
        message: 'internal error in the legacy stand-in',
        codeDesc: 'InternalError',
      });
      expect(spy).toHaveBeenCalledOnce();
    } finally {
      spy.mockRestore();
    }
  });
});

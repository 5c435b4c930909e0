/** The demo accounts, and the distinct accounts behind a list of key pairs. */
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B, DEMO_ACCOUNTS, accountUins } from '../../../dev/emulator/accounts.js';

describe('accounts', () => {
  it('are two frozen demo accounts with different SecretIds and uins', () => {
    expect(DEMO_ACCOUNTS).toEqual([DEMO_ACCOUNT_A, DEMO_ACCOUNT_B]);
    expect(Object.isFrozen(DEMO_ACCOUNTS) && Object.isFrozen(DEMO_ACCOUNT_A)).toBe(true);
    expect(DEMO_ACCOUNT_A.secretId).not.toBe(DEMO_ACCOUNT_B.secretId);
    expect(DEMO_ACCOUNT_A.uin).not.toBe(DEMO_ACCOUNT_B.uin);
  });

  it('accountUins: each uin once, in first-seen order (two key pairs may share an account)', () => {
    const second = { ...DEMO_ACCOUNT_A, secretId: 'AKIDsecondKeyOfA' };
    expect(accountUins([DEMO_ACCOUNT_B, DEMO_ACCOUNT_A, second])).toEqual([DEMO_ACCOUNT_B.uin, DEMO_ACCOUNT_A.uin]);
    expect(accountUins([])).toEqual([]);
  });
});

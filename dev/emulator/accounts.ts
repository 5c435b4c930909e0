/**
 * Accounts the emulator accepts. The two demo accounts are public by design: the proxy's demo and
 * the tests sign with the same key pairs, so nothing here is a secret.
 */
export interface EmulatorAccount {
  readonly secretId: string;
  readonly secretKey: string;
  /** The account id (`ImageCreator` of its images). */
  readonly uin: string;
  /** When set, requests must carry it in `X-TC-Token` (temporary credentials). */
  readonly token?: string;
  /** When true, the account's CAM policy does not allow DescribeImages (AuthFailure.UnauthorizedOperation). */
  readonly denied?: boolean;
}

export const DEMO_ACCOUNT_A: EmulatorAccount = Object.freeze({
  secretId: 'AKIDDEMOAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  secretKey: 'demoSecretKeyAAAAAAAAAAAAAAAAAAAA',
  uin: '100000000001',
});

export const DEMO_ACCOUNT_B: EmulatorAccount = Object.freeze({
  secretId: 'AKIDDEMOBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
  secretKey: 'demoSecretKeyBBBBBBBBBBBBBBBBBBBB',
  uin: '100000000002',
});

export const DEMO_ACCOUNTS: readonly EmulatorAccount[] = Object.freeze([DEMO_ACCOUNT_A, DEMO_ACCOUNT_B]);

/** The distinct uins of a list of accounts, in first-seen order (two key pairs may share one account). */
export function accountUins(accounts: readonly EmulatorAccount[]): string[] {
  return [...new Set(accounts.map((a) => a.uin))];
}

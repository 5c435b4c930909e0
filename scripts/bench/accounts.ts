/** The benchmark's own account: 500 private images (issue 5's status-filtered case). */
import type { EmulatorAccount } from '../../dev/emulator/accounts.js';

export const BENCH_ACCOUNT: EmulatorAccount = {
  secretId: 'AKIDBENCHBENCHBENCHBENCHBENCHBENCH01',
  secretKey: 'benchSecretKey000000000000000000',
  uin: '100000000500',
};

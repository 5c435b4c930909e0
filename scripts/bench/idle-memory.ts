/**
 * A proxy's resident memory at idle, just after it started: `npx tsx scripts/bench/idle-memory.ts`
 * starts build/node/main.js (npm run build first) with the start command's flags, once per
 * UPSTREAM_CLIENT, and prints VmRSS after a few seconds, with nothing served.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DEMO_ACCOUNT_A } from '../../dev/emulator/accounts.js';
import { startFlags } from './servers.js';

const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

for (const client of ['sdk', 'undici']) {
  const child = spawn(process.execPath, [...startFlags(), 'build/node/main.js'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CVM_ENDPOINT: 'http://127.0.0.1:9',
      UPSTREAM_CLIENT: client,
      PROXY_CREDENTIALS: JSON.stringify([{ secretId: DEMO_ACCOUNT_A.secretId, secretKey: DEMO_ACCOUNT_A.secretKey }]),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  console.log(`UPSTREAM_CLIENT=${client}: ${rssMb(child.pid!).toFixed(1)} MB resident at idle`);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

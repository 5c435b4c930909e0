/**
 * `npm run dev:worker`: the Worker in `wrangler dev` on localhost, as it runs at the edge (workerd,
 * the REPLAY Durable Object), pointed at the built-in emulator (started here) or at CVM_ENDPOINT
 * when set. PROXY_CREDENTIALS defaults to the demo accounts. Offline: no Cloudflare account used.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../dev/emulator/accounts.js';
import { startEmulatorServer } from '../dev/emulator/server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const port = process.env.PORT ?? '8787';
const emulator = process.env.CVM_ENDPOINT
  ? undefined
  : await startEmulatorServer({ port: Number(process.env.EMULATOR_PORT ?? 0) });
const endpoint = process.env.CVM_ENDPOINT ?? emulator!.url;
const credentials =
  process.env.PROXY_CREDENTIALS ??
  JSON.stringify([DEMO_ACCOUNT_A, DEMO_ACCOUNT_B].map(({ secretId, secretKey }) => ({ secretId, secretKey })));

// Secrets reach `wrangler dev` through an env file of our own (mode 0600), never the command line.
const state = await mkdtemp(join(tmpdir(), 'legacy-proxy-dev-'));
const envFile = join(state, 'worker.env');
const lines = [
  `CVM_ENDPOINT=${endpoint}`,
  `PROXY_CREDENTIALS='${credentials}'`,
  `LOG_LEVEL=${process.env.LOG_LEVEL ?? 'info'}`,
];
await writeFile(envFile, `${lines.join('\n')}\n`, { mode: 0o600 });

// wrangler itself, not an npx wrapper, in its own process group: killing the group ends workerd too.
const wrangler = spawn(
  join(ROOT, 'node_modules/.bin/wrangler'),
  [
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    port,
    '--env-file',
    envFile,
    '--persist-to',
    join(state, 'persist'),
    '--show-interactive-dev-session=false',
  ],
  {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  },
);
wrangler.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (chunk.toString().includes('Ready on')) {
    console.log(
      `legacy proxy (Worker) on http://127.0.0.1:${port}/v2/index.php, API 3.0 at ${endpoint} (wrangler process group ${wrangler.pid})`,
    );
  }
});

const exited = new Promise<void>((resolve) => wrangler.once('exit', () => resolve()));

function signalGroup(signal: NodeJS.Signals): void {
  try {
    process.kill(-wrangler.pid!, signal);
  } catch {
    // already gone
  }
}

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  signalGroup('SIGTERM');
  // wrangler stops workerd on SIGTERM; whatever of the group outlives 5 s is killed.
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  signalGroup('SIGKILL');
  await emulator?.close();
  await rm(state, { recursive: true, force: true });
  process.exit(code);
}
wrangler.once('exit', (code) => void stop(code ?? 1));
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

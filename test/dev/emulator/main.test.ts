/** `npm run emulator` as a user runs it: a child process, stopped with SIGTERM. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Starting tsx takes seconds on a busy 2-core machine: more than the default 20 s test timeout allows. */
const PROCESS_TEST_MS = 60_000;

function run(env: Record<string, string>, onOutput?: (text: string, stop: () => void) => void) {
  // Node with tsx's loader, not the tsx command: that one relays SIGTERM to its child and, if the
  // child does not report it within 30 ms (a busy machine), kills it and exits 143.
  const child = spawn(process.execPath, ['--import', 'tsx', 'dev/emulator/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    onOutput?.(stdout, () => child.kill('SIGTERM'));
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Never leave a server behind if the test fails before it stops the child.
  const guard = setTimeout(() => child.kill('SIGKILL'), PROCESS_TEST_MS - 5_000);
  // 'close', not 'exit': the last output (an error on stderr) can still be unread at 'exit'.
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    }),
  );
}

describe('npm run emulator', () => {
  it(
    'prints where it listens and the demo SecretIds, serves, and exits cleanly on SIGTERM',
    async () => {
      let answered: number | undefined;
      const result = await run({ EMULATOR_PORT: '0' }, (text, stop) => {
        const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
        if (url === undefined || answered !== undefined || !text.includes('SDK:')) return;
        answered = 0;
        void fetch(`${url}/`).then((r) => {
          answered = r.status;
          stop();
        });
      });
      expect(result.code).toBe(0);
      expect(answered).toBe(404);
      expect(result.stdout).toContain('AKIDDEMOAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      expect(result.stdout).toContain('AKIDDEMOBBBBBBBBBBBBBBBBBBBBBBBBBBBB');
    },
    PROCESS_TEST_MS,
  );

  it(
    'refuses to start with a bad EMULATOR_ACCOUNTS, saying which variable is wrong',
    async () => {
      const result = await run({ EMULATOR_PORT: '0', EMULATOR_ACCOUNTS: '[{"secretId":"x"}]' });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('EMULATOR_ACCOUNTS[0]');
    },
    PROCESS_TEST_MS,
  );
});

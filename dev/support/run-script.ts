/** Runs one of the product's entry points as a child process, the way a person would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/**
 * After the process exits, how long its output may still take to close. Normally it closes with
 * the process; only a grandchild that inherited the pipes keeps it open past this.
 */
const OUTPUT_GRACE_MS = 5_000;

export function spawnEntry(entry: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawnCommand(process.execPath, ['--import', 'tsx', entry, ...args], env);
}

/** Any command from the project's root, with only PATH and `env` in its environment. */
export function spawnCommand(command: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Everything the process printed, once it exits and its output is read to the end, with its exit code. */
export function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  // 'exit' can come before the last output is read: 'close' comes after it.
  return new Promise((resolve) => {
    let grace: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      clearTimeout(grace);
      resolve({ code: child.exitCode, stdout, stderr });
    };
    child.once('close', done);
    child.once('exit', () => (grace = setTimeout(done, OUTPUT_GRACE_MS)));
  });
}

/**
 * Resolves with the first whole stdout line that matches (a line still being printed could match
 * a prefix of itself), or rejects when the output ends first.
 */
export function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk) => {
      buffered += chunk;
      const line = buffered
        .split('\n')
        .slice(0, -1)
        .find((l) => pattern.test(l));
      if (line !== undefined) resolve(line);
    });
    child.once('close', (code) => {
      const last = buffered.split('\n').at(-1) ?? '';
      if (pattern.test(last)) resolve(last);
      else reject(new Error(`exited with ${code} before printing ${pattern}: ${buffered}`));
    });
  });
}

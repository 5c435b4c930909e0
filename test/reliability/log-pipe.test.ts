/**
 * A log pipe nobody reads (a log shipper that stopped, `| pino-pretty` ended, journald
 * restarting) never blocks serving or shutdown: the proxy's stdout is a FIFO whose reader either
 * goes away or stops reading, and the proxy still answers and still exits 0 on SIGTERM.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Generous: the exit takes well under a second; before the fix it never came. */
const EXIT_WITHIN_MS = 10_000;

interface PipedProxy {
  readonly child: ChildProcess;
  readonly url: string;
  /** The log reader (this test) goes away: the FIFO's read end is closed. */
  closeReader(): void;
  readonly exit: Promise<number | null>;
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

/** The proxy as a process whose stdout is a FIFO this test reads, until it has said where it listens. */
async function startWithFifoStdout(): Promise<PipedProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'proxy-log-'));
  const fifo = join(dir, 'stdout');
  execFileSync('mkfifo', [fifo]);
  const readFd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const writeFd = openSync(fifo, constants.O_WRONLY);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/node/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      CVM_ENDPOINT: 'http://127.0.0.1:9',
      PROXY_CREDENTIALS: '[{"secretId":"AKIDlogpipe","secretKey":"k"}]',
    },
    stdio: ['ignore', writeFd, 'inherit'],
  });
  closeSync(writeFd);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let readOpen = true;
  const closeReader = () => {
    if (readOpen) closeSync(readFd);
    readOpen = false;
  };
  cleanups.push(() => {
    child.kill('SIGKILL');
    closeReader();
    rmSync(dir, { recursive: true, force: true });
  });
  let text = '';
  const buffer = Buffer.alloc(65_536);
  for (let waited = 0; !/proxy listening/.test(text); waited += 50) {
    if (waited > 15_000) throw new Error(`the proxy did not say it listens: ${text}`);
    try {
      text += buffer.toString('utf8', 0, readSync(readFd, buffer));
    } catch (error) {
      if ((error as { code?: string }).code !== 'EAGAIN') throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const url = (JSON.parse(text.split('\n').find((line) => /proxy listening/.test(line))!) as { url: string }).url;
  return { child, url, exit, closeReader };
}

/** Resolves with the exit code, or 'still running' once the bound has passed. */
function exitWithin(proxy: PipedProxy, ms: number): Promise<number | null | 'still running'> {
  return Promise.race([
    proxy.exit,
    new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), ms).unref()),
  ]);
}

async function unsignedRequest(url: string): Promise<number> {
  return ((await (await fetch(`${url}/v2/index.php?Action=DescribeImages`)).json()) as { code: number }).code;
}

describe('stdout is a pipe', () => {
  it('whose reader has exited: SIGTERM still ends the process, 0', async () => {
    const proxy = await startWithFifoStdout();
    proxy.closeReader();
    proxy.child.kill('SIGTERM');
    expect(await exitWithin(proxy, EXIT_WITHIN_MS)).toBe(0);
  });

  it('whose reader has exited: requests are still answered, then SIGTERM ends it, 0', async () => {
    const proxy = await startWithFifoStdout();
    proxy.closeReader();
    for (let i = 0; i < 20; i++) expect(await unsignedRequest(proxy.url)).toBe(4000);
    proxy.child.kill('SIGTERM');
    expect(await exitWithin(proxy, EXIT_WITHIN_MS)).toBe(0);
  });

  it('whose reader has stopped reading: requests are still answered once the pipe is full, then SIGTERM ends it, 0', async () => {
    const proxy = await startWithFifoStdout();
    // The reader stays, and never reads again.
    // A log line per request, a few hundred bytes each: 400 of them overfill the 64 KiB pipe.
    const codes: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = 0; i < 50; i++) codes.push(await unsignedRequest(proxy.url));
      }),
    );
    expect(codes.filter((code) => code === 4000)).toHaveLength(400);
    proxy.child.kill('SIGTERM');
    expect(await exitWithin(proxy, EXIT_WITHIN_MS)).toBe(0);
  });
});

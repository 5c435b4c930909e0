/**
 * The bench's processes: each started on a free port, pinned to a core where taskset exists, and
 * ready once it answers /healthz. Servers under test get the Node flags of `npm start` (read from
 * package.json), so the bench measures what the start command runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';

export interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  readonly pid: number;
  /** Where a proxy serves /metrics: its admin listener, on a free port of its own. */
  readonly adminUrl?: string;
}

export const HAS_TASKSET = existsSync('/usr/bin/taskset');
export const pinTo = (core: number): string[] => (HAS_TASKSET ? ['taskset', '-c', String(core)] : []);

/** The V8/Node flags `npm start` passes before its script (`node --max-old-space-size=… build/…`). */
export function startFlags(): string[] {
  const start =
    (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
  const words = start.split(/\s+/);
  const at = words.indexOf('node');
  if (at === -1) return [];
  const flags: string[] = [];
  for (const word of words.slice(at + 1)) {
    if (!word.startsWith('--')) break;
    flags.push(word);
  }
  return flags;
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A server on a free port (PORT), its stdout sent to /dev/null as a log pipe nobody reads would
 * be by a collector that keeps up; ready once /healthz answers.
 */
export async function startServer(
  command: string[],
  env: Record<string, string>,
  { admin = false }: { admin?: boolean } = {},
): Promise<Started> {
  const port = await freePort();
  // Two proxies run side by side: each gets its own admin port rather than the default 9090.
  const adminPort = admin ? await freePort() : undefined;
  const [file, ...args] = command;
  const child = spawn(file!, args, {
    env: { ...process.env, ...env, PORT: String(port), ...(adminPort ? { ADMIN_PORT: String(adminPort) } : {}) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(url, child);
  return { child, url, pid: child.pid!, ...(adminPort ? { adminUrl: `http://127.0.0.1:${adminPort}` } : {}) };
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${child.spawnargs.join(' ')} exited with ${child.exitCode}`);
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up`);
}

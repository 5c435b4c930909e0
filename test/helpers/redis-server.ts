/**
 * A real `redis-server` of the test's own on a free loopback port, with nothing persisted (in a
 * temporary folder), that a test can stop, restart on the same port, freeze (SIGSTOP: a Redis that
 * accepts connections but never answers) and thaw. CI installs Debian's redis-server (.ci/run).
 *
 * redis-server cannot listen on port 0, so a free port is picked first and bound after: another
 * process (another test's Redis) may take it in between. The server that answers is therefore
 * checked to be ours (its process id), and the start is tried again on another port if not.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_SERVER = 'redis-server';

export function redisServerInstalled(): boolean {
  return !spawnSync(REDIS_SERVER, ['--version'], { stdio: 'ignore' }).error;
}

export interface TestRedisServer {
  readonly url: string;
  readonly port: number;
  /** Kills the server, as a crash would; its data is gone (nothing is saved). */
  stop(): Promise<void>;
  /** Starts it again on the same port and waits until it answers PING. */
  start(): Promise<void>;
  freeze(): void;
  thaw(): void;
  /** Kills it for good and removes its folder. */
  dispose(): Promise<void>;
}

export async function startRedisServer(): Promise<TestRedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'qlp-redis-'));
  let child: ChildProcess | undefined;
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  let port = 0;
  const start = async () => {
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--loglevel',
      'warning',
    ];
    const own = spawn(REDIS_SERVER, args, { cwd: dir, stdio: 'ignore' });
    child = own;
    await untilOwnServerAnswers(port, own);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((done) => running.once('exit', () => done()));
    running.kill('SIGKILL');
    await exited;
  };

  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await start();
      break;
    } catch (error) {
      await stop();
      if (error instanceof PortTaken && attempt < 5) continue;
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    freeze: () => void child?.kill('SIGSTOP'),
    thaw: () => void child?.kill('SIGCONT'),
    async dispose() {
      await stop();
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Someone else's server holds the port (ours could not bind it). */
class PortTaken extends Error {}

/** Waits (up to 10 s) until `own`, and no other server, answers on `port`. */
async function untilOwnServerAnswers(port: number, own: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const pid = await processIdOnPort(port);
    if (pid === own.pid) return;
    if (pid !== undefined || own.exitCode !== null || own.signalCode !== null) {
      throw new PortTaken(
        `127.0.0.1:${port} is held by another process (redis-server ${own.pid} exited: ${own.exitCode ?? own.signalCode ?? 'no'})`,
      );
    }
    await new Promise((wait) => setTimeout(wait, 50));
  }
  throw new Error(`redis-server did not answer on 127.0.0.1:${port} within 10 s`);
}

/** The process id the Redis on `port` reports (INFO server), or undefined if nothing answers it. */
function processIdOnPort(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const done = (pid: number | undefined) => {
      socket.destroy();
      resolve(pid);
    };
    socket.setTimeout(500, () => done(undefined));
    socket.once('error', () => done(undefined));
    socket.once('connect', () => socket.write('INFO server\r\n'));
    socket.on('data', (data) => {
      reply += data.toString();
      const pid = /\bprocess_id:(\d+)\r\n/.exec(reply)?.[1];
      if (pid !== undefined) done(Number(pid));
      else if (!reply.startsWith('$')) done(-1); // an answer, but not Redis's INFO: not ours either
    });
  });
}

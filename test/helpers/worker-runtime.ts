/**
 * The Worker as it ships: the real wrangler build (`npm run build:worker`, made once per test run
 * by test/global-setup.ts) run in Miniflare, i.e. workerd, the Workers runtime. Its console (the
 * request log) is kept.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { Miniflare, type WorkerOptions } from 'miniflare';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WORKER_SCRIPT = `${ROOT}dist/worker.js`;
export const COMPATIBILITY_DATE = '2026-04-20';

/** Builds dist/worker.js with wrangler, offline; resolves with wrangler's size line. */
export function buildWorker(): Promise<string> {
  return promisify(execFile)(`${ROOT}node_modules/.bin/wrangler`, ['deploy', '--dry-run', '--outdir', 'dist'], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  }).then(({ stdout }) => {
    const size = stdout.split('\n').find((line) => line.includes('Total Upload')) ?? '';
    console.log(`worker bundle (dist/worker.js): ${size}`);
    return size;
  });
}

export interface WorkerRuntime {
  readonly mf: Miniflare;
  /** A request into the first copy, as the platform would deliver it. */
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** A request into one named copy (`proxy-0`, `proxy-1`, …): another isolate. */
  fetchVia(copy: string, url: string): Promise<Response>;
  /** The worker's console output, line by line. */
  readonly logs: string[];
  dispose(): Promise<void>;
}

/**
 * One or more copies of the Worker (separate isolates) in one Miniflare. With `replay`, all of
 * them bind REPLAY to the first copy's ReplayGuard class, as one deployment's isolates do.
 */
export async function startWorker(options: { bindings: Record<string, string>; replay?: boolean; copies?: number }): Promise<WorkerRuntime> {
  const logs: string[] = [];
  const names = Array.from({ length: options.copies ?? 1 }, (_, i) => `proxy-${i}`);
  const workers: WorkerOptions[] = names.map((name, i) => ({
    name,
    scriptPath: WORKER_SCRIPT,
    modules: true,
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: ['nodejs_compat'],
    bindings: options.bindings,
    ...(options.replay === false ? {} : { durableObjects: { REPLAY: i === 0 ? 'ReplayGuard' : { className: 'ReplayGuard', scriptName: names[0]! } } }),
  }));
  const mf = new Miniflare({
    workers,
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      for (const stream of [stdout, stderr]) {
        let rest = '';
        stream.on('data', (chunk: Buffer) => {
          const lines = (rest + chunk.toString()).split('\n');
          rest = lines.pop() ?? '';
          logs.push(...lines.filter(Boolean));
        });
      }
    },
  });
  await mf.ready;
  // Miniflare's own Request/Response types stand for the same web objects.
  return {
    mf,
    logs,
    fetch: (url, init) => mf.dispatchFetch(url, init as never) as unknown as Promise<Response>,
    fetchVia: async (copy, url) => ((await mf.getWorker(copy)) as unknown as { fetch(url: string): Promise<Response> }).fetch(url),
    dispose: () => mf.dispose(),
  };
}

/** The worker's request-log records (JSON lines it printed). */
export function logRecords(logs: readonly string[]): Array<Record<string, unknown>> {
  return logs.flatMap((line) => {
    try {
      return [JSON.parse(line.slice(line.indexOf('{')))];
    } catch {
      return [];
    }
  });
}

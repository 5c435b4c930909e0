/**
 * The Worker as it ships: the real wrangler build (`npm run build:worker`, made once per test run
 * by test/global-setup.ts) run in Miniflare, i.e. workerd, the Workers runtime. Its console (the
 * request log) is kept.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { Miniflare, type WorkerOptions } from 'miniflare';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** wrangler names the bundle after its entry, src/worker/index.ts. */
export const WORKER_SCRIPT = `${ROOT}dist/index.js`;

/** What wrangler.toml ships: the compatibility date and the `[vars]`, so tests run what deploys. */
const WRANGLER_TOML = readFileSync(`${ROOT}wrangler.toml`, 'utf8');
export const COMPATIBILITY_DATE = /^compatibility_date = "([^"]+)"/m.exec(WRANGLER_TOML)![1]!;
export const WRANGLER_VARS: Record<string, string> = Object.fromEntries(
  [...(/^\[vars\]\n([\s\S]*?)(?:\n\[|$)/m.exec(WRANGLER_TOML)?.[1] ?? '').matchAll(/^(\w+) = "([^"]*)"$/gm)].map(
    (m) => [m[1]!, m[2]!],
  ),
);

/** Builds dist/index.js with wrangler, offline; resolves with wrangler's size line. */
export function buildWorker(): Promise<string> {
  return promisify(execFile)(`${ROOT}node_modules/.bin/wrangler`, ['deploy', '--dry-run', '--outdir', 'dist'], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  }).then(({ stdout }) => {
    const size = stdout.split('\n').find((line) => line.includes('Total Upload')) ?? '';
    console.log(`worker bundle (dist/index.js): ${size}`);
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
export interface WorkerRuntimeOptions {
  /** On top of wrangler.toml's `[vars]`. */
  bindings: Record<string, string>;
  /** Bind REPLAY to the shipped ReplayGuard (default), to nothing (false), or to a class of `replayScript`. */
  replay?: boolean;
  /** A module exporting `class ReplayGuard`, standing in for the real one (e.g. one that fails). */
  replayScript?: string;
  copies?: number;
  /** A folder that keeps Durable Object storage between Miniflare instances. */
  persistTo?: string;
  /** Stands in for the internet: every outbound fetch of the Worker goes here. */
  outbound?: (request: Request) => Promise<Response>;
}

export async function startWorker(options: WorkerRuntimeOptions): Promise<WorkerRuntime> {
  const logs: string[] = [];
  const names = Array.from({ length: options.copies ?? 1 }, (_, i) => `proxy-${i}`);
  const workers: WorkerOptions[] = names.map((name, i) => ({
    name,
    scriptPath: WORKER_SCRIPT,
    modules: true,
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: ['nodejs_compat'],
    bindings: { ...WRANGLER_VARS, ...options.bindings },
    ...(options.outbound ? { outboundService: options.outbound as never } : {}),
    ...(options.replay === false
      ? {}
      : {
          durableObjects: {
            // As deployed: a SQLite-backed class (wrangler.toml `new_sqlite_classes`).
            REPLAY: {
              className: 'ReplayGuard',
              useSQLite: true,
              ...(options.replayScript ? { scriptName: 'replay-stand-in' } : i > 0 ? { scriptName: names[0]! } : {}),
            },
          },
        }),
  }));
  if (options.replayScript) {
    workers.push({
      name: 'replay-stand-in',
      modules: true,
      script: options.replayScript,
      compatibilityDate: COMPATIBILITY_DATE,
      durableObjects: { SELF: { className: 'ReplayGuard', useSQLite: true } },
    });
  }
  const mf = new Miniflare({
    workers,
    ...(options.persistTo ? { durableObjectsPersist: options.persistTo } : {}),
    handleRuntimeStdio: collectLines(logs),
  });
  await mf.ready;
  // Miniflare's own Request/Response types stand for the same web objects.
  return {
    mf,
    logs,
    fetch: (url, init) => mf.dispatchFetch(url, init as never) as unknown as Promise<Response>,
    fetchVia: async (copy, url) =>
      ((await mf.getWorker(copy)) as unknown as { fetch(url: string): Promise<Response> }).fetch(url),
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

/** Miniflare's stdio handler that keeps every line the Worker printed (its JSON log lines). */
export function collectLines(logs: string[]): (stdout: Readable, stderr: Readable) => void {
  return (stdout, stderr) => {
    for (const stream of [stdout, stderr]) {
      let rest = '';
      stream.on('data', (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop() ?? '';
        logs.push(...lines.filter(Boolean));
      });
    }
  };
}

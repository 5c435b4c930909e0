/**
 * A negative control for the Worker's background work: the real built bundle (dist/index.js, as
 * test/helpers/worker-runtime.ts runs it) behind a two-line wrapper module that calls its fetch
 * with no execution context, so nothing can be kept alive with waitUntil. What still finishes
 * after the answer there would finish without waitUntil too.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { Miniflare } from 'miniflare';
import {
  collectLines,
  COMPATIBILITY_DATE,
  WORKER_SCRIPT,
  WRANGLER_VARS,
  type WorkerRuntime,
} from './worker-runtime.js';

/** The bundle's default export, called as the platform would but without its third argument. */
const NO_CONTEXT_WRAPPER = `import worker from './${basename(WORKER_SCRIPT)}';
export default { fetch: (request, env) => worker.fetch(request, env, undefined) };`;

export type ContextFreeWorker = Pick<WorkerRuntime, 'fetch' | 'logs' | 'dispose'>;

/** One copy of the built Worker without an execution context (and without REPLAY); its console is kept. */
export async function startWorkerWithoutContext(bindings: Record<string, string>): Promise<ContextFreeWorker> {
  const logs: string[] = [];
  const root = dirname(WORKER_SCRIPT);
  const mf = new Miniflare({
    name: 'proxy-without-context',
    modulesRoot: root,
    modules: [
      { type: 'ESModule', path: `${root}/no-context.js`, contents: NO_CONTEXT_WRAPPER },
      { type: 'ESModule', path: WORKER_SCRIPT, contents: readFileSync(WORKER_SCRIPT, 'utf8') },
    ],
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: ['nodejs_compat'],
    bindings: { ...WRANGLER_VARS, ...bindings },
    handleRuntimeStdio: collectLines(logs),
  });
  await mf.ready;
  return {
    logs,
    fetch: (url, init) => mf.dispatchFetch(url, init as never) as unknown as Promise<Response>,
    dispose: () => mf.dispose(),
  };
}

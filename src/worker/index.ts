/**
 * The proxy as a Cloudflare Worker: the same app as on Node, configured from the Worker's
 * bindings (checked once per isolate and bindings object), the official SDK over the platform's
 * fetch, pino's browser build, and replay protection in a Durable Object when REPLAY is bound.
 */
import { ConfigError, loadConfig } from '../config/load-config.js';
import { LegacyError } from '../core/errors.js';
import { legacyFailure } from '../core/legacy/envelope.js';
import { logMetrics } from '../observability/metrics/log-metrics.js';
import { configuredScanCache, createProxyApp } from '../compose.js';
import { untilSettled } from './background.js';
import { createSdkCvm3Client } from '../upstream/cvm3/sdk-client.js';
import { createDurableReplayStore } from './durable-replay-store.js';
import type { ExecutionContextLike, WorkerEnv } from './platform.js';
import { createWorkerLogger } from './worker-logger.js';

export { ReplayGuard } from './replay-guard.js';

type Handler = (request: Request, ctx?: ExecutionContextLike) => Response | Promise<Response>;
const handlers = new WeakMap<WorkerEnv, Handler>();

export default {
  fetch(request: Request, env: WorkerEnv, ctx?: ExecutionContextLike): Response | Promise<Response> {
    let handler = handlers.get(env);
    if (!handler) {
      handler = boot(env);
      handlers.set(env, handler);
    }
    return handler(request, ctx);
  },
};

function boot(env: WorkerEnv): Handler {
  try {
    const config = loadConfig(textBindings(env));
    const logger = createWorkerLogger(config.logLevel);
    if (!env.REPLAY) logger.warn('no REPLAY Durable Object binding: replay protection holds only within one isolate');
    const app = createProxyApp(config, {
      cvm: createSdkCvm3Client({ endpoint: config.cvmEndpoint }),
      logger,
      replay: env.REPLAY ? createDurableReplayStore(env.REPLAY) : undefined,
      // No cap on 3.0 calls: an isolate sees a sliver of the traffic, and a queue shared between
      // requests cannot wake its waiters here (a timer belongs to the request that set it).
      limiter: null,
      // A request must not wait on a scan driven by another request's subrequests: on Workers
      // that request's context may end first, and the waiter would be cancelled with it.
      scans: configuredScanCache(config, Date.now, false),
      // The execution context keeps a shadow comparison running after the answer.
      background: untilSettled(logger),
      // On Workers the request URL carries the host the client addressed (the platform builds it
      // from Host); local runners such as Miniflare rewrite the Host header itself to loopback.
      hostOf: (request) => new URL(request.url).host,
      // Counters of one isolate would be a sliver of the traffic: the Worker reports in its logs.
      observability: { metrics: logMetrics(logger) },
      fetch: (input, init) => fetch(input, init),
    });
    // Hono hands the execution context to the app (c.executionCtx).
    return (request, ctx) => app.fetch(request, undefined, ctx as Parameters<typeof app.fetch>[2]);
  } catch (error) {
    // The answer names the bindings at fault, never their values; the log has the details.
    const names = error instanceof ConfigError ? error.names : ['(start-up)'];
    const details = error instanceof ConfigError ? { problems: error.problems } : { err: error };
    createWorkerLogger('error').error(details, 'invalid bindings: every request answers 6000');
    const message = `the proxy is misconfigured: check the binding${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
    return (request) =>
      Response.json(legacyFailure(new LegacyError(6000, message)), {
        status: new URL(request.url).pathname === '/healthz' ? 503 : 200,
      });
  }
}

/** `[vars]` and secrets as text (a TOML number arrives as a number); other bindings are not config. */
function textBindings(env: WorkerEnv): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (typeof value === 'string' || typeof value === 'number') text[name] = String(value);
  }
  return text;
}

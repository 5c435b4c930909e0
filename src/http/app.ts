/**
 * The HTTP face of the proxy, the same on Node and Workers: the legacy endpoint, a health
 * check, and JSON for everything else. Every legacy answer is HTTP 200 JSON (Part B.1), and
 * every error becomes the legacy envelope here, in one place, with one log line per request.
 */
import { Hono, type Context } from 'hono';
import { LegacyError } from '../core/errors.js';
import { legacyFailure } from '../core/legacy/envelope.js';
import { LEGACY_PATH } from '../core/legacy/endpoint.js';
import { cvm3Failure } from '../core/transitional/cvm3-answer.js';
import { newFacts } from '../gateway/context.js';
import { forwardedCode } from '../gateway/pass-through.js';
import { readLegacyParams } from './read-params.js';
import { normaliseName } from '../core/legacy/params.js';
import type { LegacyAnswer } from '../upstream/legacy-forwarder.js';
import type { GatewayAnswer, LegacyGateway } from '../gateway/index.js';
import type { Logger } from '../observability/logger.js';
import { noMetrics } from '../observability/metrics/fan-out.js';
import type { MigrationMetrics } from '../observability/metrics/observations.js';

export interface AppDeps {
  readonly gateway: LegacyGateway;
  readonly logger: Logger;
  readonly maxBodyBytes: number;
  readonly now: () => number;
  readonly newRequestId?: () => string;
  /** The host the client addressed, which its signature covers: the Host header by default. */
  readonly hostOf?: (request: Request) => string;
  /** While true, /healthz answers 503 so that a load balancer stops sending new requests. */
  readonly isDraining?: () => boolean;
  /** Told of every legacy request (and, by the gateway's clients, of every upstream call). */
  readonly metrics?: MigrationMetrics;
  /** Extra pages (GET /metrics, GET /migration), mounted beside the legacy path. */
  readonly pages?: Hono;
  /**
   * True where the runtime keeps background work alive through the execution context's waitUntil
   * (Workers). Told, not probed: probing Hono's executionCtx on Node throws an Error a request.
   */
  readonly waitUntilFromExecutionContext?: boolean;
}

const hostHeader = (request: Request): string => request.headers.get('host') ?? new URL(request.url).host;

export function createApp(deps: AppDeps): Hono {
  const newRequestId = deps.newRequestId ?? (() => crypto.randomUUID());
  const app = new Hono();

  app.get('/healthz', (c) => (deps.isDraining?.() ? c.json({ status: 'draining' }, 503) : c.json({ status: 'ok' })));

  if (deps.pages) app.route('/', deps.pages);

  app.all(LEGACY_PATH, async (c) => {
    const started = deps.now();
    const requestId = newRequestId();
    const facts = newFacts();
    let answer: GatewayAnswer | undefined;
    let failure: LegacyError | undefined;
    try {
      const params = await readLegacyParams(c, deps.maxBodyBytes).catch((error: unknown) => {
        // Even a request refused before its parameters are read gets the shape it asked for.
        facts.cvm3Shaped = namesVersion(new URL(c.req.url).searchParams);
        throw error;
      });
      // A `Version` asks for the 3.0-style API the legacy host once served (api-facts.md A1): its
      // client reads 3.0-shaped answers, errors included.
      facts.cvm3Shaped = namesVersion(params);
      const host = (deps.hostOf ?? hostHeader)(c.req.raw);
      const waitUntil = backgroundOf(deps.waitUntilFromExecutionContext ? executionContextOf(c) : undefined, deps.logger);
      answer = await deps.gateway({ method: c.req.method, host, path: c.req.path, params, requestId, waitUntil }, facts);
    } catch (error) {
      failure = asLegacyError(error, requestId, deps.logger);
    }
    const code = failure ? failure.code : answer?.kind === 'forwarded' ? forwardedCode(answer.answer) : 0;
    const upstreamRequestIds = failure?.upstreamRequestId ? [...facts.upstreamRequestIds, failure.upstreamRequestId] : facts.upstreamRequestIds;
    const durationMs = deps.now() - started;
    // The line's object is built only when it will be written (LOG_LEVEL=warn skips it).
    if (deps.logger.isLevelEnabled('info')) deps.logger.info(
      {
        requestId,
        action: facts.action,
        secretId: facts.secretId,
        route: facts.route,
        // Whether the SecretId and Action above were verified (a signature that checked out) or only claimed.
        authenticated: facts.authenticated === true,
        region: facts.region,
        code,
        ...(failure ? { message: failure.message, ...(failure.cause ? { cause: describeCause(failure.cause) } : {}) } : {}),
        upstreamCalls: facts.upstreamCalls,
        upstreamRetries: facts.upstreamRetries,
        ...(facts.scan ? { scan: facts.scan } : {}),
        upstreamRequestIds,
        durationMs,
      },
      'legacy request',
    );
    // Unsigned claims are not labels: a stranger's request counts as unknown and unauthenticated.
    const [caller, action] = facts.authenticated ? [facts.secretId ?? 'unknown', facts.action ?? ''] : ['unknown', 'unauthenticated'];
    observe(deps, { action, caller, route: facts.route, code, durationMs });
    c.header('X-Request-Id', requestId);
    if (failure) return c.json(facts.cvm3Shaped ? cvm3Failure(failure, requestId) : legacyFailure(failure), 200);
    if (answer!.kind === 'legacy') return c.json(answer!.envelope, 200);
    if (answer!.kind === 'cvm3') return c.json(answer!.answer, 200);
    const { status, headers, body } = forwardedResponse(answer!.answer);
    return body ? c.body(body, status as 200, headers) : c.body(null, status as 204, headers);
  });

  app.notFound((c) =>
    c.json(legacyFailure(new LegacyError(5000, `no such path ${c.req.path.slice(0, 80)}; legacy requests go to ${LEGACY_PATH}`)), 404),
  );
  app.onError((error, c) => c.json(legacyFailure(asLegacyError(error, newRequestId(), deps.logger)), 200));
  return app;
}

/** Metrics never decide an answer: a failing sink is logged and the request goes on. */
function observe(deps: AppDeps, observation: Parameters<MigrationMetrics['request']>[0]): void {
  try {
    (deps.metrics ?? noMetrics).request(observation);
  } catch (error) {
    deps.logger.error({ err: error }, 'metrics failed');
  }
}

const namesVersion = (pairs: Iterable<readonly [string, string]>): boolean => {
  for (const [name] of pairs) if (normaliseName(name) === 'Version') return true;
  return false;
};

/** The legacy host's answer as it came; a status that has no body (204, 304) gets none. */
function forwardedResponse(answer: LegacyAnswer): { status: number; headers: Record<string, string>; body: Uint8Array<ArrayBuffer> | null } {
  const headers: Record<string, string> = { 'content-type': answer.contentType };
  if (answer.location) headers.location = answer.location;
  const bodyless = answer.status === 204 || answer.status === 205 || answer.status === 304;
  return { status: answer.status, headers, body: bodyless ? null : (answer.body as Uint8Array<ArrayBuffer>) };
}

/** Hono's getter throws when the runtime passed no context (a Worker invoked by hand). */
function executionContextOf(c: Context): { waitUntil(task: Promise<unknown>): void } | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}

/** A Worker keeps background work alive with waitUntil; on Node a promise simply runs on. */
function backgroundOf(executionCtx: { waitUntil(task: Promise<unknown>): void } | undefined, logger: Logger): (task: Promise<unknown>) => void {
  return (task) => {
    const settled = task.catch((error: unknown) => logger.error({ err: error }, 'background task failed'));
    executionCtx?.waitUntil(settled);
  };
}

/** Known errors pass as they are; anything else is logged here and answered without details. */
function asLegacyError(error: unknown, requestId: string, logger: Logger): LegacyError {
  if (error instanceof LegacyError) return error;
  logger.error({ requestId, err: error }, 'unexpected error');
  return new LegacyError(6000, `internal error (request ${requestId})`);
}

/** What the log says of an underlying cause: its kind and message, not its stack. */
function describeCause(cause: unknown): string {
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}

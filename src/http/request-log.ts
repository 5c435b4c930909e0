/**
 * One log line and one metrics observation per legacy request, written once it has ended: what
 * the gateway told the request's record, and how long it took.
 */
import type { MiddlewareHandler } from 'hono';
import { codeOf } from '../gateway/outcome.js';
import { RequestRecord, type RequestFacts } from '../gateway/request-record.js';
import type { Logger } from '../observability/logger.js';
import { requestLogLevel } from './log-level.js';
import type { MigrationMetrics, RequestObservation } from '../observability/metrics/observations.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** A legacy request's record, set here before its handler runs; other paths have none. */
    record?: RequestRecord;
  }
}

export interface RequestLogDeps {
  readonly logger: Logger;
  readonly metrics: MigrationMetrics;
  readonly now: () => number;
}

export function requestLog(deps: RequestLogDeps): MiddlewareHandler<{ Variables: { record: RequestRecord } }> {
  return async (c, next) => {
    const started = deps.now();
    const record = new RequestRecord(c.get('requestId'));
    c.set('record', record);
    await next();
    const durationMs = deps.now() - started;
    const facts = record.facts;
    // The gateway's answer or onError's failure ended the request; one without either is an internal error.
    const code = facts.outcome ? codeOf(facts.outcome) : 6000;
    // The line's object is built only when it will be written (LOG_LEVEL=warn skips a success).
    const level = requestLogLevel(facts.outcome, code);
    if (deps.logger.isLevelEnabled(level)) deps.logger[level](logLine(facts, code, durationMs), 'legacy request');
    observe(deps, observation(facts, code, durationMs));
  };
}

function logLine(facts: RequestFacts, code: number, durationMs: number): Record<string, unknown> {
  const failure = facts.outcome?.kind === 'failed' ? facts.outcome.error : undefined;
  return {
    requestId: facts.requestId,
    action: facts.action,
    secretId: facts.secretId,
    route: facts.route,
    // Whether the SecretId and Action above were verified (a signature that checked out) or only claimed.
    authenticated: facts.authenticated,
    region: facts.region,
    code,
    message: failure?.message,
    cause: failure?.cause ? describeCause(failure.cause) : undefined,
    upstreamCalls: facts.upstreamCalls,
    upstreamRetries: facts.upstreamRetries,
    scan: facts.scan,
    upstreamRequestIds: facts.upstreamRequestIds,
    durationMs,
  };
}

function observation(facts: RequestFacts, code: number, durationMs: number): RequestObservation {
  // Unsigned claims are not labels: a stranger's request counts as unknown and unauthenticated.
  const [caller, action] = facts.authenticated ? [facts.secretId ?? 'unknown', facts.action ?? ''] : ['unknown', 'unauthenticated'];
  const shape = facts.authenticated ? facts.shape : undefined;
  return { action, caller, route: facts.route, code, durationMs, ...(shape ? { shape, upstreamCalls: facts.upstreamCalls } : {}) };
}

/** Metrics never decide an answer: a failing sink is logged and the request goes on. */
function observe(deps: RequestLogDeps, o: RequestObservation): void {
  try {
    deps.metrics.request(o);
  } catch (error) {
    deps.logger.error({ err: error }, 'metrics failed');
  }
}

/** What the log says of an underlying cause: its kind and message, not its stack. */
function describeCause(cause: unknown): string {
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}

/**
 * One log line and one metrics observation per legacy request, written once it has ended: what
 * the gateway told the request's record, and how long it took.
 */
import { codeOf } from '../gateway/outcome.js';
import type { RequestRecord, RequestFacts } from '../gateway/request-record.js';
import { fixedLine, type LineValue } from '../observability/fixed-line.js';
import type { Logger } from '../observability/logger.js';
import { requestLogLevel } from './log-level.js';
import type { MigrationMetrics, RequestObservation } from '../observability/metrics/observations.js';

export interface RequestLogDeps {
  readonly logger: Logger;
  readonly metrics: MigrationMetrics;
  readonly now: () => number;
}

/** Writes the line and the observation of a request that has ended (`started`: deps.now() when it arrived). */
export function requestLog(deps: RequestLogDeps): (record: RequestRecord, started: number) => void {
  // On Node the line is written with its fields fixed here (fixed-line.ts); elsewhere through the logger.
  const lines = {
    info: fixedLine(deps.logger, 'info', MESSAGE, LINE_FIELDS),
    warn: fixedLine(deps.logger, 'warn', MESSAGE, LINE_FIELDS),
    error: fixedLine(deps.logger, 'error', MESSAGE, LINE_FIELDS),
  };
  return (record, started) => {
    const durationMs = deps.now() - started;
    const facts = record.facts;
    // The answer or the failure ended the request; one without either is an internal error.
    const code = facts.outcome ? codeOf(facts.outcome) : 6000;
    // The line's values are gathered only when it will be written (LOG_LEVEL=warn skips a success).
    const level = requestLogLevel(facts.outcome, code);
    if (deps.logger.isLevelEnabled(level)) {
      const values = lineValues(facts, code, durationMs);
      const line = lines[level];
      if (line) line(values);
      else deps.logger[level](Object.fromEntries(LINE_FIELDS.map((name, i) => [name, values[i]])), MESSAGE);
    }
    observe(deps, observation(facts, code, durationMs));
  };
}

const MESSAGE = 'legacy request';
const LINE_FIELDS = [
  'requestId',
  'action',
  'secretId',
  'route',
  // Whether the SecretId and Action above were verified (a signature that checked out) or only claimed.
  'authenticated',
  'region',
  'code',
  'message',
  'cause',
  'upstreamCalls',
  'upstreamRetries',
  'scan',
  'upstreamRequestIds',
  'durationMs',
] as const;

/** The line's values, in LINE_FIELDS' order. */
function lineValues(facts: RequestFacts, code: number, durationMs: number): LineValue[] {
  const failure = facts.outcome?.kind === 'failed' ? facts.outcome.error : undefined;
  return [
    facts.requestId,
    facts.action,
    facts.secretId,
    facts.route,
    facts.authenticated,
    facts.region,
    code,
    failure?.message,
    failure?.cause ? describeCause(failure.cause) : undefined,
    facts.upstreamCalls,
    facts.upstreamRetries,
    facts.scan,
    facts.upstreamRequestIds,
    durationMs,
  ];
}

function observation(facts: RequestFacts, code: number, durationMs: number): RequestObservation {
  // Unsigned claims are not labels: a stranger's request counts as unknown and unauthenticated.
  const [caller, action] = facts.authenticated
    ? [facts.secretId ?? 'unknown', facts.action ?? '']
    : ['unknown', 'unauthenticated'];
  const shape = facts.authenticated ? facts.shape : undefined;
  return {
    action,
    caller,
    route: facts.route,
    code,
    durationMs,
    ...(shape ? { shape, upstreamCalls: facts.upstreamCalls } : {}),
  };
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

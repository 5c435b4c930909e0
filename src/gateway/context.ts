/**
 * What every route of the gateway gets for one request: the authenticated caller, its parameters,
 * the request's one deadline, and the record it tells what happens.
 */
import type { AuthenticatedRequest } from '../core/legacy/caller.js';
import type { LegacyParams } from '../core/legacy/params.js';
import type { RequestDeadline } from './deadline.js';
import type { RequestRecord } from './request-record.js';

export interface RouteContext {
  /** GET or POST, as the client sent it. */
  readonly method: string;
  readonly params: LegacyParams;
  readonly auth: AuthenticatedRequest;
  /** What the request log line and the metrics report, told as the request goes. */
  readonly record: RequestRecord;
  /** Aborts at the request's deadline: whatever it waits on beyond the proxy stops then. */
  readonly signal: AbortSignal;
  /** The deadline, in ms since the epoch. */
  readonly deadline: number;
  /** Keeps work going after the answer (a Worker's waitUntil); the answer never waits for it. */
  readonly background: (task: Promise<unknown>) => void;
}

/**
 * A RouteContext whose signal is the deadline's, made only when first read (deadline.ts). A class,
 * not an object literal with a getter: V8 puts such a literal's getter, a new closure each time, in
 * an accessor pair it allocates in the old generation, which keeps the request alive through every
 * scavenge until a full collection (docs/performance.md#gc).
 */
export class RequestContext implements RouteContext {
  constructor(
    readonly method: string,
    readonly params: LegacyParams,
    readonly auth: AuthenticatedRequest,
    readonly record: RequestRecord,
    private readonly requestDeadline: RequestDeadline,
    readonly background: (task: Promise<unknown>) => void,
  ) {}

  get signal(): AbortSignal {
    return this.requestDeadline.signal;
  }

  get deadline(): number {
    return this.requestDeadline.at;
  }
}

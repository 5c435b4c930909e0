/**
 * What every route of the gateway gets for one request: the authenticated caller, its parameters,
 * the request's one deadline, and the record it tells what happens.
 */
import type { AuthenticatedRequest } from '../core/legacy/caller.js';
import type { LegacyParams } from '../core/legacy/params.js';
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

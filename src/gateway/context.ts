/**
 * What every route of the gateway gets for one request: the authenticated caller, its parameters,
 * the request's one deadline, and the facts the request log line and the metrics report.
 */
import type { AuthenticatedRequest } from '../core/legacy/caller.js';
import type { LegacyParams } from '../core/legacy/params.js';
import type { Route } from '../observability/metrics/observations.js';
import type { ScanSource } from './scan-cache.js';

/** What the request log line says about a request; filled in as the request goes. */
export interface RequestFacts {
  action?: string;
  secretId?: string;
  /**
   * True once the request's signature verified. Only then do its SecretId and Action become metric
   * labels: anyone can claim a SecretId or invent Actions, and must not fill or blur the metrics.
   */
  authenticated?: boolean;
  region?: string;
  /** Which way the request went; `rejected` until it gets past authentication and routing. */
  route: Route;
  /** The answer is in the 3.0 shape: the request named a `Version` (a transitional call). */
  cvm3Shaped?: boolean;
  upstreamCalls: number;
  upstreamRetries: number;
  upstreamRequestIds: string[];
  /** Where the 3.0 listing came from: a scan of its own, the cache, or a scan another request ran. */
  scan?: ScanSource;
}

export interface RouteContext {
  readonly requestId: string;
  /** GET or POST, as the client sent it. */
  readonly method: string;
  readonly params: LegacyParams;
  readonly auth: AuthenticatedRequest;
  readonly facts: RequestFacts;
  /** Aborts at the request's deadline: whatever it waits on beyond the proxy stops then. */
  readonly signal: AbortSignal;
  /** The deadline, in ms since the epoch. */
  readonly deadline: number;
  /** Keeps work going after the answer (a Worker's waitUntil); the answer never waits for it. */
  readonly waitUntil: (task: Promise<unknown>) => void;
}

export const newFacts = (): RequestFacts => ({ route: 'rejected', upstreamCalls: 0, upstreamRetries: 0, upstreamRequestIds: [] });

/**
 * What the proxy reports about its traffic, as plain data: one observation per legacy request,
 * per 3.0 (or legacy) upstream call, and per shadow comparison. Sinks (Prometheus, the migration
 * page's history) implement MigrationMetrics; the gateway only ever sees this interface.
 */

import type { CallShape } from '../../core/migration/shape-types.js';

/** How the proxy handled a legacy request. */
export type Route = 'translated' | 'passthrough' | 'transitional' | 'rejected';
export const ROUTES: readonly Route[] = ['translated', 'passthrough', 'transitional', 'rejected'];

export interface RequestObservation {
  /** The legacy Action as the client sent it (client input: sanitised by every sink). */
  action: string;
  /** A SecretId from the credential list, or 'unknown'. Never a SecretKey or signature. */
  caller: string;
  route: Route;
  /** The legacy answer code; 0 is success. */
  code: number;
  durationMs: number;
  /** The call's shape (parameter names, enumerated values; never a secret), once its signature verified. */
  shape?: CallShape;
  /** 3.0 calls the request made (0: none, or answered from the scan cache). */
  upstreamCalls?: number;
}

export interface UpstreamObservation {
  upstream: 'cvm3' | 'legacy';
  outcome: 'ok' | 'error';
  durationMs: number;
}

export interface ShadowObservation {
  outcome: 'agree' | 'differ' | 'failed';
  /** Names of the legacy answer fields that differed (empty unless outcome is 'differ'). */
  differingFields: readonly string[];
}

export interface MigrationMetrics {
  request(o: RequestObservation): void;
  upstream(o: UpstreamObservation): void;
  shadow(o: ShadowObservation): void;
  /** The shared replay store (Redis) failed `count` times; what the requests got is REPLAY_STORE_ON_FAILURE's call. */
  replayStoreFailures(count: number): void;
}

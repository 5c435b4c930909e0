/**
 * What the migration page shows, as plain data, wherever it comes from: this process's memory, or
 * the fleet's history in Redis. The page renders a view; a source makes one.
 */
import type { MigrationPlan } from '../../core/migration/plan-types.js';
import type { CallShape } from '../../core/migration/shape-types.js';
import type { Route } from '../metrics/observations.js';
import type { TrafficSnapshot } from './traffic-snapshot.js';

/** One distinct call shape of one caller, with its counts. */
export interface ShapeTotals {
  /** The verified SecretId (capped as a metric label is). */
  readonly caller: string;
  readonly shape: CallShape;
  readonly requests: number;
  /** Requests answered with a legacy code other than 0. */
  readonly errors: number;
  /** Epoch ms of the latest call. */
  readonly lastSeen: number;
  /** The latest call's route, legacy code and 3.0 calls (0: none, or from the scan cache). */
  readonly route: Route;
  readonly lastCode: number;
  readonly upstreamCalls: number;
}

/** A shape with its migration plan, as the page's assistant shows it. */
export interface AssistantRow {
  readonly totals: ShapeTotals;
  readonly plan: MigrationPlan;
}

/** A replica that reported to the fleet's history. */
export interface ReplicaReport {
  readonly id: string;
  /** Its host name (a Kubernetes pod's name) and process id. */
  readonly name: string;
  readonly startedAt: number;
  readonly lastReport: number;
  /** The replica that served this page. */
  readonly self: boolean;
}

export type ViewScope =
  /** This process only: no REDIS_URL, or Redis could not be read (`problem` says why). */
  | { readonly kind: 'process'; readonly startedAt: number; readonly problem?: string }
  /** Every replica that reported to Redis within the history's span. */
  | { readonly kind: 'fleet'; readonly replicas: readonly ReplicaReport[]; readonly retentionDays: number };

export interface MigrationView {
  readonly scope: ViewScope;
  readonly traffic: TrafficSnapshot;
  /** Busiest first, at most the page's bound. */
  readonly shapes: readonly ShapeTotals[];
  /** Shapes seen but not among `shapes`, and requests in them. */
  readonly shapesOmitted: { readonly shapes: number; readonly requests: number };
}

export interface MigrationSource {
  view(now: number): Promise<MigrationView>;
}

/** The page lists at most this many shapes, each with its plan: its size stays bounded. */
export const MAX_SHAPES_SHOWN = 30;

/** Busiest first; then the latest; then by caller and key, so the order is stable. */
export function byTraffic(a: ShapeTotals, b: ShapeTotals): number {
  return (
    b.requests - a.requests ||
    b.lastSeen - a.lastSeen ||
    (a.caller < b.caller ? -1 : a.caller > b.caller ? 1 : 0) ||
    (a.shape.key < b.shape.key ? -1 : a.shape.key > b.shape.key ? 1 : 0)
  );
}

/** The first `MAX_SHAPES_SHOWN` of `all`, and what was left out. */
export function topShapes(
  all: readonly ShapeTotals[],
  max = MAX_SHAPES_SHOWN,
): Pick<MigrationView, 'shapes' | 'shapesOmitted'> {
  const sorted = [...all].sort(byTraffic);
  const rest = sorted.slice(max);
  return {
    shapes: sorted.slice(0, max),
    shapesOmitted: { shapes: rest.length, requests: rest.reduce((n, s) => n + s.requests, 0) },
  };
}

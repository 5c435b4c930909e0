/** What the migration page shows, as plain data: a snapshot of the traffic history at one moment. */
import type { Route } from '../metrics/observations.js';

export interface CallerActionTotals {
  readonly caller: string;
  readonly action: string;
  /** The row where keys beyond the history's key cap are counted (caller and action then read 'other'). */
  readonly folded: boolean;
  readonly requests: number;
  /** Requests answered with a legacy code other than 0. */
  readonly errors: number;
  /** errors / requests, 0..1. */
  readonly errorRate: number;
  /** Epoch ms of the latest request. */
  readonly lastSeen: number;
  /** Requests per route; routes never taken are absent. */
  readonly routes: Readonly<Partial<Record<Route, number>>>;
}

export interface MinutePoint {
  /** Epoch ms of the minute's start. */
  readonly minute: number;
  readonly requests: number;
  readonly errors: number;
}

export interface ShadowTotals {
  readonly agree: number;
  readonly differ: number;
  readonly failed: number;
  /**
   * agree / (agree + differ): a failed shadow call says nothing about the translation, so it is
   * shown beside the rate, not in it. null before the first completed comparison.
   */
  readonly agreementRate: number | null;
}

export interface TrafficSnapshot {
  /** Epoch ms: the start of the first minute in `series`, and the moment of the snapshot. */
  readonly from: number;
  readonly to: number;
  /** How many minutes the history keeps (the totals cover at most this). */
  readonly spanMinutes: number;
  readonly requests: number;
  readonly errors: number;
  /** Busiest first. */
  readonly totals: readonly CallerActionTotals[];
  /** One point per minute, oldest first, at least the last hour, empty minutes included. */
  readonly series: readonly MinutePoint[];
  readonly shadow: ShadowTotals;
}

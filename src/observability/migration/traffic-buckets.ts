/**
 * The history's storage shapes, on their own so that the history (which fills them) and the
 * summary (which reads them) both import them and neither imports the other.
 */
export const MINUTE_MS = 60_000;

export interface TrafficKey {
  readonly caller: string;
  readonly action: string;
  readonly route: string;
  readonly folded: boolean;
  /** Latest minute recorded and exact epoch ms of the latest request. */
  lastMinute: number;
  lastSeen: number;
}

export interface Counts {
  requests: number;
  errors: number;
}

export interface Bucket {
  readonly minute: number;
  readonly rows: Map<TrafficKey, Counts>;
  readonly shadow: { agree: number; differ: number; failed: number };
}

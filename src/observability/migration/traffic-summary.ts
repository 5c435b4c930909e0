/** Turns the history's minute buckets into the page's snapshot: totals per caller and Action, a series, shadow rates. */
import type { Route } from '../metrics/observations.js';
import { MINUTE_MS, type Bucket, type TrafficKey } from './traffic-buckets.js';
import type { CallerActionTotals, MinutePoint, TrafficSnapshot } from './traffic-snapshot.js';

/** The chart shows at least this much, so a fresh proxy's first minutes are not one wide bar. */
const MIN_SERIES_MINUTES = 60;

interface Totals {
  caller: string;
  action: string;
  folded: boolean;
  requests: number;
  errors: number;
  lastSeen: number;
  routes: Partial<Record<Route, number>>;
}

export function summarise(
  buckets: readonly Bucket[],
  at: { now: number; spanMinutes: number; newestMinute: number },
): TrafficSnapshot {
  const { now, spanMinutes, newestMinute } = at;
  const byCallerAction = new Map<string, Totals>();
  const perMinute = new Map<number, MinutePoint>();
  const shadow = { agree: 0, differ: 0, failed: 0 };
  for (const bucket of buckets) {
    let requests = 0;
    let errors = 0;
    for (const [key, counts] of bucket.rows) {
      const totals = totalsFor(byCallerAction, key);
      totals.requests += counts.requests;
      totals.errors += counts.errors;
      totals.lastSeen = Math.max(totals.lastSeen, key.lastSeen);
      const route = key.route as Route;
      totals.routes[route] = (totals.routes[route] ?? 0) + counts.requests;
      requests += counts.requests;
      errors += counts.errors;
    }
    perMinute.set(bucket.minute, { minute: bucket.minute * MINUTE_MS, requests, errors });
    shadow.agree += bucket.shadow.agree;
    shadow.differ += bucket.shadow.differ;
    shadow.failed += bucket.shadow.failed;
  }

  const oldestKept = newestMinute - spanMinutes + 1;
  const oldestBucket = Math.min(...buckets.map((bucket) => bucket.minute), newestMinute - MIN_SERIES_MINUTES + 1);
  const first = Math.max(oldestKept, oldestBucket);
  const series: MinutePoint[] = [];
  for (let minute = first; minute <= newestMinute; minute += 1) {
    series.push(perMinute.get(minute) ?? { minute: minute * MINUTE_MS, requests: 0, errors: 0 });
  }

  const totals: CallerActionTotals[] = [...byCallerAction.values()]
    .map((t) => ({ ...t, errorRate: t.requests === 0 ? 0 : t.errors / t.requests }))
    .sort(
      (a, b) =>
        b.requests - a.requests ||
        b.lastSeen - a.lastSeen ||
        a.caller.localeCompare(b.caller) ||
        a.action.localeCompare(b.action),
    );
  const completed = shadow.agree + shadow.differ;
  return {
    from: first * MINUTE_MS,
    to: now,
    spanMinutes,
    requests: totals.reduce((sum, t) => sum + t.requests, 0),
    errors: totals.reduce((sum, t) => sum + t.errors, 0),
    totals,
    series,
    shadow: { ...shadow, agreementRate: completed === 0 ? null : shadow.agree / completed },
  };
}

/** The running totals of a key's caller and Action (its routes are added up in one row). */
function totalsFor(rows: Map<string, Totals>, key: TrafficKey): Totals {
  const id = JSON.stringify([key.folded, key.caller, key.action]);
  let totals = rows.get(id);
  if (!totals) {
    totals = {
      caller: key.caller,
      action: key.action,
      folded: key.folded,
      requests: 0,
      errors: 0,
      lastSeen: -Infinity,
      routes: {},
    };
    rows.set(id, totals);
  }
  return totals;
}

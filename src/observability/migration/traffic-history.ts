/**
 * A bounded in-memory time series of legacy traffic, for the migration page: per-minute buckets
 * over a fixed span, counting requests and errors per (caller, action, route), and shadow
 * comparison outcomes. Pure: the clock is an argument of every call, nothing is read or written
 * outside. Memory is bounded by span minutes x (key cap + 4 'other' rows).
 */
import { actionLabel, capLabel, OTHER, routeLabel } from '../metrics/label-values.js';
import type { RequestObservation, ShadowObservation } from '../metrics/observations.js';
import { MINUTE_MS, type Bucket, type TrafficKey } from './traffic-buckets.js';
import { summarise } from './traffic-summary.js';
import type { TrafficSnapshot } from './traffic-snapshot.js';

export interface TrafficHistoryOptions {
  /** How many minutes are kept (default 1440: 24 h). */
  readonly spanMinutes?: number;
  /** Distinct (caller, action, route) keys tracked one by one; the rest fold into 'other' rows. */
  readonly maxKeys?: number;
}

export interface TrafficHistory {
  recordRequest(o: RequestObservation, now: number): void;
  recordShadow(o: ShadowObservation, now: number): void;
  snapshot(now: number): TrafficSnapshot;
}

export function createTrafficHistory(options: TrafficHistoryOptions = {}): TrafficHistory {
  const spanMinutes = Math.max(1, Math.floor(options.spanMinutes ?? 1440));
  const maxKeys = Math.max(0, Math.floor(options.maxKeys ?? 200));
  const buckets = new Map<number, Bucket>();
  const keys = new Map<string, TrafficKey>();
  let newestMinute = -Infinity;

  /** When a new minute starts: drops the minutes that left the span, and keys seen only in them. */
  function advance(nowMinute: number): void {
    if (nowMinute <= newestMinute) return;
    newestMinute = nowMinute;
    const oldest = newestMinute - spanMinutes + 1;
    for (const minute of buckets.keys()) if (minute < oldest) buckets.delete(minute);
    for (const [id, key] of keys) if (key.lastMinute < oldest) keys.delete(id);
  }

  /** The bucket of `now`'s minute, or undefined if that minute is already outside the span. */
  function bucketAt(now: number): Bucket | undefined {
    const minute = Math.floor(now / MINUTE_MS);
    advance(minute);
    if (minute <= newestMinute - spanMinutes) return undefined;
    let bucket = buckets.get(minute);
    if (!bucket)
      buckets.set(minute, (bucket = { minute, rows: new Map(), shadow: { agree: 0, differ: 0, failed: 0 } }));
    return bucket;
  }

  function keyFor(caller: string, action: string, route: string): TrafficKey {
    const id = JSON.stringify([caller, action, route]);
    const known = keys.get(id);
    if (known) return known;
    const tracked = [...keys.values()].filter((key) => !key.folded).length;
    const folded = tracked >= maxKeys;
    const foldedId = JSON.stringify([null, route]);
    const existing = folded ? keys.get(foldedId) : undefined;
    if (existing) return existing;
    const key: TrafficKey = folded
      ? { caller: OTHER, action: OTHER, route, folded, lastMinute: -Infinity, lastSeen: -Infinity }
      : { caller, action, route, folded, lastMinute: -Infinity, lastSeen: -Infinity };
    keys.set(folded ? foldedId : id, key);
    return key;
  }

  return {
    recordRequest(o, now) {
      const bucket = bucketAt(now);
      if (!bucket) return;
      const key = keyFor(capLabel(o.caller), actionLabel(o.action), routeLabel(o.route));
      key.lastMinute = Math.max(key.lastMinute, bucket.minute);
      key.lastSeen = Math.max(key.lastSeen, now);
      const counts = bucket.rows.get(key) ?? { requests: 0, errors: 0 };
      counts.requests += 1;
      if (o.code !== 0) counts.errors += 1;
      bucket.rows.set(key, counts);
    },
    recordShadow(o, now) {
      const bucket = bucketAt(now);
      if (bucket) bucket.shadow[o.outcome] += 1;
    },
    snapshot(now) {
      advance(Math.floor(now / MINUTE_MS));
      return summarise([...buckets.values()], { now, spanMinutes, newestMinute });
    },
  };
}

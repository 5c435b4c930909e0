/**
 * What this replica has seen since its last report to the fleet's history: counts per minute,
 * latest times, shadow outcomes and call shapes, waiting to be added to Redis. Bounded: a minute
 * holds at most `maxKeys` rows (more fold into an `other` row per route and code), at most
 * `maxMinutes` minutes wait (a Redis down for longer loses the oldest, counted), and a day at most
 * `maxShapes` shapes. Pure: the clock is an argument of every call.
 */
import { actionLabel, capLabel, codeLabel, OTHER, routeLabel } from '../metrics/label-values.js';
import type { RequestObservation, ShadowObservation } from '../metrics/observations.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, trafficField } from './fleet-keys.js';
import type { ShapeTotals } from './migration-view.js';

export interface PendingShadow {
  agree: number;
  differ: number;
  failed: number;
}

export type PendingShape = { -readonly [K in keyof ShapeTotals]: ShapeTotals[K] };

export interface PendingBatch {
  /** Epoch minute → traffic field → requests. */
  readonly minutes: Map<number, Map<string, number>>;
  /** Epoch minute → shadow outcomes. */
  readonly shadow: Map<number, PendingShadow>;
  /** Epoch hour → JSON [caller, Action] → latest epoch ms. */
  readonly seen: Map<number, Map<string, number>>;
  /** Epoch day → JSON [caller, shape key] → the shape's counts since the last report. */
  readonly shapes: Map<number, Map<string, PendingShape>>;
  /** Requests beyond the day's shape bound, per day (reported as one `other` count). */
  readonly otherShapes: Map<number, number>;
}

export interface FleetPending {
  recordRequest(o: RequestObservation, now: number): void;
  recordShadow(o: ShadowObservation, now: number): void;
  /** Everything pending, which is then empty; give it back with `restore` if it could not be written. */
  take(): PendingBatch;
  restore(batch: PendingBatch): void;
  /** Requests dropped because Redis stayed unreachable past `maxMinutes`. */
  readonly dropped: number;
  readonly empty: boolean;
}

export interface FleetPendingOptions {
  readonly maxKeys?: number;
  readonly maxMinutes?: number;
  readonly maxShapes?: number;
}

const emptyBatch = (): PendingBatch => ({
  minutes: new Map(),
  shadow: new Map(),
  seen: new Map(),
  shapes: new Map(),
  otherShapes: new Map(),
});
const inner = <K, V>(outer: Map<number, Map<K, V>>, at: number): Map<K, V> =>
  outer.get(at) ?? outer.set(at, new Map()).get(at)!;

export function createFleetPending(options: FleetPendingOptions = {}): FleetPending {
  const maxKeys = options.maxKeys ?? 200;
  const maxMinutes = options.maxMinutes ?? 60;
  const maxShapes = options.maxShapes ?? 200;
  let batch = emptyBatch();
  let dropped = 0;

  /** Drops the oldest waiting minutes beyond the bound (Redis down for that long). */
  function bound(): void {
    if (batch.minutes.size <= maxMinutes && batch.shadow.size <= maxMinutes) return;
    const minutes = [...new Set([...batch.minutes.keys(), ...batch.shadow.keys()])].sort((a, b) => a - b);
    for (const minute of minutes.slice(0, Math.max(0, minutes.length - maxMinutes))) {
      for (const count of batch.minutes.get(minute)?.values() ?? []) dropped += count;
      batch.minutes.delete(minute);
      batch.shadow.delete(minute);
    }
    const oldestHour = Math.floor(((minutes.at(-maxMinutes) ?? 0) * MINUTE_MS) / HOUR_MS);
    for (const hour of batch.seen.keys()) if (hour < oldestHour) batch.seen.delete(hour);
    const oldestDay = Math.floor((oldestHour * HOUR_MS) / DAY_MS);
    for (const day of batch.shapes.keys()) if (day < oldestDay) batch.shapes.delete(day);
  }

  function addShape(day: number, shape: PendingShape): void {
    const shapes = inner(batch.shapes, day);
    const id = JSON.stringify([shape.caller, shape.shape.key]);
    const held = shapes.get(id);
    if (!held && shapes.size >= maxShapes) {
      batch.otherShapes.set(day, (batch.otherShapes.get(day) ?? 0) + shape.requests);
      return;
    }
    if (!held) return void shapes.set(id, { ...shape });
    held.requests += shape.requests;
    held.errors += shape.errors;
    if (shape.lastSeen >= held.lastSeen)
      Object.assign(held, {
        shape: shape.shape,
        lastSeen: shape.lastSeen,
        route: shape.route,
        lastCode: shape.lastCode,
        upstreamCalls: shape.upstreamCalls,
      });
  }

  function addRequests(minute: number, field: string, overflow: string, count: number): void {
    const rows = inner(batch.minutes, minute);
    const key = rows.has(field) || rows.size < maxKeys ? field : overflow;
    rows.set(key, (rows.get(key) ?? 0) + count);
  }

  return {
    recordRequest(o, now) {
      const minute = Math.floor(now / MINUTE_MS);
      const caller = capLabel(o.caller);
      const action = actionLabel(o.action);
      const route = routeLabel(o.route);
      const code = codeLabel(o.code);
      addRequests(minute, trafficField(caller, action, route, code), trafficField(OTHER, OTHER, route, code), 1);
      const seen = inner(batch.seen, Math.floor(now / HOUR_MS));
      const who = JSON.stringify([caller, action]);
      seen.set(who, Math.max(seen.get(who) ?? -Infinity, now));
      if (o.shape) {
        addShape(Math.floor(now / DAY_MS), {
          caller,
          shape: o.shape,
          requests: 1,
          errors: o.code === 0 ? 0 : 1,
          lastSeen: now,
          route: o.route,
          lastCode: o.code,
          upstreamCalls: o.upstreamCalls ?? 0,
        });
      }
      bound();
    },
    recordShadow(o, now) {
      const minute = Math.floor(now / MINUTE_MS);
      const counts =
        batch.shadow.get(minute) ?? batch.shadow.set(minute, { agree: 0, differ: 0, failed: 0 }).get(minute)!;
      counts[o.outcome] += 1;
      bound();
    },
    take() {
      const taken = batch;
      batch = emptyBatch();
      return taken;
    },
    restore(old) {
      // What came in meanwhile is added onto the batch that failed, oldest first.
      const newer = batch;
      batch = old;
      for (const [minute, rows] of newer.minutes)
        for (const [field, count] of rows) {
          const [, , route, code] = JSON.parse(field) as string[];
          addRequests(minute, field, trafficField(OTHER, OTHER, route!, code!), count);
        }
      for (const [minute, counts] of newer.shadow) {
        const held =
          batch.shadow.get(minute) ?? batch.shadow.set(minute, { agree: 0, differ: 0, failed: 0 }).get(minute)!;
        held.agree += counts.agree;
        held.differ += counts.differ;
        held.failed += counts.failed;
      }
      for (const [hour, seen] of newer.seen) {
        const held = inner(batch.seen, hour);
        for (const [who, at] of seen) held.set(who, Math.max(held.get(who) ?? -Infinity, at));
      }
      for (const [day, shapes] of newer.shapes) for (const shape of shapes.values()) addShape(day, shape);
      for (const [day, count] of newer.otherShapes)
        batch.otherShapes.set(day, (batch.otherShapes.get(day) ?? 0) + count);
      bound();
    },
    get dropped() {
      return dropped;
    },
    get empty() {
      return (
        batch.minutes.size === 0 && batch.shadow.size === 0 && batch.shapes.size === 0 && batch.otherShapes.size === 0
      );
    },
  };
}

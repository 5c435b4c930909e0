/**
 * The call shapes this process has seen, per caller, for the migration assistant: bounded (the
 * busiest `maxShapes`; a new shape takes the place of the quietest, the least recent among equals)
 * and pure (the clock is an argument). Only verified calls have a shape: a stranger cannot fill it.
 */
import { capLabel } from '../metrics/label-values.js';
import type { RequestObservation } from '../metrics/observations.js';
import type { ShapeTotals } from './migration-view.js';

export interface ShapeStats {
  record(o: RequestObservation, now: number): void;
  /** Every shape held, seen within `sinceMs` of `now`, in no particular order. */
  all(now: number, sinceMs?: number): ShapeTotals[];
}

export const DEFAULT_MAX_SHAPES = 200;

type Entry = { -readonly [K in keyof ShapeTotals]: ShapeTotals[K] };

export function createShapeStats(maxShapes = DEFAULT_MAX_SHAPES): ShapeStats {
  const entries = new Map<string, Entry>();

  function evictQuietest(): void {
    let quietest: [string, Entry] | undefined;
    for (const pair of entries) {
      const [, e] = pair;
      if (
        !quietest ||
        e.requests < quietest[1].requests ||
        (e.requests === quietest[1].requests && e.lastSeen < quietest[1].lastSeen)
      )
        quietest = pair;
    }
    if (quietest) entries.delete(quietest[0]);
  }

  return {
    record(o, now) {
      if (!o.shape || maxShapes <= 0) return;
      const caller = capLabel(o.caller);
      const id = JSON.stringify([caller, o.shape.key]);
      let entry = entries.get(id);
      if (!entry) {
        if (entries.size >= maxShapes) evictQuietest();
        entry = {
          caller,
          shape: o.shape,
          requests: 0,
          errors: 0,
          lastSeen: -Infinity,
          route: o.route,
          lastCode: o.code,
          upstreamCalls: 0,
        };
        entries.set(id, entry);
      }
      entry.requests += 1;
      if (o.code !== 0) entry.errors += 1;
      if (now >= entry.lastSeen) {
        // The latest call's example, route and outcome: the plan shown is a real call's.
        Object.assign(entry, {
          shape: o.shape,
          lastSeen: now,
          route: o.route,
          lastCode: o.code,
          upstreamCalls: o.upstreamCalls ?? 0,
        });
      }
    },
    all(now, sinceMs = Infinity) {
      return [...entries.values()].filter((e) => now - e.lastSeen <= sinceMs).map((e) => ({ ...e }));
    },
  };
}

/**
 * The migration view of this process alone, from its memory: the traffic history (24 h) and the
 * shapes it has seen. Without REDIS_URL this is the page; with it, the fallback while Redis cannot
 * be read. Either way the page says so (docs/migration.md#fleet).
 */
import type { MigrationSource, MigrationView } from './migration-view.js';
import { topShapes } from './migration-view.js';
import type { ShapeStats } from './shape-stats.js';
import type { TrafficHistory } from './traffic-history.js';

export interface ProcessSource extends MigrationSource {
  /** The same view, with why the fleet's could not be shown. */
  viewWithProblem(now: number, problem: string): MigrationView;
}

export function processSource(
  history: TrafficHistory,
  shapes: ShapeStats | undefined,
  startedAt: number,
): ProcessSource {
  const view = (now: number, problem?: string): MigrationView => {
    const traffic = history.snapshot(now);
    return {
      scope: problem === undefined ? { kind: 'process', startedAt } : { kind: 'process', startedAt, problem },
      traffic,
      ...topShapes(shapes?.all(now, traffic.spanMinutes * 60_000) ?? []),
    };
  };
  return {
    view: async (now) => view(now),
    viewWithProblem: view,
  };
}

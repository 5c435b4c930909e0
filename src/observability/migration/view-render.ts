/**
 * The migration page for a view: each shape's plan made by the core (core/migration/plan.ts, from
 * the shape's latest call), then the page. Apart from page.ts so that the page's HTML does not
 * import how a plan is made, only what one is.
 */
import { migrationPlan } from '../../core/migration/plan.js';
import { shapeParams } from '../../core/migration/shape-params.js';
import type { AssistantRow, MigrationView, ShapeTotals } from './migration-view.js';
import { renderMigrationPage, type MigrationPageOptions } from './page.js';

export function assistantRows(shapes: readonly ShapeTotals[]): Promise<AssistantRow[]> {
  return Promise.all(shapes.map(async (totals) => ({ totals, plan: await migrationPlan(shapeParams(totals.shape)) })));
}

/** The whole page for a view: the traffic, whose it is, and the assistant with each shape's plan. */
export async function renderMigrationView(
  view: MigrationView,
  options: Pick<MigrationPageOptions, 'now' | 'refreshSeconds'>,
): Promise<string> {
  const rows = await assistantRows(view.shapes);
  return renderMigrationPage(view.traffic, {
    ...options,
    scope: view.scope,
    assistant: { rows, omitted: view.shapesOmitted },
  });
}

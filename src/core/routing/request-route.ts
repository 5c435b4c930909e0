/**
 * Which way one verified legacy request goes, from its Action, its `Version` and ACTION_ROUTES:
 * the gateway routes by it, and the migration plan (core/migration) asks it what a request became,
 * so the two cannot tell different stories (docs/contract.md#ours-transitional).
 */
import { DESCRIBE_IMAGES } from '../cvm3/types.js';
import { TRANSITIONAL_VERSION } from '../transitional/describe-images-3.js';
import { routeOf, type ActionRoutes } from './action-routes.js';

export type RequestRoute = 'translated' | 'transitional' | 'passthrough';

export function requestRoute(routes: ActionRoutes, action: string, version: string | undefined): RequestRoute {
  const actionRoute = routeOf(routes, action);
  // A 3.0-style DescribeImages goes to 3.0 as it is, unless the team sends DescribeImages through.
  if (version === TRANSITIONAL_VERSION && action === DESCRIBE_IMAGES && actionRoute === 'translate')
    return 'transitional';
  // Any other Version call is what the legacy host once served, and goes there.
  if (version !== undefined || actionRoute === 'passthrough') return 'passthrough';
  return 'translated';
}

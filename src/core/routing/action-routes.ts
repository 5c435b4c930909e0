/**
 * Which way each legacy Action goes (ACTION_ROUTES): `translate` to API 3.0 by this proxy, or
 * `passthrough` to the legacy endpoint, re-signed. Written `Action=route` separated by commas;
 * `*` names every Action not listed. Only the Actions the proxy can translate may be `translate`.
 */
import { DESCRIBE_IMAGES } from '../cvm3/types.js';

export type ActionRoute = 'translate' | 'passthrough';

export interface ActionRoutes {
  readonly byAction: ReadonlyMap<string, ActionRoute>;
  /** For every Action not named. */
  readonly otherwise: ActionRoute;
}

export const TRANSLATED_ACTIONS: ReadonlySet<string> = new Set([DESCRIBE_IMAGES]);

export const DEFAULT_ACTION_ROUTES = `${DESCRIBE_IMAGES}=translate,*=passthrough`;

const ACTION_NAME = /^(?:\*|[A-Za-z][A-Za-z0-9]{0,63})$/;

/** The table, or the list of what is wrong with the text (never empty when it throws). */
export function parseActionRoutes(text: string): ActionRoutes {
  const byAction = new Map<string, ActionRoute>([[DESCRIBE_IMAGES, 'translate']]);
  let otherwise: ActionRoute = 'passthrough';
  const problems: string[] = [];
  for (const entry of text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [action = '', route = '', ...rest] = entry.split('=').map((part) => part.trim());
    if (rest.length > 0 || !ACTION_NAME.test(action) || (route !== 'translate' && route !== 'passthrough')) {
      problems.push(`"${entry.slice(0, 80)}" is not Action=translate or Action=passthrough`);
    } else if (route === 'translate' && !TRANSLATED_ACTIONS.has(action)) {
      problems.push(`${action} cannot be translated: this proxy translates ${[...TRANSLATED_ACTIONS].join(', ')}`);
    } else if (action === '*') {
      otherwise = route;
    } else {
      byAction.set(action, route);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  return { byAction, otherwise };
}

export function routeOf(routes: ActionRoutes, action: string): ActionRoute {
  return routes.byAction.get(action) ?? routes.otherwise;
}

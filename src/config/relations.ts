/**
 * What settings require of each other, checked after each has been read on its own. A relation
 * is judged on the values as read, a refused one counting as its default.
 */
import { DESCRIBE_IMAGES } from '../core/cvm3/types.js';
import { routeOf } from '../core/routing/action-routes.js';
import { adminPortOf } from './admin.js';
import type { SettingName, SettingValues } from './schema.js';

export function checkRelations(values: SettingValues, refused: ReadonlySet<SettingName>, problems: string[]): void {
  const { LEGACY_ENDPOINT, ACTION_ROUTES, SHADOW_SAMPLE, TLS_CERT_FILE, TLS_KEY_FILE, TLS_PORT, PORT, ADMIN_PORT } =
    values;
  if (!LEGACY_ENDPOINT && routeOf(ACTION_ROUTES, DESCRIBE_IMAGES) === 'passthrough') {
    problems.push(`ACTION_ROUTES sends ${DESCRIBE_IMAGES} through, which needs LEGACY_ENDPOINT`);
  }
  if (SHADOW_SAMPLE > 0 && !LEGACY_ENDPOINT)
    problems.push('SHADOW_SAMPLE compares against the legacy endpoint, which needs LEGACY_ENDPOINT');
  if (!TLS_CERT_FILE !== !TLS_KEY_FILE)
    problems.push('TLS_CERT_FILE and TLS_KEY_FILE go together: set both, or neither');
  const tls = TLS_CERT_FILE && TLS_KEY_FILE;
  if (tls && TLS_PORT !== 0 && TLS_PORT === PORT && !refused.has('PORT') && !refused.has('TLS_PORT')) {
    problems.push(`TLS_PORT and PORT are both ${TLS_PORT}: TLS needs a port of its own`);
  }
  // The admin pages must never be served on a public listener (docs/operations.md#admin-listener).
  const admin = refused.has('ADMIN_PORT') ? undefined : adminPortOf(ADMIN_PORT, PORT);
  if (admin && admin === PORT && !refused.has('PORT'))
    problems.push(`ADMIN_PORT and PORT are both ${admin}: the admin listener needs a port of its own`);
  if (admin && tls && admin === TLS_PORT && !refused.has('TLS_PORT'))
    problems.push(`ADMIN_PORT and TLS_PORT are both ${admin}: the admin listener needs a port of its own`);
}

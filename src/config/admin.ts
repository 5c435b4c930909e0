/**
 * The admin listener's settings (Node): where GET /metrics, GET /migration and GET /readyz are
 * served, apart from the public listeners (docs/operations.md#admin-listener). ADMIN_PORT follows
 * PORT=0 when unset, so that every server a test starts on a free port gets a free admin port too.
 */
import { integer } from './kinds.js';
import type { Kind } from './setting.js';

export const DEFAULT_ADMIN_PORT = 9090;

export interface AdminConfig {
  /** The admin listener: never the public one (PORT, TLS_PORT); loopback unless ADMIN_HOST says otherwise. */
  readonly admin: { readonly host: string; readonly port: number };
}

const port = integer(0, 65535);

/** ADMIN_PORT: a port, or unset (then `DEFAULT_ADMIN_PORT`, or 0 beside PORT=0: see `adminPortOf`). */
export const adminPort: Kind<number | undefined> = {
  accepts: port.accepts,
  parse: (text, name, problems) => (text ? port.parse(text, name, problems) : undefined),
};

export function adminPortOf(adminPortSetting: number | undefined, publicPort: number): number {
  if (adminPortSetting !== undefined) return adminPortSetting;
  return publicPort === 0 ? 0 : DEFAULT_ADMIN_PORT;
}

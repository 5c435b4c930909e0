/**
 * The one line `npm start` prints when the proxy cannot start: the configuration's own message,
 * or, when a listener could not open, the HOST (or ADMIN_HOST) and port variable it was given.
 */
import { ConfigError, type ProxyConfig } from '../config/load-config.js';

const LISTEN_ERRORS = /^(EADDRINUSE|EADDRNOTAVAIL|EACCES|ENOTFOUND|EAI_AGAIN)$/;

/** `config` is absent when the configuration itself was at fault. */
export function startFailure(error: unknown, config: ProxyConfig | undefined): string {
  if (error instanceof ConfigError) return error.message;
  const {
    code = '',
    port,
    hostname,
    message,
  } = error as { code?: string; port?: number; hostname?: string; message?: string };
  if (!config || !LISTEN_ERRORS.test(code)) return `cannot start: ${message}`;
  // The admin listener: its port (or, for a name that does not resolve, its host) is its own.
  const admin = config.admin;
  const isAdmin =
    port !== undefined
      ? port === admin.port && port !== config.port && port !== config.tls?.port
      : hostname === admin.host && hostname !== config.host;
  if (isAdmin) return `cannot listen on ADMIN_HOST=${admin.host} ADMIN_PORT=${admin.port}: ${message}`;
  // Which public listener failed: the error names its port, and TLS_PORT is the other one.
  const listener =
    port !== undefined && port === config.tls?.port && port !== config.port
      ? `TLS_PORT=${port}`
      : `PORT=${config.port}`;
  return `cannot listen on HOST=${config.host} ${listener}: ${message}`;
}

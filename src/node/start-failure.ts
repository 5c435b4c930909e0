/**
 * The one line `npm start` prints when the proxy cannot start: the configuration's own message,
 * or, when a listener could not open, the HOST and port variable it was given.
 */
import { ConfigError, type ProxyConfig } from '../config/load-config.js';

const LISTEN_ERRORS = /^(EADDRINUSE|EADDRNOTAVAIL|EACCES|ENOTFOUND|EAI_AGAIN)$/;

/** `config` is absent when the configuration itself was at fault. */
export function startFailure(error: unknown, config: ProxyConfig | undefined): string {
  if (error instanceof ConfigError) return error.message;
  const { code = '', port, message } = error as { code?: string; port?: number; message?: string };
  if (!config || !LISTEN_ERRORS.test(code)) return `cannot start: ${message}`;
  // Which listener failed: the error names its port, and TLS_PORT is the other one.
  const listener = port !== undefined && port === config.tls?.port && port !== config.port ? `TLS_PORT=${port}` : `PORT=${config.port}`;
  return `cannot listen on HOST=${config.host} ${listener}: ${message}`;
}

/**
 * The logger on Workers: pino's browser build (wrangler picks it), one JSON object per line on
 * the console, the same fields as on Node. The browser build has no redaction and ignores
 * `base`, so secrets are censored in `write` and the fixed fields go into a child.
 */
import { pino, type Logger } from 'pino';
import type { LogLevel } from '../observability/log-level.js';
import { SERVICE_NAME } from '../observability/logger.js';
import { censorSecrets } from '../observability/secret-fields.js';

export function createWorkerLogger(level: LogLevel): Logger {
  const root = pino({
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    browser: { asObject: true, write: (record: object) => console.log(JSON.stringify(censorSecrets(record))) },
  });
  return root.child({ service: SERVICE_NAME });
}

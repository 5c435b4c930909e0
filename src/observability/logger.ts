/**
 * The JSON logger on Node. Secrets are removed by configuration, not by remembering: any field
 * that could carry a SecretKey, Signature or Token is censored wherever it appears.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/load-config.js';
import { censorSecrets } from './secret-fields.js';

export const SERVICE_NAME = 'qcloud-legacy-proxy';

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: SERVICE_NAME },
    // The one secret-safety mechanism, for any depth and any case; no redact paths besides it: they
    // cost a line ~60 µs (docs/performance.md#log-line).
    formatters: { log: (record: Record<string, unknown>) => censorSecrets(record) as Record<string, unknown> },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };

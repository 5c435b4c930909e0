/**
 * The JSON logger on Node. Secrets are removed by configuration, not by remembering: any field
 * that could carry a SecretKey, Signature or Token is censored wherever it appears.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/load-config.js';
import { CENSORED, REDACTED_PATHS, censorSecrets } from './secret-fields.js';

export const SERVICE_NAME = 'qcloud-legacy-proxy';

/**
 * `fields` go into every line: on Node, the replica's identity (pid, hostname: src/node/replica.ts),
 * so that the lines of many replicas can be told apart once they are collected in one place.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream, fields: Readonly<Record<string, unknown>> = {}): Logger {
  const options = {
    level,
    base: { service: SERVICE_NAME, ...fields },
    // Redaction by path for the common places, and the censor for any depth and any case.
    redact: { paths: REDACTED_PATHS, censor: CENSORED },
    formatters: { log: (record: Record<string, unknown>) => censorSecrets(record) as Record<string, unknown> },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };

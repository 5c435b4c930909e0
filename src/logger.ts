/**
 * The JSON logger. Secrets are removed by configuration, not by remembering: any field that
 * could carry a SecretKey, Signature or Token is censored wherever it appears.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export const REDACTED_PATHS = [
  'secretKey', '*.secretKey', '*.*.secretKey',
  'SecretKey', '*.SecretKey',
  'signature', '*.signature', 'Signature', '*.Signature',
  'token', '*.token', 'Token', '*.Token',
  'authorization', '*.authorization', 'Authorization', '*.Authorization',
];

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'qcloud-legacy-proxy' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };

/**
 * The JSON logger on Node. Secrets are removed by configuration, not by remembering: any field
 * that could carry a SecretKey, Signature or Token is censored wherever it appears. Lines go to
 * stdout without ever blocking (stdout-destination.ts), unless a test hands in its own destination.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './log-level.js';
import { censorSecrets } from './secret-fields.js';
import { nonBlockingDestination, type NonBlockingDestination } from './stdout-destination.js';

export const SERVICE_NAME = 'qcloud-legacy-proxy';

/** What may wait for a slow stdout reader before lines are dropped (a few thousand lines). */
const STDOUT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** pino's number for `warn`. */
const WARN = 40;

/**
 * `fields` go into every line: on Node, the replica's identity (pid, hostname: src/node/replica.ts),
 * so that the lines of many replicas can be told apart once they are collected in one place.
 */
export function createLogger(
  level: LogLevel,
  destination: DestinationStream = stdoutDestination(),
  fields: Readonly<Record<string, unknown>> = {},
): Logger {
  const options = {
    level,
    base: { service: SERVICE_NAME, ...fields },
    // The one secret-safety mechanism, for any depth and any case; no redact paths besides it: they
    // cost a line ~60 µs (docs/performance.md#log-line).
    formatters: { log: (record: Record<string, unknown>) => censorSecrets(record) as Record<string, unknown> },
    timestamp: isoTime,
  };
  return pino(options, destination);
}

/**
 * pino's isoTime (`,"time":"<ISO 8601>"`), made once per millisecond: at thousands of lines a
 * second, most lines share their millisecond with the one before.
 */
let lastMs = Number.NaN;
let lastTime = '';
function isoTime(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastTime = `,"time":"${new Date(now).toISOString()}"`;
  }
  return lastTime;
}

// One per process: every logger shares stdout, and its listeners.
let stdout: NonBlockingDestination | undefined;

function stdoutDestination(): NonBlockingDestination {
  stdout ??= nonBlockingDestination(process.stdout, {
    maxBufferedBytes: STDOUT_MAX_BUFFERED_BYTES,
    note: (dropped) =>
      `${JSON.stringify({ level: WARN, time: new Date().toISOString(), service: SERVICE_NAME, dropped, msg: 'log lines dropped: stdout was not read fast enough' })}\n`,
  });
  // The lines of the last turn: 'stopped', a fatal error's.
  process.once('exit', stdout.flush);
  return stdout;
}

export type { Logger };

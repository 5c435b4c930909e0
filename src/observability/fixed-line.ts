/**
 * A log line whose field names are fixed when it is defined, written in pino's own format to the
 * logger's own destination without pino's per-line work (~3 µs a line instead of ~15;
 * docs/performance.md#log-line). It keeps the log's one secret rule by construction: a field named
 * like a secret (secret-fields.ts) cannot be defined, so no line of this kind can carry one. Values
 * are plain: strings, numbers, booleans, null and lists of strings; anything else goes through
 * the censor as pino's lines do.
 *
 * Only for a pino logger on Node (one that has a destination stream); with any other logger
 * (the Worker's browser build) `fixedLine` answers undefined and the caller logs as usual.
 */
import { pino, type Logger } from 'pino';
import { censorSecrets, isSecretName } from './secret-fields.js';

export type LineValue = string | number | boolean | null | undefined | readonly string[];
/** Writes one line with the values of the fields, in the order they were defined. */
export type FixedLine = (values: readonly LineValue[]) => void;

type LevelName = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

interface PinoInternals {
  [key: symbol]: unknown;
}

export function fixedLine(
  logger: Logger,
  level: LevelName,
  message: string,
  fields: readonly string[],
): FixedLine | undefined {
  for (const field of fields) {
    if (isSecretName(field)) throw new Error(`a log line may not have a field named ${field}: it may hold a secret`);
  }
  // pino's browser build (the Worker's) has no symbols: it has no stream either.
  const symbols = (pino as { symbols?: typeof pino.symbols }).symbols;
  if (!symbols) return undefined;
  const internals = logger as unknown as PinoInternals;
  const stream = internals[symbols.streamSym] as { write(line: string): unknown } | undefined;
  const time = internals[symbols.timeSym] as (() => string) | undefined;
  const bindings = internals[symbols.chindingsSym];
  if (!stream || typeof stream.write !== 'function' || typeof time !== 'function' || typeof bindings !== 'string')
    return undefined;
  const opening = `{"level":${logger.levels.values[level]}`;
  const names = fields.map((field) => `,${JSON.stringify(field)}:`);
  const closing = `,"msg":${JSON.stringify(message)}}\n`;
  return (values) => {
    if (!logger.isLevelEnabled(level)) return;
    let line = opening + time() + bindings;
    for (let i = 0; i < names.length; i++) {
      const value = values[i];
      if (value !== undefined) line += names[i]! + json(value);
    }
    stream.write(line + closing);
  };
}

function json(value: Exclude<LineValue, undefined>): string {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    default:
      return value === null ? 'null' : JSON.stringify(censorSecrets(value));
  }
}

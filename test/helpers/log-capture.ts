/** A pino destination that keeps every line, so tests can read what the proxy logged. */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/observability/logger.js';

export interface CapturedLog {
  readonly logger: Logger;
  readonly lines: string[];
  records(): Array<Record<string, unknown>>;
}

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger('info', stream), lines, records: () => lines.map((line) => JSON.parse(line)) };
}

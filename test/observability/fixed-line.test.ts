import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fixedLine } from '../../src/observability/fixed-line.js';
import { createLogger } from '../../src/observability/logger.js';

function captured(level: 'info' | 'warn' = 'info') {
  const lines: string[] = [];
  const logger = createLogger(
    level,
    new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }),
  );
  return { logger, lines };
}

describe('fixedLine', () => {
  it('writes the line pino would write for the same fields, undefined ones left out', () => {
    const { logger, lines } = captured();
    const fields = ['requestId', 'code', 'ok', 'ids', 'none', 'gone', 'text', 'nan'];
    const values = ['r-1', 4100, true, ['a', 'b"c'], null, undefined, 'quote " and \\ and \u2028 中', Number.NaN];
    fixedLine(logger, 'info', 'legacy request', fields)!(values);
    logger.info(Object.fromEntries(fields.map((f, i) => [f, values[i]])), 'legacy request');
    const [ours, pinos] = lines.map((line) => JSON.parse(line));
    expect(lines.every((line) => line.endsWith('}\n'))).toBe(true);
    expect({ ...ours, time: undefined }).toEqual({ ...pinos, time: undefined });
    expect(Object.keys(ours)).toEqual(Object.keys(pinos));
  });

  it('cannot be defined with a field named like a secret, in any case', () => {
    const { logger } = captured();
    for (const field of ['secretKey', 'Signature', 'TOKEN', 'authorization']) {
      expect(() => fixedLine(logger, 'info', 'x', ['requestId', field])).toThrow(/may hold a secret/);
    }
  });

  it("writes nothing below the logger's level", () => {
    const { logger, lines } = captured('warn');
    fixedLine(logger, 'info', 'x', ['a'])!(['b']);
    expect(lines).toHaveLength(0);
  });

  it("answers undefined for a logger without a stream of its own (the Worker's), so the caller logs as usual", () => {
    const browserLike = {
      levels: { values: { info: 30 } },
      isLevelEnabled: () => true,
      info() {},
    } as unknown as Parameters<typeof fixedLine>[0];
    expect(fixedLine(browserLike, 'info', 'x', ['a'])).toBeUndefined();
  });
});

/** The Node logger: one JSON line per record, the service named, secrets censored by configuration. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, SERVICE_NAME } from '../../src/observability/logger.js';

function capture(level: 'debug' | 'info' | 'warn' = 'info') {
  const lines: string[] = [];
  const destination = new Writable({
    write: (chunk, _encoding, done) => void (lines.push(...String(chunk).split('\n').filter(Boolean)), done()),
  });
  return {
    logger: createLogger(level, destination),
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes JSON lines with the level, the service, an ISO time and the message', () => {
    const { logger, records } = capture();
    logger.info({ requestId: 'r-1', code: 0 }, 'legacy request');
    const [record] = records();
    expect(record).toMatchObject({
      level: 30,
      service: SERVICE_NAME,
      requestId: 'r-1',
      code: 0,
      msg: 'legacy request',
    });
    expect(new Date(String(record?.['time'])).toISOString()).toBe(record?.['time']);
  });

  it('leaves out records below its level', () => {
    const { logger, records } = capture('warn');
    logger.info('quiet');
    logger.warn('loud');
    expect(records().map((r) => r['msg'])).toEqual(['loud']);
  });

  it('censors every secret-named field, at any depth and in any case, in the line itself', () => {
    const { logger, records } = capture();
    // Values no timestamp or field name can contain ('T1' is in every ISO time from 10:00 to 19:59).
    const secrets = {
      secretKey: 'key-one-value',
      Signature: 'signature-value',
      token: 'token-value',
      nested: { deeper: { list: [{ SECRETKEY: 'key-two-value', authorization: 'authorization-value' }] } },
    };
    logger.info({ secretId: 'AKIDvisible', ...secrets }, 'with secrets');
    const line = JSON.stringify(records()[0]);
    for (const secret of ['key-one-value', 'signature-value', 'token-value', 'key-two-value', 'authorization-value'])
      expect(line).not.toContain(secret);
    expect(records()[0]).toMatchObject({
      secretId: 'AKIDvisible',
      secretKey: '[redacted]',
      Signature: '[redacted]',
      token: '[redacted]',
    });
  });

  it("keeps an error's type and message readable", () => {
    const { logger, records } = capture();
    logger.warn({ cause: new RangeError('out of range') }, 'failed');
    expect(records()[0]).toMatchObject({ cause: { type: 'RangeError', message: 'out of range' } });
  });
});

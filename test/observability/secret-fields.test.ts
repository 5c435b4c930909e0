import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { censorSecrets, isSecretName } from '../../src/observability/secret-fields.js';

describe('censorSecrets (the one secret-safety mechanism of both loggers)', () => {
  it('censors secret-named fields at any depth and in any case, and keeps the rest', () => {
    const record = {
      msg: 'x',
      secretId: 'AKID',
      nested: { SecretKey: 'k', list: [{ signature: 's', token: 't' }], Authorization: 'a' },
    };
    expect(censorSecrets(record)).toEqual({
      msg: 'x',
      secretId: 'AKID',
      nested: {
        SecretKey: '[redacted]',
        list: [{ signature: '[redacted]', token: '[redacted]' }],
        Authorization: '[redacted]',
      },
    });
    expect(record.nested.SecretKey).toBe('k'); // the caller's object is never changed
  });

  it("keeps an Error's type, message and stack (JSON.stringify would give {})", () => {
    const error = new TypeError('boom');
    expect(censorSecrets({ err: error })).toEqual({ err: { type: 'TypeError', message: 'boom', stack: error.stack } });
  });

  it('hands back a line with nothing to censor as it is, without copying it', () => {
    const line = {
      requestId: 'r',
      action: 'DescribeImages',
      code: 0,
      upstreamRequestIds: ['a', 'b'],
      nested: { region: 'ap-guangzhou' },
    };
    expect(censorSecrets(line)).toBe(line);
  });

  it('logs only the own fields of an object that is not plain data, never what its toJSON adds', () => {
    const url = new URL('https://user:hunter2@redis.internal:6379');
    expect(JSON.stringify(censorSecrets({ url }))).not.toContain('hunter2');
  });

  it('drops what is nested deeper than it looks, rather than write it unchecked', () => {
    let deep: Record<string, unknown> = { token: 'deep-secret' };
    for (let i = 0; i < 12; i++) deep = { inner: deep };
    expect(JSON.stringify(censorSecrets(deep))).not.toContain('deep-secret');
  });

  it('names a secret in any letter case, and nothing else', () => {
    for (const name of ['secretKey', 'SecretKey', 'SIGNATURE', 'Token', 'authorization'])
      expect(isSecretName(name)).toBe(true);
    for (const name of ['secretId', 'signatureMethod', 'tokens', 'requestId', ''])
      expect(isSecretName(name)).toBe(false);
  });
});

describe('the Node logger', () => {
  it('never writes a secret-named field, at any depth', () => {
    const lines: string[] = [];
    const logger = createLogger(
      'info',
      new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }),
    );
    logger.info(
      { a: { b: { c: { d: { Signature: 's3cret-sig' } } } }, Token: 't0ken', list: [[{ secretKey: 'k3y' }]] },
      'x',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/s3cret-sig|t0ken|k3y/);
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'x', Token: '[redacted]', service: 'qcloud-legacy-proxy' });
  });
});

import { describe, expect, it } from 'vitest';
import { censorSecrets, REDACTED_PATHS } from '../../src/observability/secret-fields.js';

describe('censorSecrets (the Worker logger\'s redaction)', () => {
  it('censors secret-named fields at any depth and in any case, and keeps the rest', () => {
    const record = { msg: 'x', secretId: 'AKID', nested: { SecretKey: 'k', list: [{ signature: 's', token: 't' }], Authorization: 'a' } };
    expect(censorSecrets(record)).toEqual({
      msg: 'x', secretId: 'AKID', nested: { SecretKey: '[redacted]', list: [{ signature: '[redacted]', token: '[redacted]' }], Authorization: '[redacted]' },
    });
  });

  it('keeps an Error\'s type, message and stack (JSON.stringify would give {})', () => {
    const error = new TypeError('boom');
    expect(censorSecrets({ err: error })).toEqual({ err: { type: 'TypeError', message: 'boom', stack: error.stack } });
  });

  it('gives pino on Node the same names to redact', () => {
    expect(REDACTED_PATHS).toEqual(expect.arrayContaining(['secretKey', '*.SecretKey', 'signature', '*.*.token', 'Authorization']));
  });
});

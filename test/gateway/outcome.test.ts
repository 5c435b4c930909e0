/** The legacy code of each kind of outcome, as the request log and the metrics report it. */
import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../src/core/errors.js';
import { codeOf } from '../../src/gateway/outcome.js';

const forwarded = (status: number, body: string) =>
  ({
    kind: 'forwarded',
    answer: { status, contentType: 'application/json', body: new TextEncoder().encode(body) },
  }) as const;

describe('codeOf', () => {
  it.each([
    ['a translated answer', { kind: 'legacy', envelope: { code: 0, message: '', codeDesc: 'Success' } } as const, 0],
    ['a transitional answer', { kind: 'cvm3', answer: { Response: { RequestId: 'r' } } } as const, 0],
    ['a failure', { kind: 'failed', error: new LegacyError(4100, 'no') } as const, 4100],
    ["the legacy endpoint's code", forwarded(200, '{"code":5100,"message":"x"}'), 5100],
    ['a legacy answer that is not JSON', forwarded(200, '<html>'), -1],
    ['a legacy answer without an integer code', forwarded(200, '{"code":"0"}'), -1],
    ['a legacy answer that is not HTTP 200', forwarded(502, '{"code":0}'), -1],
  ])('%s', (_name, outcome, code) => {
    expect(codeOf(outcome)).toBe(code);
  });
});

/** Each kind of answer as the HTTP response a legacy client reads, whichever runtime writes it. */
import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../src/core/errors.js';
import type { Answer } from '../../src/gateway/outcome.js';
import { httpAnswerOf, httpFailureOf, type HttpAnswer } from '../../src/http/render.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (answer: HttpAnswer) => (answer.body ? new TextDecoder().decode(answer.body) : null);
const rendered = (answer: Answer) => httpAnswerOf(answer, 'req-1');

describe('httpAnswerOf', () => {
  it('sends a translated answer as HTTP 200 JSON, with the request id', () => {
    const envelope = { code: 0, message: '', codeDesc: 'Success', totalCount: 0, imageSet: [] } as const;
    const answer = rendered({ kind: 'legacy', envelope });
    expect(answer.status).toBe(200);
    expect(answer.headers).toEqual({ 'content-type': 'application/json', 'x-request-id': 'req-1' });
    expect(text(answer)).toBe(JSON.stringify(envelope));
  });

  it('sends a 3.0-shaped answer as HTTP 200 JSON', () => {
    const answer = rendered({ kind: 'cvm3', answer: { Response: { TotalCount: 0, ImageSet: [], RequestId: 'r-1' } } });
    expect(answer.status).toBe(200);
    expect(JSON.parse(text(answer)!)).toEqual({ Response: { TotalCount: 0, ImageSet: [], RequestId: 'r-1' } });
  });

  it("passes the legacy endpoint's answer on as it came: status, content type, body, redirect target", () => {
    const ok = rendered({
      kind: 'forwarded',
      answer: { status: 200, contentType: 'text/plain; charset=gbk', body: bytes('{"code":0}') },
    });
    expect([ok.status, ok.headers['content-type'], text(ok)]).toEqual([200, 'text/plain; charset=gbk', '{"code":0}']);
    const moved = rendered({
      kind: 'forwarded',
      answer: { status: 302, contentType: 'text/html', body: bytes('moved'), location: 'https://x.test/' },
    });
    expect([moved.status, moved.headers.location, text(moved)]).toEqual([302, 'https://x.test/', 'moved']);
  });

  it.each([204, 205, 304])('sends no body with a %i', (status) => {
    const answer = rendered({
      kind: 'forwarded',
      answer: { status, contentType: 'text/plain', body: bytes('ignored') },
    });
    expect(answer.status).toBe(status);
    expect(answer.body).toBeNull();
  });
});

describe('httpFailureOf', () => {
  it('is the legacy envelope, or the 3.0 shape for a request that named a Version', () => {
    const failure = new LegacyError(4100, 'signature does not match');
    expect(JSON.parse(text(httpFailureOf(failure, false, 'req-2'))!)).toMatchObject({
      code: 4100,
      message: 'signature does not match',
    });
    expect(JSON.parse(text(httpFailureOf(failure, true, 'req-2'))!)).toMatchObject({
      Response: { Error: { Code: expect.any(String) }, RequestId: 'req-2' },
    });
  });
});

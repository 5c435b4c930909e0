/** Each kind of answer as the HTTP response a legacy client reads. */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/gateway/outcome.js';
import { renderAnswer } from '../../src/http/render.js';

const rendered = (answer: Answer) => new Hono().get('/', (c) => renderAnswer(c, answer)).request('http://proxy.test/');
const bytes = (text: string) => new TextEncoder().encode(text);

describe('renderAnswer', () => {
  it('sends a translated answer as HTTP 200 JSON', async () => {
    const response = await rendered({
      kind: 'legacy',
      envelope: { code: 0, message: '', codeDesc: 'Success', totalCount: 0, imageSet: [] },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ code: 0, message: '', codeDesc: 'Success', totalCount: 0, imageSet: [] });
  });

  it('sends a 3.0-shaped answer as HTTP 200 JSON', async () => {
    const response = await rendered({
      kind: 'cvm3',
      answer: { Response: { TotalCount: 0, ImageSet: [], RequestId: 'r-1' } },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ Response: { TotalCount: 0, ImageSet: [], RequestId: 'r-1' } });
  });

  it("passes the legacy endpoint's answer on as it came: status, content type, body, redirect target", async () => {
    const ok = await rendered({
      kind: 'forwarded',
      answer: { status: 200, contentType: 'text/plain; charset=gbk', body: bytes('{"code":0}') },
    });
    expect([ok.status, ok.headers.get('content-type'), await ok.text()]).toEqual([
      200,
      'text/plain; charset=gbk',
      '{"code":0}',
    ]);
    const moved = await rendered({
      kind: 'forwarded',
      answer: { status: 302, contentType: 'text/html', body: bytes('moved'), location: 'https://x.test/' },
    });
    expect([moved.status, moved.headers.get('location'), await moved.text()]).toEqual([
      302,
      'https://x.test/',
      'moved',
    ]);
  });

  it.each([204, 205, 304])('sends no body with a %i', async (status) => {
    const response = await rendered({
      kind: 'forwarded',
      answer: { status, contentType: 'text/plain', body: bytes('ignored') },
    });
    expect(response.status).toBe(status);
    expect(response.body).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { readBodyText } from '../../src/http/read-body.js';

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://h/', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('readBodyText', () => {
  it('reads a body within the limit as UTF-8', async () => {
    expect(await readBodyText(post('a=%E4%B8%AD&b=中'), 100)).toBe('a=%E4%B8%AD&b=中');
  });

  it('refuses a body over the limit, whatever Content-Length claims', async () => {
    await expect(readBodyText(post('x'.repeat(101)), 100)).rejects.toMatchObject({
      code: 4000,
      message: 'request body is larger than 100 bytes',
    });
    const chunks = new ReadableStream({
      start(c) {
        for (let i = 0; i < 20; i++) c.enqueue(new Uint8Array(10));
        c.close();
      },
    });
    await expect(readBodyText(post(chunks, { 'content-length': '5' }), 100)).rejects.toMatchObject({ code: 4000 });
  });

  it('answers a body cut off by the client with a 4000, not an internal error', async () => {
    const broken = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode('a=1'));
        c.error(new Error('aborted'));
      },
    });
    await expect(readBodyText(post(broken), 100)).rejects.toMatchObject({
      code: 4000,
      message: expect.stringMatching(/could not be read/),
    });
  });
});

/**
 * Pass-through to the legacy endpoint: the caller's request re-signed for that host (checked here
 * with node:crypto, A1's recipe), its answer handed back as it came; a failure is a 6200.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { collectParams } from '../../src/core/legacy/params.js';
import {
  createLegacyForwarder,
  MAX_LEGACY_ANSWER_BYTES,
  type ForwardedRequest,
} from '../../src/upstream/legacy-forwarder.js';

const KEY = 'callerSecretKey';
const CLIENT_PARAMS = {
  Action: 'DescribeInstances',
  Nonce: '77',
  Region: 'gz',
  SecretId: 'AKIDcaller',
  Timestamp: '1719792000',
  limit: '3',
  Signature: 'signed-for-the-proxy',
};

function fakeFetch(
  answer: () => Response | Promise<Response> = () =>
    new Response('{"code":0}', { headers: { 'content-type': 'application/json' } }),
) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetchImpl = (async (url: string | URL, init: RequestInit = {}) => {
    calls.push({ url: String(url), init });
    return answer();
  }) as typeof fetch;
  return { calls, fetchImpl };
}

const request = (over: Partial<ForwardedRequest> = {}): ForwardedRequest => ({
  method: 'GET',
  params: collectParams(Object.entries(CLIENT_PARAMS)),
  secretKey: KEY,
  signedOrder: 0,
  signal: new AbortController().signal,
  ...over,
});

/** A1: HMAC over METHOD + host + path + `?` + the sorted pairs but Signature. */
function expectedSignature(method: string, host: string, pairs: Array<[string, string]>): string {
  const text = `${method}${host}/v2/index.php?${pairs
    .filter(([k]) => k !== 'Signature')
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')}`;
  return createHmac('sha1', KEY).update(text).digest('base64');
}

describe('createLegacyForwarder', () => {
  it("GET: to /v2/index.php on the endpoint, every parameter kept, Signature made for the endpoint's host and port", async () => {
    const { calls, fetchImpl } = fakeFetch();
    await createLegacyForwarder(new URL('http://legacy.internal:9100/some/base'), fetchImpl)(request());
    const url = new URL(calls[0]!.url);
    expect(`${url.origin}${url.pathname}`).toBe('http://legacy.internal:9100/v2/index.php');
    const pairs = [...url.searchParams] as Array<[string, string]>;
    expect(Object.fromEntries(pairs)).toEqual({
      ...CLIENT_PARAMS,
      Signature: expectedSignature('GET', 'legacy.internal:9100', pairs),
    });
    expect(calls[0]!.init).toMatchObject({ method: 'GET', redirect: 'manual' });
  });

  it('signs the host without a default port, as a legacy SDK does', async () => {
    const { calls, fetchImpl } = fakeFetch();
    await createLegacyForwarder(new URL('https://cvm.api.qcloud.com:443'), fetchImpl)(request());
    const pairs = [...new URL(calls[0]!.url).searchParams] as Array<[string, string]>;
    expect(Object.fromEntries(pairs)['Signature']).toBe(expectedSignature('GET', 'cvm.api.qcloud.com', pairs));
  });

  it('POST: a form body, signed as a POST', async () => {
    const { calls, fetchImpl } = fakeFetch();
    await createLegacyForwarder(new URL('http://legacy.internal'), fetchImpl)(request({ method: 'POST' }));
    const { url, init } = calls[0]!;
    expect(url).toBe('http://legacy.internal/v2/index.php');
    expect(init).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
    const pairs = [...new URLSearchParams(String(init.body))] as Array<[string, string]>;
    expect(Object.fromEntries(pairs)['Signature']).toBe(expectedSignature('POST', 'legacy.internal', pairs));
  });

  it("hands back status, content type and body as they came, and a redirect's target without following it", async () => {
    const body = new Uint8Array([0, 1, 2, 255]);
    const answer = await createLegacyForwarder(
      new URL('http://l'),
      fakeFetch(
        () =>
          new Response(body, { status: 302, headers: { 'content-type': 'text/x-odd', location: 'http://elsewhere/' } }),
      ).fetchImpl,
    )(request());
    expect(answer).toEqual({ status: 302, contentType: 'text/x-odd', body, location: 'http://elsewhere/' });
    const bare = await createLegacyForwarder(
      new URL('http://l'),
      fakeFetch(() => new Response(null, { status: 500 })).fetchImpl,
    )(request());
    expect(bare).toEqual({ status: 500, contentType: 'application/octet-stream', body: new Uint8Array() });
  });

  it('6200 when the endpoint cannot be reached, naming its host, keeping the cause', async () => {
    const refused = new TypeError('fetch failed');
    const error = await createLegacyForwarder(
      new URL('http://legacy.internal:9100'),
      fakeFetch(() => Promise.reject(refused)).fetchImpl,
    )(request()).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 6200,
      codeDesc: 'ServiceUnavailable',
      message: 'the legacy endpoint legacy.internal:9100 is unavailable: it could not be reached',
    });
    expect((error as Error).cause).toBe(refused);
  });

  it('6200 "no answer before the deadline" when the request\'s signal ended it', async () => {
    const deadline = new AbortController();
    deadline.abort();
    const forward = createLegacyForwarder(
      new URL('http://l'),
      fakeFetch(() => Promise.reject(new DOMException('aborted', 'AbortError'))).fetchImpl,
    );
    await expect(forward(request({ signal: deadline.signal }))).rejects.toMatchObject({
      code: 6200,
      message: 'the legacy endpoint l is unavailable: no answer before the deadline',
    });
  });

  it('6200 for an answer past the size it holds', async () => {
    const mib = new Uint8Array(1024 * 1024);
    let sent = 0;
    const huge = new ReadableStream<Uint8Array>({
      pull: (c) => void (sent++ <= MAX_LEGACY_ANSWER_BYTES / mib.length ? c.enqueue(mib) : c.close()),
    });
    const forward = createLegacyForwarder(new URL('http://l'), fakeFetch(() => new Response(huge)).fetchImpl);
    await expect(forward(request())).rejects.toMatchObject({
      code: 6200,
      message: `the legacy endpoint's answer is larger than ${MAX_LEGACY_ANSWER_BYTES} bytes`,
    });
  });
});

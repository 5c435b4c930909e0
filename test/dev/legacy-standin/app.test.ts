/**
 * The stand-in's Hono app around the legacy path: other Actions, methods, content types and paths
 * get legacy answers, and every request to the legacy path is recorded.
 */
import { describe, expect, it } from 'vitest';
import { STANDIN_HOST, call, signFor, standin } from './helpers.js';

describe('the rest of the legacy path', () => {
  it('6100 for an Action this host does not serve, after the signature is checked', async () => {
    const { app } = standin();
    const answer = await call(app, { params: { Action: 'RunInstances' } });
    expect(answer).toMatchObject({ code: 6100, codeDesc: 'UnsupportedOperation' });
    expect(answer.message).toMatch(/RunInstances is not supported on this host/);
    expect(await call(app, { params: { Action: 'RunInstances' } }, (p) => void (p['Region'] = 'sh'))).toMatchObject({
      code: 4100,
    });
  });

  it('legacy answers for other methods, content types and paths; such requests are recorded unverified', async () => {
    const { app, controls } = standin();
    const put = await app.request(`http://${STANDIN_HOST}/v2/index.php`, { method: 'PUT' });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ code: 4000, message: 'method PUT is not supported; use GET or POST' });
    const json = await app.request(`http://${STANDIN_HOST}/v2/index.php`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await json.json()).toMatchObject({
      code: 4000,
      message: expect.stringMatching(/must be application\/x-www-form-urlencoded/),
    });
    expect(controls.received).toMatchObject([
      { method: 'PUT', params: {}, signatureVerified: false },
      { method: 'POST', signatureVerified: false },
    ]);
    const other = await app.request(`http://${STANDIN_HOST}/v3/index.php`);
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ code: 5000 });
  });

  it('a POST reads the form body only, as the legacy host did', async () => {
    const { app } = standin();
    const params = await signFor({ method: 'POST', params: { imageType: 2, limit: 1 } });
    const response = await app.request(`http://${STANDIN_HOST}/v2/index.php?imageType=1`, {
      method: 'POST',
      headers: { host: STANDIN_HOST, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams(params).toString(),
    });
    expect(await response.json()).toMatchObject({ code: 0, imageSet: [{ imageType: 2 }] });
  });
});

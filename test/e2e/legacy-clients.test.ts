/**
 * Tencent's own legacy clients, as they appear on the wire (docs/contract.md#b1, #b12): the Java
 * SDK's multipart/form-data POST byte for byte, and the RequestSource/RequestClient parameters
 * that qcloudcli and the SDKs add to every request. The 3.0 side is the emulator; pass-through
 * goes to the legacy stand-in, which records what it received.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A } from '../../dev/emulator/accounts.js';
import { javaSdkMultipart } from '../../dev/legacy-client/java-sdk-multipart.js';
import { signLegacyRequest } from '../../dev/legacy-client/sign-request.js';
import { startLegacyStandin, type LegacyStandinServer } from '../../dev/legacy-standin/server.js';
import type { LegacySignatureMethod } from '../../src/core/legacy/signature.js';
import { PROXY_HOST, startHarness, type Harness } from '../helpers/harness.js';

let standin: LegacyStandinServer;
let h: Harness;
beforeAll(async () => {
  standin = await startLegacyStandin();
  h = await startHarness({ env: { LEGACY_ENDPOINT: standin.url } });
});
afterAll(async () => {
  await h.close();
  await standin.close();
});
afterEach(() => {
  standin.clearReceived();
  h.emulator.emulator.clearRequests();
});

/** Signed as the Java SDK signs a POST: the same sorted fields as a GET, with the POST method. */
async function javaPost(
  params: Record<string, string | number>,
  options: { signatureMethod?: LegacySignatureMethod; file?: boolean } = {},
) {
  const signed = await signLegacyRequest({
    method: 'POST',
    host: PROXY_HOST,
    path: '/v2/index.php',
    ...DEMO_ACCOUNT_A,
    signatureMethod: options.signatureMethod,
    params: { Region: 'gz', ...params },
  });
  const file = options.file ? { name: 'entityFile', filename: 'image.qcow2', content: 'bytes' } : undefined;
  const { contentType, body } = javaSdkMultipart(signed, 'a1b2c3d4e5f6a7b', file);
  return h.app.request(`http://${PROXY_HOST}/v2/index.php`, {
    method: 'POST',
    headers: { host: PROXY_HOST, 'content-type': contentType },
    body,
  });
}

describe('the legacy Java SDK: every POST is multipart/form-data', () => {
  it.each(['HmacSHA1', 'HmacSHA256'] as const)(
    'is answered exactly as the same query by GET (%s)',
    async (signatureMethod) => {
      const query = { Action: 'DescribeImages', imageType: 2, offset: 3, limit: 4 };
      const posted = await javaPost(query, { signatureMethod });
      expect(posted.status).toBe(200);
      const answer = await posted.json();
      expect(answer).toMatchObject({ code: 0, codeDesc: 'Success' });
      expect(answer).toEqual(await h.legacy({ params: query, signatureMethod }));
    },
  );

  it('refuses a file part with a 4000 that says files are not accepted, before anything is called', async () => {
    const answer = await (await javaPost({ Action: 'DescribeImages', imageType: 2 }, { file: true })).json();
    expect(answer).toMatchObject({
      code: 4000,
      message: 'file parts are not accepted (part "entityFile"): send text fields only',
    });
    expect(h.emulator.emulator.requests).toHaveLength(0);
  });

  it('refuses a file part on a pass-through Action too: nothing reaches the legacy host', async () => {
    const answer = await (await javaPost({ Action: 'DescribeInstances' }, { file: true })).json();
    expect(answer).toMatchObject({ code: 4000, message: expect.stringMatching(/file parts are not accepted/) });
    expect(standin.received).toHaveLength(0);
  });

  it('passes a multipart POST through re-signed, with its fields (as a urlencoded POST, which the legacy host reads)', async () => {
    const response = await javaPost({ Action: 'DescribeInstances', limit: 2 });
    expect(await response.json()).toMatchObject({ code: 0, instanceSet: [{}, {}] });
    expect(standin.received[0]).toMatchObject({
      method: 'POST',
      signatureVerified: true,
      params: { Action: 'DescribeInstances', limit: '2' },
    });
  });

  it('refuses a parameter given twice and a body over MAX_BODY_BYTES, as for urlencoded bodies', async () => {
    const boundary = `${'-'.repeat(27)}0123456789abcde`;
    const twice = `\r\n--${boundary}\r\nContent-Disposition: form-data; name="limit"\r\n\r\n1\r\n--${boundary}\r\nContent-Disposition: form-data; name="limit"\r\n\r\n2\r\n--${boundary}--\r\n`;
    const headers = { host: PROXY_HOST, 'content-type': `multipart/form-data; boundary=${boundary}` };
    const duplicate = await h.app.request(`http://${PROXY_HOST}/v2/index.php`, {
      method: 'POST',
      headers,
      body: twice,
    });
    expect(await duplicate.json()).toMatchObject({ code: 4000, message: 'limit: is given more than once' });
    const big = javaSdkMultipart({ Action: 'DescribeImages', pad: 'x'.repeat(h.config.maxBodyBytes) });
    const tooLarge = await h.app.request(`http://${PROXY_HOST}/v2/index.php`, {
      method: 'POST',
      headers: { host: PROXY_HOST, 'content-type': big.contentType },
      body: big.body,
    });
    expect(await tooLarge.json()).toMatchObject({
      code: 4000,
      message: `request body is larger than ${h.config.maxBodyBytes} bytes`,
    });
  });
});

describe('parameters that clients add: RequestSource (qcloudcli) and RequestClient (the SDKs)', () => {
  it('a translated DescribeImages accepts both and sends neither on to 3.0', async () => {
    const answer = await h.legacy({
      params: { imageType: 2, limit: 1, RequestSource: 'qcloudcli_1.9.19', RequestClient: 'SDK_PYTHON_2.0.15' },
    });
    // The emulator refuses a parameter 3.0 does not know (UnknownParameter), as 3.0 does: a success
    // is the proof that neither was sent on.
    expect(answer).toMatchObject({ code: 0, imageSet: [{}] });
    expect(h.emulator.emulator.requests.every((request) => request.errorCode === undefined)).toBe(true);
  });

  it("qcloudcli's `image DescribeImages` (Version=2017-03-12) is answered in the 3.0 shape, RequestSource never sent on", async () => {
    const response = await h.send({
      params: {
        Version: '2017-03-12',
        Limit: 2,
        'Filters.0.Name': 'image-type',
        'Filters.0.Values.0': 'PUBLIC_IMAGE',
        RequestSource: 'qcloudcli_1.9.19',
      },
    });
    const answer = await response.json();
    expect(answer.Response).toMatchObject({ TotalCount: expect.any(Number), ImageSet: [{}, {}] });
    expect(answer.Response.Error).toBeUndefined();
    expect(h.emulator.emulator.requests).toHaveLength(1);
    expect(h.emulator.emulator.requests[0]!.errorCode).toBeUndefined();
  });

  it('a pass-through forwards them to the legacy host unchanged, inside the signature', async () => {
    await h.send({ params: { Action: 'DescribeInstances', RequestSource: 'qcloudcli_1.9.19' } });
    expect(standin.received[0]).toMatchObject({
      signatureVerified: true,
      params: { RequestSource: 'qcloudcli_1.9.19' },
    });
  });
});

/**
 * Pass-through: an Action the proxy does not translate goes on to the legacy endpoint (here the
 * stand-in, which verifies legacy signatures against its own host), re-signed with the caller's
 * key, and its answer comes back unchanged. ACTION_ROUTES can send a translated Action through too.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_B } from '../../dev/emulator/accounts.js';
import { startLegacyStandin, type LegacyStandinServer } from '../../dev/legacy-standin/server.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let standin: LegacyStandinServer;
let h: Harness;
beforeAll(async () => {
  standin = await startLegacyStandin();
  h = await startHarness({ env: { LEGACY_ENDPOINT: standin.url, UPSTREAM_TIMEOUT_MS: '1000' } });
});
afterAll(async () => {
  await h.close();
  await standin.close();
});
afterEach(() => {
  standin.fail('none');
  standin.clearReceived();
  h.emulator.emulator.clearRequests();
});

/** What the stand-in itself answers to the same query, signed for its own host. */
async function direct(params: Record<string, string>): Promise<{ status: number; text: string }> {
  const { signLegacyRequest } = await import('../../dev/legacy-client/sign-request.js');
  const { DEMO_ACCOUNT_A } = await import('../../dev/emulator/accounts.js');
  const signed = await signLegacyRequest({
    method: 'GET',
    host: standin.host,
    path: '/v2/index.php',
    ...DEMO_ACCOUNT_A,
    params: { Region: 'gz', ...params },
  });
  const response = await fetch(`${standin.endpoint}?${new URLSearchParams(signed)}`);
  return { status: response.status, text: await response.text() };
}

describe('an Action the proxy does not translate', () => {
  it.each(['GET', 'POST'] as const)(
    'passes through over %s, re-signed for the legacy host, answered unchanged',
    async (method) => {
      const response = await h.send({ method, params: { Action: 'DescribeInstances', offset: 2, limit: 3 } });
      const text = await response.text();
      expect(response.status).toBe(200);
      expect(text).toBe((await direct({ Action: 'DescribeInstances', offset: '2', limit: '3' })).text);
      expect(JSON.parse(text)).toMatchObject({ code: 0, totalCount: 7, instanceSet: [{}, {}, {}] });
      const [received] = standin.received;
      expect(received).toMatchObject({
        method,
        host: standin.host,
        signatureVerified: true,
        params: { Action: 'DescribeInstances', offset: '2', limit: '3' },
      });
      expect(h.emulator.emulator.requests).toHaveLength(0);
    },
  );

  it("keeps the client's Nonce, Timestamp, SignatureMethod and Token; only the signature changes", async () => {
    await h.send({
      signatureMethod: 'HmacSHA256',
      params: { Action: 'DescribeInstances', Nonce: 424242, Token: 'session-token' },
    });
    expect(standin.received[0]).toMatchObject({
      signatureVerified: true,
      params: { Nonce: '424242', SignatureMethod: 'HmacSHA256', Token: '<redacted>' },
    });
  });

  it("signs with the caller's own key", async () => {
    const response = await h.send({ account: DEMO_ACCOUNT_B, params: { Action: 'DescribeInstances' } });
    expect(standin.received[0]).toMatchObject({
      signatureVerified: true,
      params: { SecretId: DEMO_ACCOUNT_B.secretId },
    });
    expect(await response.json()).toMatchObject({ code: 0, totalCount: 7 });
  });

  it('never forwards what the proxy could not verify: tampered, replayed, unknown caller', async () => {
    expect(await h.legacy({ params: { Action: 'DescribeInstances' } }, (p) => void (p.limit = '5'))).toMatchObject({
      code: 4100,
    });
    let signed: Record<string, string> = {};
    expect(await h.legacy({ params: { Action: 'DescribeInstances' } }, (p) => void (signed = { ...p }))).toMatchObject({
      code: 0,
    });
    expect(await (await h.sendSigned('GET', signed)).json()).toMatchObject({ code: 4500 });
    expect(
      await h.legacy({ params: { Action: 'DescribeInstances' } }, (p) => void (p.SecretId = 'AKIDunknown')),
    ).toMatchObject({ code: 4104 });
    expect(standin.received).toHaveLength(1);
  });

  it("returns the legacy host's own errors and non-200 answers as they are", async () => {
    standin.fail('http500');
    const response = await h.send({ params: { Action: 'DescribeInstances' } });
    expect(response.status).toBe(500);
    expect(h.log.records().at(-1)).toMatchObject({ route: 'passthrough', code: -1 });
    standin.fail('none');
    expect(await h.legacy({ params: { Action: 'RunInstances' } })).toMatchObject({ code: 6100 });
  });

  it('answers 6200 when the legacy endpoint does not answer before the deadline', async () => {
    standin.fail('hang');
    expect(await h.legacy({ params: { Action: 'DescribeInstances' } })).toMatchObject({
      code: 6200,
      message: expect.stringMatching(/legacy endpoint 127\.0\.0\.1:\d+ is unavailable: no answer before the deadline/),
    });
  });

  it('logs the route and the legacy code of the answer', async () => {
    await h.send({ params: { Action: 'DescribeInstances' } });
    expect(h.log.records().at(-1)).toMatchObject({
      msg: 'legacy request',
      action: 'DescribeInstances',
      route: 'passthrough',
      authenticated: true,
      code: 0,
    });
    // A claimed SecretId with a bad signature is logged as claimed, and marked so.
    await h.send({ params: { Action: 'DescribeInstances' } }, (p) => void (p.limit = '3'));
    expect(h.log.records().at(-1)).toMatchObject({ route: 'rejected', authenticated: false, code: 4100 });
  });
});

describe('answers of every kind', () => {
  it('passes a 204, a redirect and an oversized answer on as HTTP allows', async () => {
    const { MAX_LEGACY_ANSWER_BYTES } = await import('../../src/upstream/legacy-forwarder.js');
    const { createProxyApp } = await import('../../src/compose.js');
    const answers: Array<() => Response> = [
      () => new Response(null, { status: 204 }),
      () => new Response(null, { status: 302, headers: { location: 'https://elsewhere.example/v2/index.php' } }),
      () => new Response(new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array(1024 * 1024)) })),
    ];
    let next = 0;
    const app = createProxyApp(
      { ...h.config, legacyEndpoint: new URL('https://legacy.example') },
      {
        cvm: { describeImages: () => Promise.reject(new Error('unused')) },
        logger: h.log.logger,
        fetch: async () => answers[next++]!(),
      },
    );
    const send = async () => {
      const { signLegacyRequest } = await import('../../dev/legacy-client/sign-request.js');
      const { DEMO_ACCOUNT_A } = await import('../../dev/emulator/accounts.js');
      const signed = await signLegacyRequest({
        method: 'GET',
        host: 'proxy',
        path: '/v2/index.php',
        ...DEMO_ACCOUNT_A,
        params: { Action: 'DescribeInstances', Region: 'gz' },
      });
      return app.request(`http://proxy/v2/index.php?${new URLSearchParams(signed)}`, { headers: { host: 'proxy' } });
    };
    const empty = await send();
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
    const moved = await send();
    expect(moved.status).toBe(302);
    expect(moved.headers.get('location')).toBe('https://elsewhere.example/v2/index.php');
    expect(await (await send()).json()).toMatchObject({
      code: 6200,
      message: `the legacy endpoint's answer is larger than ${MAX_LEGACY_ANSWER_BYTES} bytes`,
    });
  });
});

describe('ACTION_ROUTES', () => {
  it('can send DescribeImages through as well: no 3.0 call, the legacy answer', async () => {
    const routed = await startHarness({
      env: { LEGACY_ENDPOINT: standin.url, ACTION_ROUTES: 'DescribeImages=passthrough' },
    });
    try {
      const answer = await routed.legacy({ params: { imageType: 2, limit: 3 } });
      expect(answer).toMatchObject({ code: 0, totalCount: 38 });
      expect(routed.emulator.emulator.requests).toHaveLength(0);
      expect(standin.received.at(-1)).toMatchObject({ signatureVerified: true, params: { Action: 'DescribeImages' } });
      // Its 3.0-style form follows it: through to the legacy host, which once served those too.
      await routed.send({ params: { Version: '2017-03-12', 'ImageIds.0': 'img-31tjrtph' } });
      expect(standin.received.at(-1)).toMatchObject({ params: { Version: '2017-03-12' } });
      expect(routed.emulator.emulator.requests).toHaveLength(0);
    } finally {
      await routed.close();
    }
  });

  it('can refuse everything else: `*=translate` is not allowed, so untranslated Actions need an endpoint', async () => {
    const closed = await startHarness();
    try {
      expect(await closed.legacy({ params: { Action: 'DescribeInstances' } })).toMatchObject({
        code: 6100,
        message: expect.stringMatching(/no LEGACY_ENDPOINT/),
      });
    } finally {
      await closed.close();
    }
  });

  it('sends a 3.0-style call for another Action through, as the legacy host once served it', async () => {
    await h.send({ params: { Action: 'DescribeInstances', Version: '2017-03-12' } });
    expect(standin.received.at(-1)).toMatchObject({ signatureVerified: true, params: { Version: '2017-03-12' } });
  });
});

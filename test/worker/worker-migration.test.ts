/**
 * The migration features on the Worker build (wrangler's bundle, run in workerd by Miniflare):
 * pass-through to the legacy endpoint, transitional `Version=2017-03-12` calls, and the shadow
 * comparison kept alive after the answer by the execution context's waitUntil. The legacy
 * endpoint is the stand-in on a real local socket, and LEGACY_ENDPOINT is its own address, so the
 * Worker re-signs for the Host the stand-in receives and its signature check is real.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A } from '../../dev/emulator/accounts.js';
import { startEmulatorServer, type EmulatorServer } from '../../dev/emulator/server.js';
import { signLegacyRequest } from '../../dev/legacy-client/sign-request.js';
import type { ReceivedRequest } from '../../dev/legacy-standin/controls.js';
import { CHANGED_OS_SUFFIX } from '../../dev/legacy-standin/modes.js';
import { startLegacyStandin, type LegacyStandinServer } from '../../dev/legacy-standin/server.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { startWorkerWithoutContext } from '../helpers/worker-migration-runtime.js';
import { logRecords, startWorker, type WorkerRuntime } from '../helpers/worker-runtime.js';

/** The host the Worker is addressed by (Miniflare keeps it in the request URL, which it verifies). */
const WORKER_HOST = 'image.api.qcloud.com';
const CREDENTIALS = JSON.stringify([{ secretId: DEMO_ACCOUNT_A.secretId, secretKey: DEMO_ACCOUNT_A.secretKey }]);
/** The request deadline on the migrating Worker, which is also the shadow's own timeout. */
const TIMEOUT_MS = 4_000;

type Params = Record<string, string | number>;
type Method = 'GET' | 'POST';
/** What these tests use of a running Worker. */
type Worker = Pick<WorkerRuntime, 'fetch' | 'logs'>;

let emulator: EmulatorServer;
let standin: LegacyStandinServer;
let harness: Harness;
/** LEGACY_ENDPOINT = the stand-in, SHADOW_SAMPLE=1: every translated DescribeImages is shadowed. */
let migrating: WorkerRuntime;
/** No LEGACY_ENDPOINT: nothing passes through. */
let plain: WorkerRuntime;

const baseBindings = () => ({ CVM_ENDPOINT: emulator.url, PROXY_CREDENTIALS: CREDENTIALS, LOG_LEVEL: 'info' });
/** The stand-in's real address, so the Worker signs for the very Host the stand-in receives. */
const migratingBindings = () => ({
  LEGACY_ENDPOINT: standin.url,
  SHADOW_SAMPLE: '1',
  UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
});

beforeAll(async () => {
  emulator = await startEmulatorServer({ port: 0, rateLimitPerSecond: 0 });
  standin = await startLegacyStandin({ port: 0 });
  harness = await startHarness();
  migrating = await startWorker({ bindings: { ...baseBindings(), ...migratingBindings() } });
  plain = await startWorker({ bindings: baseBindings() });
}, 60_000);

afterAll(async () => {
  await migrating?.dispose();
  await plain?.dispose();
  await harness?.close();
  await standin?.close();
  await emulator?.close();
});

/** Signs `params` (Action DescribeImages and Region gz unless given) for `host`, as a legacy client does. */
function sign(host: string, method: Method, params: Params): Promise<Record<string, string>> {
  return signLegacyRequest({
    method,
    host,
    path: '/v2/index.php',
    secretId: DEMO_ACCOUNT_A.secretId,
    secretKey: DEMO_ACCOUNT_A.secretKey,
    params: { Action: 'DescribeImages', Region: 'gz', ...params },
  });
}

/** Sends signed parameters to `base` + /v2/index.php through `fetcher`, GET or form POST. */
function send(
  fetcher: (url: string, init?: RequestInit) => Promise<Response>,
  base: string,
  method: Method,
  signed: Record<string, string>,
): Promise<Response> {
  const form = new URLSearchParams(signed).toString();
  return method === 'GET'
    ? fetcher(`${base}/v2/index.php?${form}`)
    : fetcher(`${base}/v2/index.php`, {
        method,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      });
}

/** A legacy client addressing the Worker; the signed parameters come back too. */
async function toWorker(worker: Worker, params: Params, method: Method = 'GET') {
  const signed = await sign(WORKER_HOST, method, params);
  const response = await send((url, init) => worker.fetch(url, init), `http://${WORKER_HOST}`, method, signed);
  return { response, signed, requestId: response.headers.get('x-request-id') ?? '' };
}

/** The same request sent straight to the stand-in, signed for the stand-in's own host. */
async function toStandin(params: Params, method: Method = 'GET'): Promise<Response> {
  return send((url, init) => fetch(url, init), standin.url, method, await sign(standin.host, method, params));
}

/** Polls until `probe` finds something (logs arrive over the runtime's stdout, the shadow in the background). */
async function eventually<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The Worker's 'legacy request' log line for one request (by the X-Request-Id it answered with). */
const requestLine = (worker: Worker, requestId: string) =>
  eventually(`the log line of request ${requestId}`, () =>
    logRecords(worker.logs).find((r) => r.msg === 'legacy request' && r.requestId === requestId),
  );

/** The stand-in's record of a request carrying this Nonce (the client's own, kept by the re-signing). */
const receivedWithNonce = (nonce: string) => standin.received.find((r) => r.params.Nonce === nonce);

/** Metric log lines printed since `from` (an index into the Worker's log). */
const metricLines = (worker: Worker, metric: string, from: number) =>
  logRecords(worker.logs.slice(from)).filter((r) => r.metric === metric);

describe('pass-through: an Action the proxy does not translate goes to LEGACY_ENDPOINT', () => {
  it.each(['GET', 'POST'] as const)(
    'DescribeInstances by %s: the legacy answer as the stand-in gives it, re-signed for its host',
    async (method) => {
      const params = { Action: 'DescribeInstances', limit: 3 };
      const direct = await toStandin(params, method);
      const { response, signed } = await toWorker(migrating, params, method);

      expect(response.status).toBe(direct.status);
      expect(response.headers.get('content-type')).toBe(direct.headers.get('content-type'));
      const body = await response.text();
      expect(body).toBe(await direct.text());
      expect(JSON.parse(body)).toMatchObject({ code: 0, totalCount: 7, instanceSet: { length: 3 } });

      const received = await eventually('the forwarded request', () => receivedWithNonce(signed.Nonce!));
      expect(received).toMatchObject({ method, host: standin.host, path: '/v2/index.php', signatureVerified: true });
      // Every parameter as the client sent it; only the signature is new.
      expect(received.params).toMatchObject({ ...signed, Signature: expect.any(String) });
    },
  );

  it('an HTTP 500 from the legacy host comes back unchanged (status, content type, body)', async () => {
    standin.fail('http500');
    try {
      const { response } = await toWorker(migrating, { Action: 'DescribeInstances' });
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await response.text()).toBe('Internal Server Error');
    } finally {
      standin.fail('none');
    }
  });

  it('a legacy host that never answers: a legacy 6200 at the request deadline, not a hung request', async () => {
    standin.fail('hang');
    try {
      const started = Date.now();
      const { response } = await toWorker(migrating, { Action: 'DescribeInstances' });
      expect(await response.json()).toMatchObject({
        code: 6200,
        message: `the legacy endpoint ${standin.host} is unavailable: no answer before the deadline`,
      });
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 5_000);
    } finally {
      standin.fail('none');
    }
  }, 30_000);

  it('logs route "passthrough" with the legacy code, and an upstream_request line for the legacy call', async () => {
    const from = migrating.logs.length;
    const { requestId } = await toWorker(migrating, { Action: 'DescribeInstances' });
    expect(await requestLine(migrating, requestId)).toMatchObject({
      action: 'DescribeInstances',
      route: 'passthrough',
      code: 0,
      upstreamCalls: 0,
    });
    const upstream = await eventually('an upstream_request line', () =>
      metricLines(migrating, 'upstream_request', from).find((r) => r.upstream === 'legacy'),
    );
    expect(upstream).toMatchObject({ upstream: 'legacy', outcome: 'ok', durationMs: expect.any(Number) });
  });

  it('without LEGACY_ENDPOINT it is a 6100, and nothing reaches the legacy host', async () => {
    const { response, signed, requestId } = await toWorker(plain, { Action: 'DescribeInstances' });
    expect(await response.json()).toMatchObject({
      code: 6100,
      message:
        'Action DescribeInstances is not translated by this proxy, and no LEGACY_ENDPOINT is configured to pass it through',
    });
    expect(await requestLine(plain, requestId)).toMatchObject({
      action: 'DescribeInstances',
      route: 'rejected',
      code: 6100,
    });
    expect(receivedWithNonce(signed.Nonce!)).toBeUndefined();
  });
});

describe('transitional: Version=2017-03-12 DescribeImages answers in the 3.0 shape', () => {
  const transitional = (params: Params): Params => ({ Version: '2017-03-12', Region: 'ap-guangzhou', ...params });

  it.each([
    [
      'Filters, Offset and Limit',
      { 'Filters.0.Name': 'image-type', 'Filters.0.Values.0': 'PUBLIC_IMAGE', Offset: 30, Limit: 5 },
      38,
      5,
    ],
    ['ImageIds', { 'ImageIds.0': 'img-31tjrtph' }, 1, 1],
  ] as const)(
    '%s: the same TotalCount and ImageSet as on Node, one 3.0 call, nothing to the legacy host',
    async (_name, params, total, length) => {
      const fromNode = await harness.legacy({ params: transitional(params) });
      emulator.emulator.clearRequests();
      const { response, signed, requestId } = await toWorker(migrating, transitional(params));
      const fromWorker = (await response.json()) as {
        Response: { TotalCount: number; ImageSet: unknown[]; RequestId: string };
      };

      expect(fromWorker).toEqual({
        Response: { TotalCount: total, ImageSet: expect.any(Array), RequestId: expect.any(String) },
      });
      expect(fromWorker.Response.ImageSet).toHaveLength(length);
      expect(fromWorker.Response.TotalCount).toBe(fromNode.Response.TotalCount);
      expect(fromWorker.Response.ImageSet).toEqual(fromNode.Response.ImageSet);
      expect(emulator.emulator.requests).toHaveLength(1);
      expect(await requestLine(migrating, requestId)).toMatchObject({
        route: 'transitional',
        code: 0,
        upstreamCalls: 1,
        region: 'ap-guangzhou',
      });
      // Not forwarded, and not shadowed (only translated requests are).
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(receivedWithNonce(signed.Nonce!)).toBeUndefined();
    },
  );

  it.each([
    ['a parameter refused before 3.0', { Colour: 'blue' }],
    ["3.0's own error", { Limit: 101 }],
  ] as const)('%s: {Response:{Error:{Code,Message},RequestId}}, the same Code as on Node', async (_name, params) => {
    const fromNode = await harness.legacy({ params: transitional(params) });
    const { response } = await toWorker(migrating, transitional(params));
    const fromWorker = (await response.json()) as { Response: { Error: { Code: string } } };
    expect(fromWorker).toEqual({
      Response: { Error: { Code: expect.any(String), Message: expect.any(String) }, RequestId: expect.any(String) },
    });
    expect(fromWorker.Response.Error.Code).toBe(fromNode.Response.Error.Code);
  });
});

describe('shadow: SHADOW_SAMPLE=1 also sends translated DescribeImages to the legacy host, after the answer', () => {
  const query = { imageType: 2, limit: 3 };

  it('the client gets the translated answer; the stand-in gets the shadow, signed for its host; they agree', async () => {
    const from = migrating.logs.length;
    const { response, signed } = await toWorker(migrating, query);
    const answer = (await response.json()) as { code: number; totalCount: number; imageSet: unknown[] };
    expect(answer).toEqual(await (await toStandin(query)).json());
    expect(answer).toMatchObject({ code: 0, totalCount: 38, imageSet: { length: 3 } });

    const shadowed: ReceivedRequest = await eventually('the shadow request at the stand-in', () =>
      receivedWithNonce(signed.Nonce!),
    );
    expect(shadowed).toMatchObject({
      method: 'GET',
      host: standin.host,
      signatureVerified: true,
      params: { Action: 'DescribeImages', imageType: '2', limit: '3' },
    });
    // The comparison ends after the answer was sent: only waitUntil keeps the request's context alive for it.
    const comparison = await eventually(
      'a shadow_comparison line',
      () => metricLines(migrating, 'shadow_comparison', from)[0],
    );
    expect(comparison).toMatchObject({ outcome: 'agree', differingFields: [] });
  });

  it("with disagree('change-field'): a shadow_comparison line 'differ' naming imageSet[].osName", async () => {
    standin.disagree('change-field');
    try {
      const from = migrating.logs.length;
      const { response, requestId } = await toWorker(migrating, query);
      const answer = (await response.json()) as { code: number; imageSet: Array<{ osName: string }> };
      expect(answer.code).toBe(0);
      expect(answer.imageSet[0]!.osName).not.toContain(CHANGED_OS_SUFFIX); // the client's answer is the translated one

      const comparison = await eventually(
        'a shadow_comparison line',
        () => metricLines(migrating, 'shadow_comparison', from)[0],
      );
      expect(comparison).toMatchObject({
        msg: 'shadow comparison',
        outcome: 'differ',
        differingFields: ['imageSet[].osName'],
      });
      // Printed just after the metric line, so it may come in a later chunk of stdout.
      const warning = await eventually('the warning', () =>
        logRecords(migrating.logs.slice(from)).find((r) => r.msg === 'shadow answer differs'),
      );
      expect(warning).toMatchObject({
        requestId,
        action: 'DescribeImages',
        differences: [{ field: 'imageSet[].osName', imageIds: [expect.stringMatching(/^img-/)] }],
      });
      expect(await requestLine(migrating, requestId)).toMatchObject({ route: 'translated', code: 0 });
    } finally {
      standin.disagree('none');
    }
  });

  it("with fail('hang'): the answer comes back before the deadline; the shadow fails at its timeout, in the background", async () => {
    standin.fail('hang');
    try {
      const from = migrating.logs.length;
      const { response, signed, requestId } = await toWorker(migrating, query);
      // Code 0 is an answer before the deadline (past it, 6200); the shadow's failure is logged after it (below).
      expect(await response.json()).toMatchObject({ code: 0, totalCount: 38 });
      const answeredAt = migrating.logs.length;

      await eventually('the shadow request at the stand-in', () => receivedWithNonce(signed.Nonce!));
      const comparison = await eventually(
        'a failed shadow_comparison line',
        () => metricLines(migrating, 'shadow_comparison', from)[0],
        TIMEOUT_MS + 10_000,
      );
      expect(comparison).toMatchObject({ outcome: 'failed', differingFields: [] });
      expect(
        migrating.logs.findIndex((line, i) => i >= from && line.includes('"shadow_comparison"')),
      ).toBeGreaterThanOrEqual(answeredAt);
      expect(
        await eventually('the failure warning', () =>
          logRecords(migrating.logs.slice(from)).find((r) => r.msg === 'shadow comparison failed'),
        ),
      ).toMatchObject({ requestId });
      expect(metricLines(migrating, 'upstream_request', from).filter((r) => r.upstream === 'legacy')).toEqual([
        expect.objectContaining({ outcome: 'error' }),
      ]);
    } finally {
      standin.fail('none');
    }
  }, 30_000);

  it('negative control: the same bundle handed no execution context never finishes a comparison after the answer', async () => {
    const contextFree = await startWorkerWithoutContext({ ...baseBindings(), ...migratingBindings() });
    try {
      const { response, requestId } = await toWorker(contextFree, query);
      expect(await response.json()).toMatchObject({ code: 0, totalCount: 38 });
      await requestLine(contextFree, requestId);
      // With waitUntil the comparison was logged within milliseconds of the answer; without it,
      // the request's context ends with the answer and takes the shadow with it. (Its request may
      // still have left for the stand-in before that: arrival alone proves nothing about waitUntil.)
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(metricLines(contextFree, 'shadow_comparison', 0)).toEqual([]);
      expect(metricLines(contextFree, 'upstream_request', 0).filter((r) => r.upstream === 'legacy')).toEqual([]);
    } finally {
      await contextFree.dispose();
    }
  }, 30_000);
});

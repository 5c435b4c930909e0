/**
 * The Worker build (wrangler's bundle, run in workerd by Miniflare) against the Node server:
 * the same legacy answers for the same table of requests, with API 3.0 played by the built-in
 * emulator on a local socket (so the Worker's TC3 signatures are checked for real).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { DEMO_ACCOUNT_A } from '../../dev/emulator/accounts.js';
import { DEMO_CATALOGUE } from '../../dev/emulator/catalogue.js';
import { startEmulatorServer, type EmulatorServer } from '../../dev/emulator/server.js';
import { startProxyServer, type RunningServer } from '../../src/node/server.js';
import { captureLog } from '../helpers/log-capture.js';
import { javaSdkMultipart } from '../../dev/legacy-client/java-sdk-multipart.js';
import { signLegacyRequest } from '../../dev/legacy-client/sign-request.js';
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { WORKER_SCRIPT, logRecords, startWorker, type WorkerRuntime } from '../helpers/worker-runtime.js';
import { startScriptedUpstream } from '../helpers/scripted-upstream.js';
import {
  FAILURE_BY_REGION,
  FAILURE_CASES,
  LEGACY_CASES,
  TABLE_ACCOUNTS,
  TABLE_CREDENTIALS,
  runCase,
  type LegacyTarget,
} from '../shared/legacy-cases.js';

const CREDENTIALS = TABLE_CREDENTIALS;
const WORKER_HOST = 'image.api.qcloud.com';

let emulator: EmulatorServer;
let node: RunningServer;
let worker: WorkerRuntime;
let nodeTarget: LegacyTarget;
let workerTarget: LegacyTarget;

function formSend(fetcher: (url: string, init?: RequestInit) => Promise<Response>, base: string) {
  return (method: 'GET' | 'POST', params: Record<string, string>) => {
    const form = new URLSearchParams(params).toString();
    return method === 'GET'
      ? fetcher(`${base}/v2/index.php?${form}`)
      : fetcher(`${base}/v2/index.php`, {
          method,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
        });
  };
}

beforeAll(async () => {
  emulator = await startEmulatorServer({
    port: 0,
    rateLimitPerSecond: 0,
    accounts: TABLE_ACCOUNTS,
    catalogue: DEMO_CATALOGUE,
  });
  node = await startProxyServer(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', CVM_ENDPOINT: emulator.url, PROXY_CREDENTIALS: CREDENTIALS }),
    captureLog().logger,
  );
  worker = await startWorker({
    bindings: { CVM_ENDPOINT: emulator.url, PROXY_CREDENTIALS: CREDENTIALS, LOG_LEVEL: 'info' },
  });
  nodeTarget = { host: new URL(node.url).host, send: formSend((url, init) => fetch(url, init), node.url) };
  workerTarget = { host: WORKER_HOST, send: formSend((url, init) => worker.fetch(url, init), `http://${WORKER_HOST}`) };
}, 60_000);

afterAll(async () => {
  await worker?.dispose();
  await node?.close();
  await emulator?.close();
});

describe('the build', () => {
  it('bundles well under the Workers size limit (3 MiB compressed on the free plan)', async () => {
    const gzipKiB = gzipSync(await readFile(WORKER_SCRIPT)).byteLength / 1024;
    expect(gzipKiB).toBeGreaterThan(10);
    expect(gzipKiB).toBeLessThan(1024);
  });
});

/**
 * A 4200 names the server time: each runtime reads its own clock (workerd's cannot be set from
 * here), and two readings can be a second apart. Only that number is masked; the Timestamp is not.
 */
function maskServerTime(answers: Awaited<ReturnType<typeof runCase>>) {
  return answers.map((answer) => {
    const text = answer.text.replace(/(from the server time )\d+/, '$1<now>');
    return { ...answer, text, body: JSON.parse(text) as unknown };
  });
}

/** Polls (bounded) until `probe` finds something: log lines arrive over workerd's stdout, after the answer. */
async function eventually<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the shared table: the Worker answers as Node does', () => {
  it.each(LEGACY_CASES.map((c) => [c.name, c] as const))('%s', async (_name, legacyCase) => {
    // One clock reading for both: the same Timestamp goes to each.
    const nowSeconds = Math.floor(Date.now() / 1000);
    const fromNode = await runCase(nodeTarget, legacyCase, nowSeconds);
    const fromWorker = await runCase(workerTarget, legacyCase, nowSeconds);
    expect(maskServerTime(fromWorker)).toEqual(maskServerTime(fromNode));
    expect(fromNode.every((a) => a.status === 200 && typeof (a.body as { code: unknown }).code === 'number')).toBe(
      true,
    );
  });
});

describe("Tencent's legacy clients: the Worker answers as Node does", () => {
  /** The Java SDK's multipart POST, signed for the host each runtime is addressed by. */
  async function javaPost(
    fetcher: (url: string, init?: RequestInit) => Promise<Response>,
    base: string,
    host: string,
    signatureMethod: 'HmacSHA1' | 'HmacSHA256',
  ) {
    const signed = await signLegacyRequest({
      method: 'POST',
      host,
      path: '/v2/index.php',
      ...DEMO_ACCOUNT_A,
      signatureMethod,
      params: { Action: 'DescribeImages', Region: 'gz', imageType: 2, limit: 3, RequestClient: 'SDK_JAVA_2.0.7' },
    });
    const { contentType, body } = javaSdkMultipart(signed);
    return (
      await fetcher(`${base}/v2/index.php`, { method: 'POST', headers: { 'content-type': contentType }, body })
    ).json();
  }

  it.each(['HmacSHA1', 'HmacSHA256'] as const)('a Java SDK multipart POST (%s)', async (signatureMethod) => {
    const fromNode = await javaPost((url, init) => fetch(url, init), node.url, nodeTarget.host, signatureMethod);
    const fromWorker = await javaPost(
      (url, init) => worker.fetch(url, init),
      `http://${WORKER_HOST}`,
      WORKER_HOST,
      signatureMethod,
    );
    expect(fromNode).toMatchObject({ code: 0, totalCount: 38 });
    expect(fromWorker).toEqual(fromNode);
  });

  it('a qcloudcli 3.0-style call with RequestSource', async () => {
    const call = { name: 'qcloudcli', params: { Version: '2017-03-12', Limit: 2, RequestSource: 'qcloudcli_1.9.19' } };
    const [fromNode] = await runCase(nodeTarget, call);
    const [fromWorker] = await runCase(workerTarget, call);
    expect((fromNode!.body as { Response: { ImageSet: unknown[] } }).Response.ImageSet).toHaveLength(2);
    // Each RequestId is the proxy's own; everything else is the same.
    const withoutId = (answer: typeof fromNode) => {
      const { RequestId: _, ...rest } = (answer!.body as { Response: Record<string, unknown> }).Response;
      return rest;
    };
    expect(withoutId(fromWorker)).toEqual(withoutId(fromNode));
  });
});

describe('a failing API 3.0: the Worker answers as Node does', () => {
  it('for every failure, by the legacy code of Part B.10', async () => {
    const upstream = await startScriptedUpstream((headers) => FAILURE_BY_REGION[String(headers['x-tc-region'])]!.reply);
    const nodeProxy = await startProxyServer(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', CVM_ENDPOINT: upstream.url, PROXY_CREDENTIALS: CREDENTIALS }),
      captureLog().logger,
    );
    const failingWorker = await startWorker({
      bindings: { CVM_ENDPOINT: upstream.url, PROXY_CREDENTIALS: CREDENTIALS },
    });
    try {
      const toNode: LegacyTarget = {
        host: new URL(nodeProxy.url).host,
        send: formSend((url, init) => fetch(url, init), nodeProxy.url),
      };
      const toWorker: LegacyTarget = {
        host: WORKER_HOST,
        send: formSend((url, init) => failingWorker.fetch(url, init), `http://${WORKER_HOST}`),
      };
      for (const failure of FAILURE_CASES) {
        const fromNode = await runCase(toNode, failure);
        expect(await runCase(toWorker, failure), failure.name).toEqual(fromNode);
        const region = String(failure.params.Region);
        expect((fromNode[0]!.body as { code: number }).code, failure.name).toBe(FAILURE_BY_REGION[region]!.legacy);
      }
    } finally {
      await failingWorker.dispose();
      await nodeProxy.close();
      await upstream.close();
    }
  });

  it('together with the table, every legacy code of Part B is covered', async () => {
    const codes = new Set<number>();
    for (const legacyCase of LEGACY_CASES)
      for (const answer of await runCase(nodeTarget, legacyCase)) codes.add((answer.body as { code: number }).code);
    for (const { legacy } of Object.values(FAILURE_BY_REGION)) codes.add(legacy);
    expect([...codes].sort()).toEqual([
      0, 4000, 4100, 4101, 4104, 4105, 4200, 4400, 4500, 5000, 5100, 6000, 6100, 6200,
    ]);
  });
});

describe('the production endpoint', () => {
  it('signs for cvm.tencentcloudapi.com (service "cvm") as the real API checks it', async () => {
    // wrangler.toml's CVM_ENDPOINT as shipped; the "internet" is the emulator, reached with the Host the Worker addressed.
    const seen: string[] = [];
    const production = await startWorker({
      bindings: { PROXY_CREDENTIALS: CREDENTIALS },
      outbound: async (request) => {
        seen.push(new URL(request.url).host);
        return forward(request, emulator.port);
      },
    });
    try {
      const answers = await runCase(
        { host: WORKER_HOST, send: formSend((url, init) => production.fetch(url, init), `http://${WORKER_HOST}`) },
        { name: 'p', params: { imageType: 2, limit: 3 } },
      );
      expect(answers[0]!.body).toMatchObject({ code: 0, totalCount: 38 });
      expect(seen).toEqual(['cvm.tencentcloudapi.com']);
      expect(emulator.emulator.requests.at(-1)).toMatchObject({ action: 'DescribeImages', region: 'ap-guangzhou' });
    } finally {
      await production.dispose();
    }
  });
});

/** Sends a request meant for the internet to the local emulator, keeping its Host header. */
async function forward(request: Request, port: number): Promise<Response> {
  const body = Buffer.from(await request.arrayBuffer());
  return new Promise((resolve, reject) => {
    const headers = Object.fromEntries(request.headers);
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: request.method,
        path: new URL(request.url).pathname,
        headers: { ...headers, host: new URL(request.url).host },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve(
            new Response(Buffer.concat(chunks), {
              status: incoming.statusCode,
              headers: { 'content-type': String(incoming.headers['content-type']) },
            }),
          ),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('the Worker alone', () => {
  it('answers an unknown path with 404 JSON, and other methods with a 4000', async () => {
    const missing = await worker.fetch(`http://${WORKER_HOST}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 5000 });
    const put = await worker.fetch(`http://${WORKER_HOST}/v2/index.php`, { method: 'PUT' });
    expect(await put.json()).toMatchObject({ code: 4000, message: 'method PUT is not supported; use GET or POST' });
  });

  it('logs the same request fields as Node does (but the process ones, pid and hostname)', async () => {
    const nodeLog = captureLog();
    const loggedNode = await startProxyServer(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', CVM_ENDPOINT: emulator.url, PROXY_CREDENTIALS: CREDENTIALS }),
      nodeLog.logger,
    );
    try {
      const target: LegacyTarget = {
        host: new URL(loggedNode.url).host,
        send: formSend((url, init) => fetch(url, init), loggedNode.url),
      };
      for (const params of [{ imageType: 2, limit: 1 }, { imageType: 7 }] as Array<Record<string, number>>) {
        const before = worker.logs.length;
        await runCase(target, { name: 'node', params });
        await runCase(workerTarget, { name: 'worker', params });
        const fromNode = nodeLog.records().at(-1)!;
        const fromWorker = await eventually("the Worker's request log line", () =>
          logRecords(worker.logs.slice(before)).find((r) => r.msg === 'legacy request'),
        );
        const nodeKeys = Object.keys(fromNode)
          .filter((key) => key !== 'pid' && key !== 'hostname')
          .sort();
        expect(Object.keys(fromWorker).sort()).toEqual(nodeKeys);
      }
    } finally {
      await loggedNode.close();
    }
  });

  it('logs one JSON line per request with the Node fields and no secret', async () => {
    const before = worker.logs.length;
    await runCase(workerTarget, { name: 'token', params: { imageType: 2, limit: 1, Token: 'tok-SECRET-9' } });
    await eventually('the request log line', () =>
      logRecords(worker.logs.slice(before)).find((r) => r.msg === 'legacy request'),
    );
    const records = logRecords(worker.logs.slice(before)).filter((r) => r.msg === 'legacy request');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      service: 'qcloud-legacy-proxy',
      action: 'DescribeImages',
      secretId: DEMO_ACCOUNT_A.secretId,
      code: 0,
      upstreamCalls: 1,
      region: 'ap-guangzhou',
    });
    expect(worker.logs.join('\n')).not.toMatch(/tok-SECRET-9|demoSecretKey/);
  });
});

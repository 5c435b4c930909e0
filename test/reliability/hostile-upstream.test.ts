/**
 * What an API 3.0 endpoint (or whatever answers in its place) may send, through both 3.0 clients as
 * the Node server builds them: an answer past 16 MB is a 6200 and is not read to its end (plain or
 * gzipped); a redirect is a 6200 and is never followed, so the signed call and its X-TC-Token go
 * nowhere else; and an answer that arrives after the request's deadline is a 6200, not a success.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LegacyError } from '../../src/core/errors.js';
import type { Cvm3Call, Cvm3Client } from '../../src/upstream/cvm3/client.js';
import { parseCvm3Endpoint } from '../../src/upstream/cvm3/endpoint.js';
import { MAX_CVM3_ANSWER_BYTES } from '../../src/upstream/cvm3/answer-body.js';
import { createNoRedirectAgent } from '../../src/upstream/cvm3/no-redirect-agent.js';
import { createSdkCvm3Client } from '../../src/upstream/cvm3/sdk-client.js';
import { createUndiciCvm3Client } from '../../src/upstream/cvm3/undici-client.js';
import { startHarness } from '../helpers/harness.js';

const TOKEN = 'tokenThatMustStayHome';
const MB = 1024 * 1024;

/** What one scripted server saw: each request's headers, and how much of its answer went out. */
interface Scripted {
  readonly url: string;
  readonly received: IncomingHttpHeaders[];
  /** Bytes of the body written before the client went away, per answer. */
  readonly written: number[];
  close(): Promise<void>;
}

async function scripted(answer: (response: ServerResponse, count: (bytes: number) => void) => void): Promise<Scripted> {
  const received: IncomingHttpHeaders[] = [];
  const written: number[] = [];
  const server: Server = createServer((request, response) => {
    received.push(request.headers);
    const index = written.push(0) - 1;
    request.resume();
    request.on('end', () => answer(response, (bytes) => void (written[index]! += bytes)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    written,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A valid DescribeImages answer, padded to `bytes` (a field the translation ignores). */
function paddedAnswer(bytes: number): string {
  const head = '{"Response":{"TotalCount":0,"ImageSet":[],"RequestId":"req-padded","Padding":"';
  return `${head}${'x'.repeat(Math.max(0, bytes - head.length - 3))}"}}`;
}

/** Writes `total` bytes of one JSON string field, honouring backpressure, until done or the client leaves. */
function streamAnswer(response: ServerResponse, total: number, count: (bytes: number) => void): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(MB, 'x');
  let sent = 0;
  const write = (): void => {
    while (sent < total && !response.destroyed) {
      sent += chunk.length;
      count(chunk.length);
      if (!response.write(chunk)) return void response.once('drain', write);
    }
    response.end();
  };
  response.write('{"Response":{"TotalCount":0,"ImageSet":[],"RequestId":"r","Padding":"');
  write();
}

type ClientKind = 'sdk' | 'undici';
const clients: { close(): void }[] = [];
/** The client as src/node/parts.ts builds it for the Node server. */
function nodeClient(kind: ClientKind, url: string): Cvm3Client {
  const endpoint = parseCvm3Endpoint(url);
  if (kind === 'undici') {
    const client = createUndiciCvm3Client({ endpoint });
    clients.push({ close: () => void client.close() });
    return client;
  }
  const agent = createNoRedirectAgent(endpoint.protocol, { keepAlive: true, maxSockets: 4 });
  clients.push({ close: () => agent.destroy() });
  return createSdkCvm3Client({ endpoint, agent });
}

function call(overrides: Partial<Cvm3Call> = {}): Cvm3Call {
  return {
    identity: { secretId: 'AKIDhostile', secretKey: 'hostileKey', token: TOKEN },
    region: 'ap-guangzhou',
    request: { Limit: 1 },
    signal: AbortSignal.timeout(10_000),
    deadline: Date.now() + 10_000,
    ...overrides,
  };
}

/** The LegacyError a call ends in (or the success it should not have been). */
async function outcome(client: Cvm3Client, options?: Partial<Cvm3Call>): Promise<unknown> {
  return client.describeImages(call(options)).catch((error: unknown) => error);
}

const servers: Scripted[] = [];
async function serve(answer: Parameters<typeof scripted>[0]): Promise<Scripted> {
  const server = await scripted(answer);
  servers.push(server);
  return server;
}
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe.each<ClientKind>(['sdk', 'undici'])('the %s client', (kind) => {
  it('refuses an answer past 16 MB with 6200, though it is valid DescribeImages JSON', async () => {
    const body = paddedAnswer(MAX_CVM3_ANSWER_BYTES + 1024);
    const upstream = await serve((response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(body),
    );
    const result = await outcome(nodeClient(kind, upstream.url));
    expect(result).toBeInstanceOf(LegacyError);
    expect(result).toMatchObject({
      code: 6200,
      message: 'API 3.0 is unavailable: its answer is not a DescribeImages response',
      retryable: false,
    });
    expect(((result as Error).cause as Error).message).toBe(`the answer is larger than ${MAX_CVM3_ANSWER_BYTES} bytes`);
  });

  it('takes an answer just under the cap', async () => {
    const body = paddedAnswer(MAX_CVM3_ANSWER_BYTES - 1024);
    const upstream = await serve((response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(body),
    );
    expect(await outcome(nodeClient(kind, upstream.url))).toMatchObject({
      TotalCount: 0,
      ImageSet: [],
      RequestId: 'req-padded',
    });
  });

  it('stops reading a 300 MB answer soon after the cap, and the next call gets a connection', async () => {
    const upstream = await serve((response, count) => streamAnswer(response, 300 * MB, count));
    const client = nodeClient(kind, upstream.url);
    expect(await outcome(client)).toMatchObject({ code: 6200 });
    // The server stops when the client goes: far short of 300 MB (socket buffers hold a few MB more).
    for (let i = 0; i < 100 && upstream.written.length < 1; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 100));
    expect(upstream.written[0]).toBeLessThan(100 * MB);
    // The connection it held is not kept from the pool: a second call is answered (and refused) too.
    expect(await outcome(client)).toMatchObject({ code: 6200 });
    expect(upstream.received).toHaveLength(2);
  });

  it('caps a compressed answer by its decoded size', async () => {
    const gzipped = gzipSync(paddedAnswer(MAX_CVM3_ANSWER_BYTES + 1024));
    expect(gzipped.length).toBeLessThan(MB);
    const upstream = await serve((response) =>
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipped),
    );
    // The SDK asks for gzip and decodes it (then meets the cap); undici asks for none and reads bytes that are not JSON.
    expect(await outcome(nodeClient(kind, upstream.url))).toMatchObject({ code: 6200 });
  });

  it.each([301, 302, 303, 307, 308])(
    'answers a %i with 6200 and never follows it: the call and its token go nowhere else',
    async (status) => {
      const elsewhere = await serve((response) =>
        response.writeHead(200, { 'content-type': 'application/json' }).end(paddedAnswer(0)),
      );
      const upstream = await serve((response) => response.writeHead(status, { location: `${elsewhere.url}/` }).end());
      const result = await outcome(nodeClient(kind, upstream.url));
      expect(result).toBeInstanceOf(LegacyError);
      expect(result).toMatchObject({
        code: 6200,
        message: `API 3.0 is unavailable: it answered HTTP ${status}`,
        retryable: false,
      });
      expect(upstream.received).toHaveLength(1);
      expect(upstream.received[0]!['x-tc-token']).toBe(TOKEN);
      expect(elsewhere.received).toEqual([]);
    },
  );
});

describe('the sdk client without the agent (as on Workers, where the platform fetch follows redirects)', () => {
  it("refuses a followed redirect's answer with 6200", async () => {
    const elsewhere = await serve((response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(paddedAnswer(0)),
    );
    const upstream = await serve((response) => response.writeHead(307, { location: `${elsewhere.url}/` }).end());
    const client = createSdkCvm3Client({ endpoint: parseCvm3Endpoint(upstream.url) });
    expect(await outcome(client)).toMatchObject({
      code: 6200,
      message: 'API 3.0 is unavailable: it could not be reached',
    });
  });
});

describe('the deadline', () => {
  let h: Awaited<ReturnType<typeof startHarness>>;
  let now = Date.now();
  beforeAll(async () => {
    // A 3.0 client that answers, but only once the request's deadline has passed (a long read or parse).
    const late: Cvm3Client = {
      async describeImages(lateCall) {
        now = lateCall.deadline + 1;
        return {
          TotalCount: 1,
          ImageSet: [
            {
              ImageId: 'img-late0001',
              ImageState: 'NORMAL',
              ImageType: 'PUBLIC_IMAGE',
              OsName: 'x',
              ImageName: 'x',
              ImageDescription: '',
              CreatedTime: null,
              ImageCreator: null,
            },
          ],
          RequestId: 'req-late',
        };
      },
    };
    h = await startHarness({ now: () => now, cvm: () => late, env: { UPSTREAM_RETRIES: '0' } });
  });
  afterAll(() => h.close());

  it('is a 6200 for an answer that arrives after it, never a late success', async () => {
    now = Date.now();
    const answer = await h.legacy({ params: { imageType: 2 } });
    expect(answer).toMatchObject({ code: 6200, message: 'API 3.0 is unavailable: no answer before the deadline' });
  });
});

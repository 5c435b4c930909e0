/**
 * Every answer carries its request's id in X-Request-Id: the id of its log line, and the one an
 * `internal error (request …)` message names, on every path (an answer, an error, a 404). A
 * client's own well-formed X-Request-Id is kept; anything else is replaced.
 */
import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../src/core/errors.js';
import type { LegacyGateway } from '../../src/gateway/index.js';
import { inProcess } from '../../src/http/background.js';
import { createApp } from '../../src/http/app.js';
import type { RequestObservation } from '../../src/observability/metrics/observations.js';
import { captureLog } from '../helpers/log-capture.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LEGACY = 'http://proxy.test/v2/index.php';

/** The app around a gateway that does what a test needs. */
function appWith(gateway: LegacyGateway) {
  const log = captureLog();
  const observed: RequestObservation[] = [];
  const metrics = {
    request: (o: RequestObservation) => void observed.push(o),
    upstream() {},
    shadow() {},
    replayStoreFailures() {},
  };
  const app = createApp({
    gateway,
    logger: log.logger,
    maxBodyBytes: 1024,
    now: () => 0,
    background: inProcess(log.logger),
    metrics,
  });
  const requestLines = () => log.records().filter((r) => r.msg === 'legacy request');
  return { app, log, observed, requestLines };
}

const answers: LegacyGateway = async (_request, record) => {
  const answer = { kind: 'legacy', envelope: { code: 0, message: '', codeDesc: 'Success' } } as const;
  record.ended(answer);
  return answer;
};

describe('X-Request-Id', () => {
  it('is the id of the log line, on an answer', async () => {
    const { app, requestLines } = appWith(answers);
    const response = await app.request(LEGACY);
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    expect(requestLines()).toEqual([expect.objectContaining({ requestId: id, code: 0 })]);
  });

  it('is the id of the log line and of the message, on an unexpected error', async () => {
    const { app, log, observed, requestLines } = appWith(async () => {
      throw new TypeError('boom at x.ts:1');
    });
    const response = await app.request(LEGACY);
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      code: 6000,
      message: `internal error (request ${id})`,
      codeDesc: 'InternalError',
    });
    expect(requestLines()).toEqual([
      expect.objectContaining({ requestId: id, code: 6000, message: `internal error (request ${id})` }),
    ]);
    expect(log.records().find((r) => r.msg === 'unexpected error')).toMatchObject({
      requestId: id,
      err: expect.objectContaining({ message: 'boom at x.ts:1' }),
    });
    expect(observed).toEqual([
      expect.objectContaining({ code: 6000, route: 'rejected', caller: 'unknown', action: 'unauthenticated' }),
    ]);
  });

  it("is a 3.0-shaped failure's RequestId, when the request named a Version", async () => {
    const { app, requestLines } = appWith(async (_request, record) => {
      record.versionNamed('2017-03-12');
      throw new LegacyError(4100, 'the signature does not match');
    });
    const response = await app.request(LEGACY);
    const id = response.headers.get('x-request-id');
    expect(await response.json()).toEqual({
      Response: {
        Error: { Code: 'AuthFailure.SignatureFailure', Message: 'the signature does not match' },
        RequestId: id,
      },
    });
    expect(requestLines()).toEqual([expect.objectContaining({ requestId: id, code: 4100 })]);
  });

  it('is on a 404 and on /healthz too', async () => {
    const { app } = appWith(answers);
    const missing = await app.request('http://proxy.test/v2/other.php');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toMatch(UUID);
    expect((await app.request('http://proxy.test/healthz')).headers.get('x-request-id')).toMatch(UUID);
  });

  it("keeps a client's own well-formed id, in the answer and in the log line", async () => {
    const { app, requestLines } = appWith(async () => {
      throw new Error('boom');
    });
    const response = await app.request(LEGACY, { headers: { 'x-request-id': 'trace-0af7651916cd43dd_8448=' } });
    expect(response.headers.get('x-request-id')).toBe('trace-0af7651916cd43dd_8448=');
    expect((await response.json()).message).toBe('internal error (request trace-0af7651916cd43dd_8448=)');
    expect(requestLines()[0]).toMatchObject({ requestId: 'trace-0af7651916cd43dd_8448=' });
  });

  it.each([
    ['too long', 'a'.repeat(65)],
    ['a space', 'two words'],
    ['a quote', 'x"y'],
    ['a newline escape', 'x%0Ay'],
    ['a dot or a semicolon', 'Root=1-5759e988;Parent=53995c3f.1'],
  ])('replaces a client id with %s by a fresh one', async (_name, sent) => {
    const { app, requestLines } = appWith(answers);
    const response = await app.request(LEGACY, { headers: { 'x-request-id': sent } });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    expect(requestLines()[0]).toMatchObject({ requestId: id });
  });

  it('keeps an id of exactly the longest length allowed', async () => {
    const { app } = appWith(answers);
    const response = await app.request(LEGACY, { headers: { 'x-request-id': 'b'.repeat(64) } });
    expect(response.headers.get('x-request-id')).toBe('b'.repeat(64));
  });
});

describe('the request log', () => {
  it('writes one line per legacy request, after its answer, and none for other paths', async () => {
    const { app, requestLines } = appWith(answers);
    await app.request(LEGACY);
    await app.request(LEGACY, { method: 'POST' });
    await app.request('http://proxy.test/healthz');
    await app.request('http://proxy.test/nowhere');
    expect(requestLines()).toHaveLength(2);
  });
});

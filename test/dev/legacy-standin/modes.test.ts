/**
 * The test controls: each disagree mode changes DescribeImages answers exactly as documented in
 * dev/legacy-standin/modes.ts, and each fail mode fails the way it says, on a real socket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A } from '../../../dev/emulator/accounts.js';
import { signLegacyRequest } from '../../../dev/legacy-client/sign-request.js';
import { createLegacyStandinControls } from '../../../dev/legacy-standin/controls.js';
import { CHANGED_OS_SUFFIX, DISAGREE_MODES } from '../../../dev/legacy-standin/modes.js';
import { GARBAGE_BODY } from '../../../dev/legacy-standin/failures.js';
import { startLegacyStandin, type LegacyStandinServer } from '../../../dev/legacy-standin/server.js';
import { call, standin } from './helpers.js';

describe('disagree(mode)', () => {
  const QUERIES: Array<Record<string, number>> = [
    { imageType: 1, limit: 7 },
    { imageType: 2, offset: 3, limit: 4 },
    { imageType: 4, status: 2 },
  ];

  async function truthAndMode(mode: (typeof DISAGREE_MODES)[number], params: Record<string, number>) {
    const { app, controls } = standin();
    const truth = await call(app, { params });
    controls.disagree(mode);
    return { truth, answer: await call(app, { params }) };
  }

  it.each(QUERIES)('none: the true answer (%o)', async (params) => {
    const { truth, answer } = await truthAndMode('none', params);
    expect(answer).toEqual(truth);
  });

  it.each(QUERIES)('drop-image: the page without its last image, totalCount unchanged (%o)', async (params) => {
    const { truth, answer } = await truthAndMode('drop-image', params);
    expect(truth.imageSet.length).toBeGreaterThan(1);
    expect(answer).toEqual({ ...truth, imageSet: truth.imageSet.slice(0, -1) });
  });

  it.each(QUERIES)("change-field: the first image's osName changed, nothing else (%o)", async (params) => {
    const { truth, answer } = await truthAndMode('change-field', params);
    const [first, ...rest] = truth.imageSet;
    expect(answer).toEqual({ ...truth, imageSet: [{ ...first, osName: first.osName + CHANGED_OS_SUFFIX }, ...rest] });
  });

  it.each(QUERIES)('total-count: totalCount one more, the page unchanged (%o)', async (params) => {
    const { truth, answer } = await truthAndMode('total-count', params);
    expect(answer).toEqual({ ...truth, totalCount: truth.totalCount + 1 });
  });

  it('leaves an empty page, errors and DescribeInstances alone', async () => {
    for (const mode of ['drop-image', 'change-field'] as const) {
      const { truth, answer } = await truthAndMode(mode, { imageType: 1, offset: 10_000 });
      expect(answer).toEqual(truth);
      expect(answer.imageSet).toEqual([]);
    }
    const { app, controls } = standin({ disagree: 'total-count' });
    expect(controls.disagreeMode).toBe('total-count');
    expect(await call(app, { params: { imageType: 7 } })).toMatchObject({ code: 4000 });
    expect(await call(app, { params: { Action: 'DescribeInstances' } })).toMatchObject({ code: 0, totalCount: 7 });
  });

  it('refuses an unknown mode', () => {
    const controls = createLegacyStandinControls();
    expect(() => controls.disagree('sometimes' as never)).toThrow(/none, drop-image, change-field, total-count/);
    expect(() => controls.fail('slow' as never)).toThrow(/none, http500, hang, garbage/);
  });
});

describe('fail(mode), on a real socket', () => {
  let server: LegacyStandinServer;
  beforeAll(async () => {
    server = await startLegacyStandin({ port: 0 });
  });
  afterAll(() => server.close());

  async function signedGet(init: RequestInit = {}): Promise<Response> {
    const params = await signLegacyRequest({
      method: 'GET',
      host: server.host,
      path: '/v2/index.php',
      secretId: DEMO_ACCOUNT_A.secretId,
      secretKey: DEMO_ACCOUNT_A.secretKey,
      params: { Action: 'DescribeImages', Region: 'gz', imageType: 2, limit: 1 },
    });
    return fetch(`${server.endpoint}?${new URLSearchParams(params)}`, init);
  }

  it('http500: HTTP 500, not a legacy answer; the request is still recorded as verified', async () => {
    server.clearReceived();
    server.fail('http500');
    const response = await signedGet();
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('Internal Server Error');
    expect(server.received).toMatchObject([{ host: server.host, signatureVerified: true }]);
    server.fail('none');
    expect(await (await signedGet()).json()).toMatchObject({ code: 0 });
  });

  it('garbage: HTTP 200 labelled JSON whose body does not parse', async () => {
    server.fail('garbage');
    const response = await signedGet();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await response.text();
    expect(text).toBe(GARBAGE_BODY);
    expect(() => JSON.parse(text)).toThrow();
    server.fail('none');
  });

  it('hang: no answer until the client gives up; then the server serves again', async () => {
    server.fail('hang');
    const started = Date.now();
    await expect(signedGet({ signal: AbortSignal.timeout(300) })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    server.fail('none');
    expect(await (await signedGet()).json()).toMatchObject({ code: 0 });
  });

  it('hang: close() ends hanging requests instead of waiting for them', async () => {
    const own = await startLegacyStandin({ port: 0, fail: 'hang' });
    const params = new URLSearchParams({ Action: 'DescribeImages' });
    const pending = fetch(`${own.endpoint}?${params}`).then(
      () => 'answered',
      () => 'cut',
    );
    // Wait (bounded) until the request is held, not for a time that assumes the machine's speed.
    for (const until = Date.now() + 10_000; own.received.length === 0 && Date.now() < until;)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(own.received).toHaveLength(1);
    await own.close();
    expect(await pending).toBe('cut');
  });
});

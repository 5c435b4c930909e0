/**
 * The composer takes a runtime's parts where Node and Workers differ, and the configured default
 * where a part is not given: the cap on 3.0 calls (or none), the scan cache, what keeps background
 * work alive, the MAC factory and the host a signature names.
 */
import { describe, expect, it } from 'vitest';
import type { Context } from 'hono';
import { signLegacyRequest } from '../dev/legacy-client/sign-request.js';
import { createProxyApp, type ProxyRuntime } from '../src/compose.js';
import { loadConfig } from '../src/config/load-config.js';
import type { Cvm3Image } from '../src/core/cvm3/types.js';
import { webCryptoMacKey } from '../src/core/legacy/signature.js';
import type { Cvm3Client } from '../src/upstream/cvm3/client.js';
import { captureLog } from './helpers/log-capture.js';

const CALLER = { secretId: 'AKIDcompose', secretKey: 'composeKey' };
const HOST = 'image.api.qcloud.com';
const IMAGE: Cvm3Image = {
  ImageId: 'img-00000001',
  OsName: 'os',
  ImageType: 'PUBLIC_IMAGE',
  CreatedTime: null,
  ImageName: 'n',
  ImageDescription: '',
  ImageState: 'NORMAL',
  ImageCreator: null,
};

/** A 3.0 that answers one image; each call waits until `release()` (at once, unless `held`). */
function fakeCvm({ held = false } = {}) {
  let release!: () => void;
  const released = held ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
  const started: Array<() => void> = [];
  const cvm = {
    calls: 0,
    release: () => release(),
    /** Resolves once `n` calls have started. */
    started: (n: number) =>
      new Promise<void>((resolve) => (cvm.calls >= n ? resolve() : started.push(() => cvm.calls >= n && resolve()))),
    async describeImages() {
      cvm.calls += 1;
      for (const check of started) check();
      await released;
      return { TotalCount: 1, ImageSet: [IMAGE], RequestId: `up-${cvm.calls}` };
    },
  };
  return cvm;
}

function proxy(parts: Partial<ProxyRuntime>, env: Record<string, string> = {}) {
  const config = loadConfig({ PROXY_CREDENTIALS: JSON.stringify([CALLER]), CACHE_TTL_MS: '0', ...env });
  const app = createProxyApp(config, { cvm: fakeCvm(), logger: captureLog().logger, ...parts });
  return async (params: Record<string, string | number> = {}, host = HOST): Promise<any> => {
    const signed = await signLegacyRequest({
      method: 'GET',
      host,
      path: '/v2/index.php',
      ...CALLER,
      params: { Action: 'DescribeImages', Region: 'gz', imageType: 2, ...params },
    });
    const response = await app.request(`http://${host}/v2/index.php?${new URLSearchParams(signed)}`, {
      headers: { host },
    });
    return response.json();
  };
}

describe('the cap on 3.0 calls', () => {
  const tight = { UPSTREAM_MAX_CONCURRENCY: '1', UPSTREAM_MAX_QUEUE: '0', UPSTREAM_RETRIES: '0' };

  it('is the configured one by default: a call while another holds the one slot is refused with 4400', async () => {
    const cvm = fakeCvm({ held: true });
    const send = proxy({ cvm }, tight);
    const first = send({ imageType: 1 });
    await cvm.started(1);
    expect((await send({ imageType: 2 })).code).toBe(4400);
    cvm.release();
    expect((await first).code).toBe(0);
  });

  it('is none with `limiter: null` (the Worker): two calls are at 3.0 at once', async () => {
    const cvm = fakeCvm({ held: true });
    const send = proxy({ cvm, limiter: null }, tight);
    // Two listings (two image types): concurrent identical scans would be shared, one call for both.
    const both = Promise.all([send({ imageType: 1 }), send({ imageType: 2 })]);
    await cvm.started(2);
    cvm.release();
    expect((await both).map((a) => a.code)).toEqual([0, 0]);
  });

  it('is the one given', async () => {
    const limited: string[] = [];
    const send = proxy({
      limiter: (client) => ({ describeImages: (call) => (limited.push(call.region), client.describeImages(call)) }),
    });
    expect((await send()).code).toBe(0);
    expect(limited).toEqual(['ap-guangzhou']);
  });
});

describe('the other parts', () => {
  it('uses the scan cache given', async () => {
    const keys: string[] = [];
    const send = proxy({
      scans: { load: async (key, scan) => (keys.push(key), { value: await scan(), source: 'miss' }) },
    });
    expect(await send()).toMatchObject({ code: 0, totalCount: 1 });
    expect(keys).toHaveLength(1);
  });

  it('hands background work (the shadow) to the background part, with the request context', async () => {
    const contexts: Context[] = [];
    const tasks: Promise<unknown>[] = [];
    const legacyAnswer = () =>
      Response.json({ code: 0, message: '', codeDesc: 'Success', totalCount: 1, imageSet: [] });
    const send = proxy(
      {
        background: (c) => (contexts.push(c), (task) => void tasks.push(task)),
        fetch: async () => legacyAnswer(),
        random: () => 0,
      },
      { LEGACY_ENDPOINT: 'http://legacy.test', SHADOW_SAMPLE: '1' },
    );
    expect((await send()).code).toBe(0);
    expect(contexts).toHaveLength(1);
    expect(contexts[0]!.req.path).toBe('/v2/index.php');
    expect(tasks).toHaveLength(1);
    await tasks[0];
  });

  it('checks signatures with the MAC factory given', async () => {
    const methods: string[] = [];
    const send = proxy({ legacyMac: (key, method) => (methods.push(method), webCryptoMacKey(key, method)) });
    expect((await send()).code).toBe(0);
    expect(methods).toEqual(['HmacSHA1']);
  });

  it('checks the signed host against the host the part names', async () => {
    const send = proxy({ hostOf: () => 'cvm.api.qcloud.com' });
    expect((await send()).code).toBe(4100);
    expect((await send({}, 'cvm.api.qcloud.com')).code).toBe(0);
  });
});

/**
 * PROXY_HOSTS: the proxy answers only requests signed for (and sent to) the hosts it serves, so a
 * request signed for somewhere else, captured on its way to Tencent Cloud, is not accepted here,
 * translated, or signed anew for the legacy endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { PROXY_HOST, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(
  async () =>
    (h = await startHarness({ env: { PROXY_HOSTS: `${PROXY_HOST.toUpperCase()}, legacy-proxy.internal:8443` } })),
);
afterAll(() => h.close());

describe('PROXY_HOSTS', () => {
  it('answers the hosts it lists (in any case, with the port clients name)', async () => {
    expect(await h.legacy({ params: { imageType: 2, limit: 1 } })).toMatchObject({ code: 0 });
    expect(await h.legacy({ host: 'legacy-proxy.internal:8443', params: { imageType: 2, limit: 1 } })).toMatchObject({
      code: 0,
    });
  });

  it('refuses a correctly signed request for any other host with 4100, before any 3.0 call', async () => {
    h.emulator.emulator.clearRequests();
    for (const host of ['cvm.api.qcloud.com', 'legacy-proxy.internal', 'legacy-proxy.internal:9443']) {
      expect(await h.legacy({ host, params: { imageType: 2, limit: 1 } })).toMatchObject({
        code: 4100,
        message: `host ${host} is not one this proxy serves (PROXY_HOSTS); sign for the host you send to`,
      });
    }
    expect(h.emulator.emulator.requests).toHaveLength(0);
  });

  it('is read from the environment and checked', () => {
    const base = { PROXY_CREDENTIALS: '[{"secretId":"a","secretKey":"b"}]' };
    expect(loadConfig(base).proxyHosts).toBeUndefined();
    expect([...loadConfig({ ...base, PROXY_HOSTS: 'Image.API.qcloud.com, [::1]:8787' }).proxyHosts!]).toEqual([
      'image.api.qcloud.com',
      '[::1]:8787',
    ]);
    expect(() => loadConfig({ ...base, PROXY_HOSTS: 'http://x/' })).toThrow(
      /PROXY_HOSTS: "http:\/\/x\/" is not a host name/,
    );
  });
});

/**
 * A request whose client is gone (its Request's signal aborted: the client went away, or the
 * server answered it 408) is not carried out: nothing forwarded, nothing remembered as seen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A } from '../../dev/emulator/accounts.js';
import { signLegacyRequest } from '../../dev/legacy-client/sign-request.js';
import { startLegacyStandin, type LegacyStandinServer } from '../../dev/legacy-standin/server.js';
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

describe('a request whose client is gone', () => {
  it('is neither forwarded nor remembered: the same signed request is carried out once its client waits', async () => {
    const signed = await signLegacyRequest({
      method: 'POST',
      host: PROXY_HOST,
      path: '/v2/index.php',
      secretId: DEMO_ACCOUNT_A.secretId,
      secretKey: DEMO_ACCOUNT_A.secretKey,
      params: { Action: 'DescribeInstances', Region: 'gz' },
    });
    const init = {
      method: 'POST',
      headers: { host: PROXY_HOST, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(signed).toString(),
    };
    const gone = await h.app.request(`http://${PROXY_HOST}/v2/index.php`, { ...init, signal: AbortSignal.abort() });
    expect(await gone.json()).toMatchObject({
      code: 4000,
      message: 'the client went away before the request was carried out (it was not)',
    });
    expect(standin.received).toHaveLength(0);
    const waited = await h.app.request(`http://${PROXY_HOST}/v2/index.php`, init);
    expect(await waited.json()).toMatchObject({ code: 0 });
    expect(standin.received).toHaveLength(1);
  });
});

/**
 * By default the stand-in answers DescribeImages as a correct proxy does: the shared table of
 * legacy requests (test/shared/legacy-cases.ts) sent to the proxy (in front of the emulator) and
 * to the stand-in, with the same accounts, gives the same answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A } from '../../../dev/emulator/accounts.js';
import { DEMO_CATALOGUE, visibleImages } from '../../../dev/emulator/catalogue.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { LEGACY_CASES, TABLE_ACCOUNTS, runCase, type LegacyCase, type LegacyTarget } from '../../shared/legacy-cases.js';
import { STANDIN_HOST, call, sendTo, standin } from './helpers.js';

let proxy: Harness;
beforeAll(async () => {
  proxy = await startHarness({ emulator: { accounts: TABLE_ACCOUNTS } });
});
afterAll(() => proxy.close());

const { app } = standin({ accounts: TABLE_ACCOUNTS, now: Date.now });
const standinTarget: LegacyTarget = { host: STANDIN_HOST, send: (method, params) => sendTo(app, method, params) };
const proxyTarget = (): LegacyTarget => ({ host: 'image.api.qcloud.com', send: (method, params) => proxy.sendSigned(method, params) });

/** Replays (the stand-in keeps no replay memory) and other Actions (it serves DescribeInstances) differ on purpose. */
const comparable = (c: LegacyCase) => (c.sends ?? 1) === 1 && c.params['Action'] === undefined;
/** Errors the proxy passes on from 3.0 keep the 3.0 code and RequestId: there only the legacy code must agree. */
const FROM_CVM3 = new Set([4101, 4105]);

describe('the stand-in agrees with the proxy', () => {
  it.each(LEGACY_CASES.filter(comparable).map((c) => [c.name, c] as const))('%s', async (_name, legacyCase) => {
    const [expected] = await runCase(proxyTarget(), legacyCase);
    const [actual] = await runCase(standinTarget, legacyCase);
    expect(actual?.status).toBe(200);
    const expectedBody = expected?.body as { code: number };
    if (FROM_CVM3.has(expectedBody.code)) expect(actual?.body).toMatchObject({ code: expectedBody.code });
    else expect(actual?.body).toEqual(expectedBody);
  });

  it('answers pages past the first 3.0 page (the scan goes beyond 100 images)', async () => {
    const answer = await call(app, { params: { imageType: 1, offset: 100, limit: 100 }, timestamp: Math.floor(Date.now() / 1000) });
    expect(answer.totalCount).toBeGreaterThan(100);
    expect(answer.imageSet.length).toBe(answer.totalCount - 100);
  });
});

describe('DescribeImages from the catalogue', () => {
  const now = () => Math.floor(Date.now() / 1000);

  it('shows the legacy shape, and only legacy-visible images in the emulator\'s order', async () => {
    const answer = await call(app, { params: { imageType: 1, limit: 100 }, timestamp: now() });
    expect(Object.keys(answer)).toEqual(['code', 'message', 'codeDesc', 'totalCount', 'imageSet']);
    const order = visibleImages(DEMO_CATALOGUE, DEMO_ACCOUNT_A.uin).map((image) => image.ImageId);
    const ids: string[] = answer.imageSet.map((image: { unImgId: string }) => image.unImgId);
    expect(ids.map((id) => order.indexOf(id))).toEqual([...ids.map((id) => order.indexOf(id))].sort((a, b) => a - b));
    expect(answer.imageSet.every((image: { status: number }) => image.status >= 1 && image.status <= 4)).toBe(true);
  });

  it.each<[string, Record<string, string | number>, number]>([
    ['missing imageType', {}, 4000],
    ['limit over 100', { imageType: 1, limit: 101 }, 4000],
    ['service market', { imageType: 3 }, 6100],
    ['a Version parameter', { imageType: 1, Version: '2017-03-12' }, 6100],
  ])('%s is a %i', async (_name, params, code) => {
    expect(await call(app, { params, timestamp: now() })).toMatchObject({ code });
  });
});

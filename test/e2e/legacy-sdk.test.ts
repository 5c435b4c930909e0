/**
 * End to end over real sockets: the real legacy Node SDK → the proxy on port 0 → the built-in
 * CVM 3.0 emulator on port 0 (which checks the TC3 signatures the official SDK makes).
 * Expected answers come from the emulator's catalogue and the legacy contract's own tables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../dev/emulator/accounts.js';
import { DEMO_CATALOGUE, visibleImages } from '../../dev/emulator/catalogue.js';
import { startEmulatorServer, type EmulatorServer } from '../../dev/emulator/server.js';
import { startProxyServer, type RunningServer } from '../../src/node/server.js';
import { captureLog } from '../helpers/log-capture.js';
import { legacySdk, type LegacySdkOptions } from '../helpers/legacy-sdk.js';

// Part B.5, written out again here as the oracle.
const STATUS_OF: Record<string, number> = { CREATING: 1, IMPORTING: 1, NORMAL: 2, USING: 3, SYNCING: 4 };
const TYPE_OF: Record<string, number> = { PRIVATE_IMAGE: 1, PUBLIC_IMAGE: 2, SHARED_IMAGE: 4 };

/** The ids a legacy client must see, in order, from the emulator's own catalogue. */
function expectedIds(uin: string, imageType: number, status = 0): string[] {
  return visibleImages(DEMO_CATALOGUE, uin)
    .filter((image) => TYPE_OF[image.ImageType] === imageType && STATUS_OF[image.ImageState] !== undefined)
    .filter((image) => status === 0 || STATUS_OF[image.ImageState] === status)
    .map((image) => image.ImageId);
}

let emulator: EmulatorServer;
let proxy: RunningServer;
let host: string;
beforeAll(async () => {
  emulator = await startEmulatorServer({ port: 0, rateLimitPerSecond: 0 });
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    CVM_ENDPOINT: emulator.url,
    UPSTREAM_CLIENT: process.env.UPSTREAM_CLIENT ?? 'sdk',
    PROXY_CREDENTIALS: JSON.stringify(
      [DEMO_ACCOUNT_A, DEMO_ACCOUNT_B].map(({ secretId, secretKey }) => ({ secretId, secretKey })),
    ),
  });
  proxy = await startProxyServer(config, captureLog().logger);
  host = new URL(proxy.url).host;
});
afterAll(async () => {
  await proxy.close();
  await emulator.close();
});

const client = (over: Partial<LegacySdkOptions> = {}) =>
  legacySdk({ SecretId: DEMO_ACCOUNT_A.secretId, SecretKey: DEMO_ACCOUNT_A.secretKey, host, ...over });
const ids = (answer: { imageSet: Array<{ unImgId: string }> }) => answer.imageSet.map((image) => image.unImgId);

describe('GET and POST, HmacSHA1 and HmacSHA256', () => {
  it.each([
    ['GET', 'sha1'],
    ['GET', 'sha256'],
    ['POST', 'sha1'],
    ['POST', 'sha256'],
  ] as const)('%s signed with %s', async (method, signatureMethod) => {
    const answer = await client({ method, signatureMethod }).request({ imageType: 2, limit: 100 });
    expect(answer).toMatchObject({ code: 0, message: '', totalCount: expectedIds('', 2).length });
    expect(ids(answer)).toEqual(expectedIds('', 2));
  });
});

describe('every imageType and every status', () => {
  it.each([1, 2, 4])('imageType %i', async (imageType) => {
    const answer = await client().request({ imageType, limit: 100 });
    const expected = expectedIds(DEMO_ACCOUNT_A.uin, imageType);
    expect(answer.totalCount).toBe(expected.length);
    expect(ids(answer)).toEqual(expected.slice(0, 100));
    expect(answer.imageSet.every((image: { imageType: number }) => image.imageType === imageType)).toBe(true);
  });

  it('imageType 3 is 6100', async () => {
    expect(await client().request({ imageType: 3 })).toMatchObject({ code: 6100 });
  });

  it.each([
    [1, 1],
    [1, 2],
    [1, 3],
    [1, 4],
    [1, 5],
    [4, 1],
    [4, 2],
    [4, 3],
    [4, 4],
    [4, 5],
  ])('imageType %i, status %i (private: more than 100 images)', async (imageType, status) => {
    const expected = expectedIds(DEMO_ACCOUNT_A.uin, imageType, status);
    if (status !== 5) expect(expected.length).toBeGreaterThan(0);
    const answer = await client().request({ imageType, status, limit: 100 });
    expect(answer.totalCount).toBe(expected.length);
    expect(ids(answer)).toEqual(expected.slice(0, 100));
    expect(answer.imageSet.every((image: { status: number }) => image.status === status)).toBe(true);
  });

  it('maps the fields of one image as the legacy page shows them', async () => {
    const [answer] = [await client().request({ imageType: 2, 'imageIds.0': 'img-31tjrtph' })];
    expect(answer.imageSet).toEqual([
      expect.objectContaining({
        unImgId: 'img-31tjrtph',
        imageName: 'CentOS 7.2 64位',
        imageType: 2,
        status: 2,
        creator: '',
        createor: '',
        createTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      }),
    ]);
  });
});

describe('ids and paging', () => {
  it("reads imageIds 0-based (the SDK's arrays) and 1-based", async () => {
    const wanted = ['img-9id7emv7', 'img-31tjrtph'];
    const zeroBased = await client().request({ imageType: 2, imageIds: wanted });
    const oneBased = await client().request({ imageType: 2, 'imageIds.1': wanted[0], 'imageIds.2': wanted[1] });
    expect(zeroBased.totalCount).toBe(2);
    expect(ids(oneBased).sort()).toEqual([...wanted].sort());
    expect(ids(zeroBased)).toEqual(ids(oneBased));
  });

  it('applies imageType to ids: a public id asked as private is not there', async () => {
    expect(await client().request({ imageType: 1, imageIds: ['img-31tjrtph'] })).toMatchObject({
      code: 0,
      totalCount: 0,
      imageSet: [],
    });
  });

  it('pages past 100, and the pages add up to the whole', async () => {
    const expected = expectedIds(DEMO_ACCOUNT_A.uin, 1);
    expect(expected.length).toBeGreaterThan(100);
    expect(ids(await client().request({ imageType: 1, offset: 100, limit: 100 }))).toEqual(expected.slice(100, 200));
    const pages: string[] = [];
    for (let offset = 0; offset < expected.length; offset += 30)
      pages.push(...ids(await client().request({ imageType: 1, offset, limit: 30 })));
    expect(pages).toEqual(expected);
  });
});

describe('two accounts', () => {
  it("never see each other's private images", async () => {
    const b = client({ SecretId: DEMO_ACCOUNT_B.secretId, SecretKey: DEMO_ACCOUNT_B.secretKey });
    const bPrivate = ids(await b.request({ imageType: 1, limit: 100 }));
    const aPrivate = ids(await client().request({ imageType: 1, limit: 100, offset: 0 }));
    expect(bPrivate).toEqual(expectedIds(DEMO_ACCOUNT_B.uin, 1));
    expect(bPrivate.filter((id) => aPrivate.includes(id))).toEqual([]);
    const aSecret = aPrivate.slice(0, 10);
    for (const imageType of [1, 4])
      expect((await b.request({ imageType, imageIds: aSecret })).totalCount).toBe(
        expectedIds(DEMO_ACCOUNT_B.uin, imageType).filter((id) => aSecret.includes(id)).length,
      );
  });
});

describe('replay and time', () => {
  it('refuses the same signed request a second time with 4500', async () => {
    const query = client({ method: 'GET' }).signedQuery({ imageType: 2, limit: 1 });
    const first = await (await fetch(`${proxy.url}/v2/index.php?${query}`)).json();
    const second = await (await fetch(`${proxy.url}/v2/index.php?${query}`)).json();
    expect(first.code).toBe(0);
    expect(second).toMatchObject({ code: 4500 });
  });

  it('refuses a stale Timestamp with 4200', async () => {
    const answer = await client().request({ imageType: 2, Timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(answer).toMatchObject({ code: 4200 });
  });
});

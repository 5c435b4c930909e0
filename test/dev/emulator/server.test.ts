/**
 * The emulator on a real socket, called by the official 3.0 Node SDK, the way a user trying a
 * client offline (or the proxy) calls it.
 */
import * as tc from 'tencentcloud-sdk-nodejs-cvm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../../dev/emulator/accounts.js';
import type { EmulatorAccount } from '../../../dev/emulator/accounts.js';
import { DEMO_CATALOGUE } from '../../../dev/emulator/catalogue.js';
import { startEmulatorServer } from '../../../dev/emulator/server.js';
import type { EmulatorServer } from '../../../dev/emulator/server.js';

let server: EmulatorServer;
const TOKEN_ACCOUNT: EmulatorAccount = {
  secretId: 'AKIDDEMOTOKENTOKENTOKENTOKENTOKENTOK',
  secretKey: 'demoSecretKeyTTTTTTTTTTTTTTTTTTTT',
  uin: '100000000003',
  token: 'demo-token',
};

beforeAll(async () => {
  server = await startEmulatorServer({
    port: 0,
    accounts: [DEMO_ACCOUNT_A, DEMO_ACCOUNT_B, TOKEN_ACCOUNT],
    catalogue: DEMO_CATALOGUE,
  });
});
afterAll(async () => {
  await server.close();
});

function client(credential: { secretId: string; secretKey: string; token?: string }) {
  return new tc.cvm.v20170312.Client({
    credential,
    region: 'ap-guangzhou',
    profile: { httpProfile: { endpoint: new URL(server.url).host, protocol: 'http://' } },
  });
}

async function sdkError(promise: Promise<unknown>): Promise<{ code?: string; requestId?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; requestId?: string };
  }
  throw new Error('expected the SDK to throw');
}

const uinA = DEMO_ACCOUNT_A.uin;
const uinB = DEMO_ACCOUNT_B.uin;
const visibleTo = (uin: string) =>
  DEMO_CATALOGUE.images.filter((e) => e.owner === null || e.owner === uin || e.sharedWith.includes(uin));

describe('the official SDK against startEmulatorServer({ port: 0 })', () => {
  it('listens on 127.0.0.1 on an ephemeral port', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('describes images', async () => {
    const answer = await client(DEMO_ACCOUNT_A).DescribeImages({});
    expect(answer.TotalCount).toBe(visibleTo(uinA).length);
    expect(answer.ImageSet).toHaveLength(20);
    expect(answer.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('pages with Offset and Limit up to 100', async () => {
    const sdk = client(DEMO_ACCOUNT_A);
    const total = visibleTo(uinA).length;
    const ids: string[] = [];
    for (let offset = 0; offset < total; offset += 100) {
      const page = await sdk.DescribeImages({ Offset: offset, Limit: 100 });
      expect(page.TotalCount).toBe(total);
      ids.push(...(page.ImageSet ?? []).map((i) => i.ImageId ?? ''));
    }
    // The emulator's documented order: own private images, then shared ones, then public ones.
    const byOwner = (keep: (e: (typeof DEMO_CATALOGUE.images)[number]) => boolean) =>
      DEMO_CATALOGUE.images.filter(keep).map((e) => e.image.ImageId);
    expect(ids).toEqual([
      ...byOwner((e) => e.owner === uinA),
      ...byOwner((e) => e.sharedWith.includes(uinA)),
      ...byOwner((e) => e.owner === null),
    ]);
    expect(await sdkError(sdk.DescribeImages({ Limit: 101 }))).toMatchObject({
      code: 'InvalidParameterValue.InvalidParameterValueLimit',
    });
  });

  it('filters by image type and name', async () => {
    const answer = await client(DEMO_ACCOUNT_A).DescribeImages({
      Filters: [
        { Name: 'image-type', Values: ['PUBLIC_IMAGE'] },
        { Name: 'image-name', Values: ['中文版'] },
      ],
    });
    expect(answer.ImageSet?.map((i) => i.ImageName)).toEqual([
      'Windows Server 2012 R2 标准版 64位中文版',
      'Ubuntu 16.04.1 LTS 64位中文版',
      'Windows Server 2016 R2 数据中心版 64位中文版',
    ]);
  });

  it('rejects a wrong SecretKey with AuthFailure.SignatureFailure', async () => {
    const error = await sdkError(
      client({ secretId: DEMO_ACCOUNT_A.secretId, secretKey: 'not-the-key' }).DescribeImages({}),
    );
    expect(error.code).toBe('AuthFailure.SignatureFailure');
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects an unknown SecretId with AuthFailure.SecretIdNotFound', async () => {
    const error = await sdkError(client({ secretId: 'AKIDNOBODY', secretKey: 'x' }).DescribeImages({}));
    expect(error.code).toBe('AuthFailure.SecretIdNotFound');
  });

  it('keeps accounts apart', async () => {
    const privateOfA = DEMO_CATALOGUE.images
      .filter((e) => e.owner === uinA && !e.sharedWith.includes(uinB))
      .map((e) => e.image.ImageId);
    const sharedWithB = DEMO_CATALOGUE.images
      .filter((e) => e.owner === uinA && e.sharedWith.includes(uinB))
      .map((e) => e.image.ImageId);
    const byB = client(DEMO_ACCOUNT_B);
    expect(await byB.DescribeImages({ ImageIds: privateOfA.slice(0, 10) })).toMatchObject({
      TotalCount: 0,
      ImageSet: [],
    });
    const shared = await byB.DescribeImages({ ImageIds: sharedWithB });
    expect(shared.ImageSet?.map((i) => [i.ImageId, i.ImageType, i.ImageCreator])).toEqual(
      sharedWithB.map((id) => [id, 'SHARED_IMAGE', uinA]),
    );
    const own = await byB.DescribeImages({ Filters: [{ Name: 'image-type', Values: ['PRIVATE_IMAGE'] }] });
    expect(own.ImageSet?.every((i) => i.ImageCreator === uinB)).toBe(true);
  });

  it('takes temporary credentials with their token', async () => {
    const { secretId, secretKey, token } = TOKEN_ACCOUNT;
    expect((await client({ secretId, secretKey, token: token! }).DescribeImages({ Limit: 1 })).ImageSet).toHaveLength(
      1,
    );
    expect(await sdkError(client({ secretId, secretKey }).DescribeImages({}))).toMatchObject({
      code: 'AuthFailure.TokenFailure',
    });
  });

  it('records each call so tests can count upstream requests', async () => {
    server.emulator.clearRequests();
    await client(DEMO_ACCOUNT_B).DescribeImages({ Limit: 1 });
    expect(server.emulator.requests).toEqual([
      { action: 'DescribeImages', secretId: DEMO_ACCOUNT_B.secretId, region: 'ap-guangzhou' },
    ]);
  });

  it('answers 404 JSON off POST /', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ Error: { Code: 'NotFound' } });
  });
});

describe('startEmulatorServer', () => {
  it('closes, and then refuses connections', async () => {
    const other = await startEmulatorServer();
    await fetch(`${other.url}/`);
    await other.close();
    await expect(fetch(`${other.url}/`)).rejects.toThrow();
  });

  it('fails to start on a port in use', async () => {
    await expect(startEmulatorServer({ port: server.port })).rejects.toThrow(/EADDRINUSE/);
  });
});

/**
 * Every legacy error code of Part B through `app.request()`, with the built-in emulator as
 * API 3.0: what a legacy client reads back, and that it is always HTTP 200 JSON.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../dev/emulator/accounts.js';
import { createSdkCvm3Client } from '../../src/upstream/cvm3/sdk-client.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const now = () => Math.floor(Date.now() / 1000);

describe('success', () => {
  it('answers {code, message, codeDesc, totalCount, imageSet} in the legacy shape', async () => {
    const answer = await h.legacy({ params: { imageType: 2, limit: 2 } });
    expect(Object.keys(answer)).toEqual(['code', 'message', 'codeDesc', 'totalCount', 'imageSet']);
    expect(answer).toMatchObject({ code: 0, message: '', codeDesc: 'Success' });
    expect(answer.imageSet).toHaveLength(2);
    expect(Object.keys(answer.imageSet[0]).sort()).toEqual(
      [
        'createTime',
        'creator',
        'createor',
        'imageDescription',
        'imageName',
        'imageType',
        'osName',
        'status',
        'unImgId',
      ].sort(),
    );
  });
});

describe('4000: bad parameters, named in the message', () => {
  it.each<[string, Record<string, string | number>, RegExp]>([
    ['missing imageType', {}, /imageType: is required/],
    ['imageType out of range', { imageType: 7 }, /imageType: must be from 1 to 4/],
    ['status not an integer', { imageType: 1, status: 'x' }, /status: must be an integer/],
    ['limit over 100', { imageType: 1, limit: 101 }, /limit: must be from 1 to 100/],
    ['negative offset', { imageType: 1, offset: -1 }, /offset: must be an integer/],
    ['malformed id', { imageType: 1, 'imageIds.0': 'image-1' }, /imageIds\.0: malformed image id/],
    [
      'too many ids',
      {
        imageType: 1,
        ...Object.fromEntries(
          Array.from({ length: 11 }, (_, i) => [`imageIds.${i}`, `img-000000${String(i).padStart(2, '0')}`]),
        ),
      },
      /at most 10 distinct ids/,
    ],
    [
      'an index with a leading zero',
      { imageType: 1, 'imageIds.0': 'img-aaaaaaaa', 'imageIds.00': 'img-bbbbbbbb' },
      /imageIds\.00: the index must be/,
    ],
    ['unknown region', { imageType: 1, Region: 'xx' }, /Region: unknown region "xx"/],
  ])('%s', async (_name, params, message) => {
    const answer = await h.legacy({ params });
    expect(answer).toMatchObject({ code: 4000, codeDesc: 'InvalidParameter' });
    expect(answer.message).toMatch(message);
  });

  it('names a missing common parameter', async () => {
    const response = await h.app.request('http://image.api.qcloud.com/v2/index.php?Action=DescribeImages');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ code: 4000, message: 'SecretId: is required' });
  });

  it('refuses other methods and content types with a legacy answer', async () => {
    const put = await h.app.request('http://image.api.qcloud.com/v2/index.php', { method: 'PUT' });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ code: 4000, message: 'method PUT is not supported; use GET or POST' });
    const json = await h.app.request('http://image.api.qcloud.com/v2/index.php', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await json.json()).toMatchObject({
      code: 4000,
      message: expect.stringMatching(/must be application\/x-www-form-urlencoded/),
    });
  });

  it('refuses a body over the limit with a legacy answer, logged like any request', async () => {
    const before = h.log.lines.length;
    const response = await h.app.request('http://image.api.qcloud.com/v2/index.php', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `a=${'x'.repeat(70_000)}`,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toMatchObject({ code: 4000, message: 'request body is larger than 65536 bytes' });
    expect(JSON.parse(h.log.lines[before]!)).toMatchObject({ msg: 'legacy request', code: 4000 });
  });

  it('keeps an echoed oversized value short', async () => {
    const answer = await h.legacy({ params: { imageType: 1, Region: 'r'.repeat(5000) } });
    expect(answer.code).toBe(4000);
    expect(JSON.stringify(answer).length).toBeLessThan(300);
  });
});

describe('4100, 4104, 4200, 4500: who may call (B.2)', () => {
  it('4104 for an unknown SecretId', async () => {
    const answer = await h.legacy({ params: { imageType: 1 }, account: { secretId: 'AKIDnobody', secretKey: 'x' } });
    expect(answer).toMatchObject({ code: 4104, message: 'SecretId AKIDnobody is not known to this proxy' });
  });

  it('4100 for a wrong key, a changed parameter, or another host', async () => {
    expect(
      (await h.legacy({ params: { imageType: 1 }, account: { ...DEMO_ACCOUNT_A, secretKey: 'wrong' } })).code,
    ).toBe(4100);
    expect(
      (
        await h.legacy({ params: { imageType: 1 } }, (p) => {
          p.imageType = '2';
        })
      ).code,
    ).toBe(4100);
    const signedForOtherHost = await h.send({ params: { imageType: 1 }, signedHost: 'cvm.api.qcloud.com' });
    expect((await signedForOtherHost.json()).code).toBe(4100);
    const garbage = await h.legacy({ params: { imageType: 1 } }, (p) => {
      p.Signature = '%%%';
    });
    expect(garbage).toMatchObject({ code: 4100, codeDesc: 'AuthFailure' });
  });

  it('4200 for a Timestamp outside the window, either side', async () => {
    expect(await h.legacy({ params: { imageType: 1 }, timestamp: now() - 301 })).toMatchObject({
      code: 4200,
      codeDesc: 'RequestExpired',
    });
    expect((await h.legacy({ params: { imageType: 1 }, timestamp: now() + 400 })).code).toBe(4200);
    expect((await h.legacy({ params: { imageType: 1 }, timestamp: now() - 250 })).code).toBe(0);
  });

  it('4500 for the same signed request again, even with its signature spelt differently', async () => {
    let sent: Record<string, string> = {};
    expect(
      (
        await h.legacy({ params: { imageType: 2, limit: 1 } }, (p) => {
          sent = { ...p };
        })
      ).code,
    ).toBe(0);
    expect(await (await h.sendSigned('GET', sent)).json()).toMatchObject({ code: 4500, codeDesc: 'ReplayAttack' });
    // A SHA-1 MAC is 20 bytes: its base64 ends in one character whose low 2 bits are padding.
    // Another such character is the same bytes, spelt differently: still the same request.
    const signature = sent.Signature!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const last = alphabet.indexOf(signature.at(-2)!);
    const respelt = `${signature.slice(0, -2)}${alphabet[last ^ 1]}=`;
    expect(respelt).not.toBe(signature);
    expect(await (await h.sendSigned('GET', { ...sent, Signature: respelt })).json()).toMatchObject({ code: 4500 });
  });

  it('4500 even in the last second of the Timestamp window', async () => {
    const timestamp = 1_700_000_000;
    const edge = await startHarness({ now: () => (timestamp + 300) * 1000 + 900 });
    try {
      let sent: Record<string, string> = {};
      expect(
        (
          await edge.legacy({ params: { imageType: 2, limit: 1 }, timestamp }, (p) => {
            sent = { ...p };
          })
        ).code,
      ).toBe(0);
      expect((await (await edge.sendSigned('GET', sent)).json()).code).toBe(4500);
    } finally {
      await edge.close();
    }
  });

  it('4400 while the replay memory is full of live requests', async () => {
    const small = await startHarness({ env: { REPLAY_MAX_ENTRIES: '1' } });
    try {
      expect((await small.legacy({ params: { imageType: 2, limit: 1 } })).code).toBe(0);
      expect(await small.legacy({ params: { imageType: 2, limit: 2 } })).toMatchObject({
        code: 4400,
        message: expect.stringMatching(/too many signed requests/),
      });
    } finally {
      await small.close();
    }
  });
});

describe('6100: what is not translated', () => {
  it('an unknown Action', async () => {
    expect(await h.legacy({ params: { Action: 'DescribeInstances' } })).toMatchObject({
      code: 6100,
      message:
        'Action DescribeInstances is not translated by this proxy, and no LEGACY_ENDPOINT is configured to pass it through',
    });
  });

  it('service market images, with the North America wording there', async () => {
    expect((await h.legacy({ params: { imageType: 3 } })).message).toMatch(/no API 3\.0 equivalent/);
    expect((await h.legacy({ params: { imageType: 3, Region: 'ca' } })).message).toMatch(
      /North America has no service market/,
    );
  });

  it('a 3.0-style request (Version) for an Action other than DescribeImages, in the 3.0 shape', async () => {
    const answer = await h.legacy({ params: { Version: '2017-03-12', Action: 'DescribeInstances' } });
    expect(answer).toEqual({
      Response: {
        Error: {
          Code: 'UnsupportedOperation',
          Message: expect.stringMatching(/DescribeInstances is not translated .* no LEGACY_ENDPOINT/),
        },
        RequestId: expect.any(String),
      },
    });
  });
});

describe('5000: an unknown path', () => {
  it('is a 404 with a legacy JSON body', async () => {
    const response = await h.app.request('http://image.api.qcloud.com/v2/other.php');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      code: 5000,
      message: expect.stringMatching(/no such path \/v2\/other\.php/),
    });
  });
});

describe('upstream errors (B.10, B.11)', () => {
  it('maps a 3.0 authentication failure of the upstream key pair, keeping code and RequestId', async () => {
    const u = await startHarness({
      env: {
        PROXY_CREDENTIALS: JSON.stringify([
          { ...DEMO_ACCOUNT_A, upstream: { secretId: 'AKIDunknownupstream', secretKey: 'x' } },
          { ...DEMO_ACCOUNT_B, upstream: { secretId: DEMO_ACCOUNT_B.secretId, secretKey: 'wrong' } },
        ]),
      },
    });
    try {
      const unknown = await u.legacy({ params: { imageType: 1 } });
      expect(unknown).toMatchObject({ code: 4104, codeDesc: 'AuthFailure.SecretIdNotFound' });
      expect(unknown.message).toMatch(/^\(AuthFailure\.SecretIdNotFound\) .* \[RequestId [0-9a-f-]{36}\]$/);
      const wrongKey = await u.legacy({ params: { imageType: 1 }, account: DEMO_ACCOUNT_B });
      expect(wrongKey).toMatchObject({ code: 4100, codeDesc: 'AuthFailure.SignatureFailure' });
    } finally {
      await u.close();
    }
  });

  it("signs the 3.0 call with the entry's upstream key pair when it names one", async () => {
    const u = await startHarness({
      env: {
        PROXY_CREDENTIALS: JSON.stringify([
          { secretId: 'AKIDlegacyonly', secretKey: 'legacyKey', upstream: DEMO_ACCOUNT_B },
        ]),
      },
    });
    try {
      const answer = await u.legacy({
        params: { imageType: 1 },
        account: { secretId: 'AKIDlegacyonly', secretKey: 'legacyKey' },
      });
      expect(answer.code).toBe(0);
      expect(answer.imageSet.every((image: { creator: string }) => image.creator === DEMO_ACCOUNT_B.uin)).toBe(true);
      expect(u.emulator.emulator.requests.at(-1)?.secretId).toBe(DEMO_ACCOUNT_B.secretId);
    } finally {
      await u.close();
    }
  });

  it('4400 when 3.0 says RequestLimitExceeded', async () => {
    // The emulator counts per clock second: on the real clock the three calls could straddle two
    // seconds (two let in). Its clock stops at one reading; the SDK's signatures stay well inside its window.
    const at = Date.now();
    const limited = await startHarness({
      emulator: { rateLimitPerSecond: 1, now: () => at },
      env: { UPSTREAM_RETRIES: '0' },
    });
    try {
      const answers = await Promise.all(
        ['img-31tjrtph', 'img-9id7emv7', 'img-b1ve77s9'].map((id) =>
          limited.legacy({ params: { imageType: 2, 'imageIds.0': id } }),
        ),
      );
      expect(answers.map((a) => a.code).sort()).toEqual([0, 4400, 4400]);
      expect(answers.find((a) => a.code === 4400)).toMatchObject({ codeDesc: 'RequestLimitExceeded' });
    } finally {
      await limited.close();
    }
  });

  it('6200 when 3.0 is unreachable', async () => {
    const down = await startHarness({ env: { CVM_ENDPOINT: 'http://127.0.0.1:1' } });
    try {
      expect(await down.legacy({ params: { imageType: 2 } })).toMatchObject({
        code: 6200,
        codeDesc: 'ServiceUnavailable',
      });
    } finally {
      await down.close();
    }
  });

  it('6200 within the timeout when 3.0 never answers', async () => {
    const silent: Server = createServer(() => {}).listen(0, '127.0.0.1');
    await new Promise((resolve) => silent.once('listening', resolve));
    const port = (silent.address() as { port: number }).port;
    const hung = await startHarness({ env: { CVM_ENDPOINT: `http://127.0.0.1:${port}`, UPSTREAM_TIMEOUT_MS: '300' } });
    try {
      const started = Date.now();
      const answer = await hung.legacy({ params: { imageType: 2 } });
      expect(answer).toMatchObject({ code: 6200, message: 'API 3.0 is unavailable: no answer before the deadline' });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await hung.close();
      silent.close();
    }
  });

  it('6000 without a stack trace for an unexpected failure, and the next request still works', async () => {
    const broken = await startHarness({
      cvm: (config) => {
        const real = createSdkCvm3Client({ endpoint: config.cvmEndpoint });
        let first = true;
        return {
          describeImages: (call) =>
            first ? ((first = false), Promise.reject(new TypeError('boom at x.ts:1'))) : real.describeImages(call),
        };
      },
    });
    try {
      const answer = await broken.legacy({ params: { imageType: 2 } });
      expect(answer).toMatchObject({ code: 6000, codeDesc: 'InternalError' });
      expect(answer.message).toMatch(/^internal error \(request [0-9a-f-]{36}\)$/);
      expect((await broken.legacy({ params: { imageType: 2 } })).code).toBe(0);
    } finally {
      await broken.close();
    }
  });
});

describe('the request log', () => {
  it('has one line per request with the facts, and never a secret', async () => {
    const before = h.log.lines.length;
    const signedToken = 'tok-SECRET-123';
    await h.legacy({
      params: { imageType: 1, limit: 100, offset: 100, Token: signedToken },
      signatureMethod: 'HmacSHA256',
    });
    const lines = h.log.lines.slice(before);
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!);
    expect(record).toMatchObject({
      msg: 'legacy request',
      action: 'DescribeImages',
      secretId: DEMO_ACCOUNT_A.secretId,
      region: 'ap-guangzhou',
      code: 0,
      upstreamCalls: 2,
    });
    expect(record.upstreamRequestIds).toHaveLength(2);
    expect(record.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof record.durationMs).toBe('number');
    const all = h.log.lines.join('\n');
    for (const secret of [DEMO_ACCOUNT_A.secretKey, DEMO_ACCOUNT_B.secretKey, signedToken])
      expect(all).not.toContain(secret);
  });

  it('redacts secret-looking fields by configuration', () => {
    const before = h.log.lines.length;
    h.log.logger.info({ secretKey: 'k1', nested: { Signature: 's1', token: 't1' } }, 'x');
    expect(h.log.lines.slice(before).join('')).not.toMatch(/k1|s1|t1/);
  });
});

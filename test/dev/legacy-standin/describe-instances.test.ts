/**
 * DescribeInstances, the Action the proxy does not translate, and the rest of the legacy path:
 * other Actions, methods, content types and paths get legacy answers.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../../dev/emulator/accounts.js';
import { DEFAULT_INSTANCES_PER_ACCOUNT } from '../../../dev/legacy-standin/describe-instances.js';
import { STANDIN_HOST, call, sendTo, signFor, standin } from './helpers.js';

const instances = (params: Record<string, string | number>, account = DEMO_ACCOUNT_A, options = {}) =>
  call(standin(options).app, { account, params: { Action: 'DescribeInstances', ...params } });

describe('DescribeInstances', () => {
  it('answers a small fleet per account in the legacy shape', async () => {
    const answer = await instances({});
    expect(Object.keys(answer)).toEqual(['code', 'message', 'codeDesc', 'totalCount', 'instanceSet']);
    expect(answer).toMatchObject({ code: 0, message: '', codeDesc: 'Success', totalCount: DEFAULT_INSTANCES_PER_ACCOUNT });
    expect(answer.instanceSet).toHaveLength(DEFAULT_INSTANCES_PER_ACCOUNT);
    expect(answer.instanceSet[0]).toEqual({
      instanceId: expect.stringMatching(/^qcvm[0-9a-f]{32}$/),
      unInstanceId: expect.stringMatching(/^ins-[a-z0-9]{8}$/),
      instanceName: 'standin-1',
      zoneId: 100001,
      zoneName: 'ap-guangzhou-1',
      status: 2,
      cpu: 1,
      mem: 2,
      os: expect.any(String),
      lanIp: expect.stringMatching(/^10\.\d+\.\d+\.2$/),
      createTime: '2019-03-01 09:02:03',
    });
  });

  it('is the same on every call, and differs between accounts', async () => {
    const a = await instances({});
    expect(await instances({})).toEqual(a);
    const b = await instances({}, DEMO_ACCOUNT_B);
    const ids = (answer: { instanceSet: Array<{ unInstanceId: string }> }) => answer.instanceSet.map((i) => i.unInstanceId);
    expect(new Set(ids(a)).size).toBe(DEFAULT_INSTANCES_PER_ACCOUNT);
    expect(ids(b).filter((id) => ids(a).includes(id))).toEqual([]);
  });

  it.each<[Record<string, number>, number[]]>([
    [{ offset: 2, limit: 3 }, [2, 3, 4]],
    [{ offset: 5 }, [5, 6]],
    [{ limit: 1 }, [0]],
    [{ offset: 7 }, []],
    [{ offset: 100, limit: 100 }, []],
  ])('pages with offset/limit %o', async (params, indexes) => {
    const all = (await instances({})).instanceSet;
    const page = await instances(params);
    expect(page.totalCount).toBe(DEFAULT_INSTANCES_PER_ACCOUNT);
    expect(page.instanceSet).toEqual(indexes.map((i) => all[i]));
  });

  it('defaults to 20 per page, up to 100', async () => {
    const options = { instancesPerAccount: 130 };
    expect((await instances({}, DEMO_ACCOUNT_A, options)).instanceSet).toHaveLength(20);
    expect((await instances({ limit: 100 }, DEMO_ACCOUNT_A, options)).instanceSet).toHaveLength(100);
    expect(await instances({ offset: 120, limit: 100 }, DEMO_ACCOUNT_A, options)).toMatchObject({ totalCount: 130, instanceSet: { length: 10 } });
  });

  it.each<[Record<string, string | number>, RegExp]>([
    [{ limit: 0 }, /^limit: must be an integer from 1 to 100/],
    [{ limit: 101 }, /^limit: /],
    [{ offset: -1 }, /^offset: /],
    [{ offset: 'x' }, /^offset: /],
    [{ Region: 'moon' }, /^Region: unknown region/],
  ])('4000 for %o', async (params, message) => {
    const answer = await instances(params);
    expect(answer).toMatchObject({ code: 4000, codeDesc: 'InvalidParameter' });
    expect(answer.message).toMatch(message);
  });

  it('echoes nothing secret', async () => {
    const { app } = standin();
    const params = await signFor({ params: { Action: 'DescribeInstances' } });
    const text = await (await sendTo(app, 'GET', params)).text();
    for (const secret of [DEMO_ACCOUNT_A.secretId, DEMO_ACCOUNT_A.secretKey, params['Signature']!]) expect(text).not.toContain(secret);
  });
});

describe('the rest of the legacy path', () => {
  it('6100 for an Action this host does not serve, after the signature is checked', async () => {
    const { app } = standin();
    const answer = await call(app, { params: { Action: 'RunInstances' } });
    expect(answer).toMatchObject({ code: 6100, codeDesc: 'UnsupportedOperation' });
    expect(answer.message).toMatch(/RunInstances is not supported on this host/);
    expect(await call(app, { params: { Action: 'RunInstances' } }, (p) => void (p['Region'] = 'sh'))).toMatchObject({ code: 4100 });
  });

  it('legacy answers for other methods, content types and paths; such requests are recorded unverified', async () => {
    const { app, controls } = standin();
    const put = await app.request(`http://${STANDIN_HOST}/v2/index.php`, { method: 'PUT' });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ code: 4000, message: 'method PUT is not supported; use GET or POST' });
    const json = await app.request(`http://${STANDIN_HOST}/v2/index.php`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await json.json()).toMatchObject({ code: 4000, message: expect.stringMatching(/must be application\/x-www-form-urlencoded/) });
    expect(controls.received).toMatchObject([{ method: 'PUT', params: {}, signatureVerified: false }, { method: 'POST', signatureVerified: false }]);
    const other = await app.request(`http://${STANDIN_HOST}/v3/index.php`);
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ code: 5000 });
  });

  it('a POST reads the form body only, as the legacy host did', async () => {
    const { app } = standin();
    const params = await signFor({ method: 'POST', params: { imageType: 2, limit: 1 } });
    const response = await app.request(`http://${STANDIN_HOST}/v2/index.php?imageType=1`, {
      method: 'POST', headers: { host: STANDIN_HOST, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: new URLSearchParams(params).toString(),
    });
    expect(await response.json()).toMatchObject({ code: 0, imageSet: [{ imageType: 2 }] });
  });
});

/**
 * DescribeInstances, the Action the proxy does not translate: a small fleet per account, paged
 * as the legacy page says.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../../dev/emulator/accounts.js';
import { DEFAULT_INSTANCES_PER_ACCOUNT } from '../../../dev/legacy-standin/describe-instances.js';
import { call, sendTo, signFor, standin } from './helpers.js';

const instances = (params: Record<string, string | number>, account = DEMO_ACCOUNT_A, options = {}) =>
  call(standin(options).app, { account, params: { Action: 'DescribeInstances', ...params } });

describe('DescribeInstances', () => {
  it('answers a small fleet per account in the legacy shape', async () => {
    const answer = await instances({});
    expect(Object.keys(answer)).toEqual(['code', 'message', 'codeDesc', 'totalCount', 'instanceSet']);
    expect(answer).toMatchObject({
      code: 0,
      message: '',
      codeDesc: 'Success',
      totalCount: DEFAULT_INSTANCES_PER_ACCOUNT,
    });
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
    const ids = (answer: { instanceSet: Array<{ unInstanceId: string }> }) =>
      answer.instanceSet.map((i) => i.unInstanceId);
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
    expect(await instances({ offset: 120, limit: 100 }, DEMO_ACCOUNT_A, options)).toMatchObject({
      totalCount: 130,
      instanceSet: { length: 10 },
    });
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
    for (const secret of [DEMO_ACCOUNT_A.secretId, DEMO_ACCOUNT_A.secretKey, params['Signature']!])
      expect(text).not.toContain(secret);
  });
});

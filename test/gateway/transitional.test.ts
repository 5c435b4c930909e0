/**
 * Transitional calls: `Version=2017-03-12` on the legacy path is a 3.0-style DescribeImages. It
 * reaches API 3.0 with its own parameters and comes back in the 3.0 shape, errors included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROXY_HOST, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());

const transitional = (params: Record<string, string | number>) =>
  h.legacy({ params: { Version: '2017-03-12', Region: 'ap-guangzhou', ...params } });

describe('transitional DescribeImages (Version=2017-03-12)', () => {
  it('sends its ImageIds to 3.0 and answers in the 3.0 shape, every 3.0 field kept', async () => {
    const answer = await transitional({ 'ImageIds.0': 'img-31tjrtph' });
    expect(answer).toEqual({
      Response: {
        TotalCount: 1,
        ImageSet: [expect.objectContaining({ ImageId: 'img-31tjrtph', ImageState: 'NORMAL' })],
        RequestId: expect.any(String),
      },
    });
    // 3.0 fields a legacy answer never had are there: this is 3.0's answer, not a translation.
    expect(Object.keys(answer.Response.ImageSet[0])).toEqual(
      expect.arrayContaining(['ImageId', 'OsName', 'ImageType', 'CreatedTime', 'Architecture', 'Platform']),
    );
    expect(h.emulator.emulator.requests.at(-1)).toMatchObject({ action: 'DescribeImages', region: 'ap-guangzhou' });
  });

  it('passes Filters, Offset and Limit as they are: one 3.0 call, 3.0 paging', async () => {
    h.emulator.emulator.clearRequests();
    const answer = await transitional({
      'Filters.0.Name': 'image-type',
      'Filters.0.Values.0': 'PUBLIC_IMAGE',
      Offset: 30,
      Limit: 5,
    });
    expect(answer.Response.TotalCount).toBe(38);
    expect(answer.Response.ImageSet).toHaveLength(5);
    expect(answer.Response.ImageSet.every((image: { ImageType: string }) => image.ImageType === 'PUBLIC_IMAGE')).toBe(
      true,
    );
    expect(h.emulator.emulator.requests).toHaveLength(1);
    const all = await transitional({
      'Filters.0.Name': 'image-type',
      'Filters.0.Values.0': 'PUBLIC_IMAGE',
      Limit: 100,
    });
    expect(answer.Response.ImageSet).toEqual(all.Response.ImageSet.slice(30, 35));
  });

  it('accepts a legacy region code too', async () => {
    expect((await transitional({ Region: 'gz', 'ImageIds.0': 'img-31tjrtph' })).Response.TotalCount).toBe(1);
  });

  it("shows 3.0's own error as it came", async () => {
    const answer = await transitional({ Limit: 101 });
    expect(answer.Response.Error.Code).toMatch(/^InvalidParameterValue/);
    expect(answer.Response.RequestId).toEqual(expect.any(String));
    expect(answer).not.toHaveProperty('code');
  });

  it.each([
    [{ Colour: 'blue' }, 'UnknownParameter', /`Colour` is not recognized/],
    [{ Limit: 'ten' }, 'InvalidParameter', /`Limit` is not an integer/],
    [{ 'Filters.0.Values.0': 'x' }, 'MissingParameter', /Filters\.0\.Name/],
    [{ Region: 'mars-1' }, 'InvalidParameterValue', /`Region`/],
    [
      { 'ImageIds.0': 'img-31tjrtph', 'ImageIds.00': 'img-9id7emv7' },
      'UnknownParameter',
      /`ImageIds\.00` is not recognized/,
    ],
  ])('refuses %j with %s before calling 3.0', async (params, code, message) => {
    h.emulator.emulator.clearRequests();
    const answer = await transitional(params);
    expect(answer.Response.Error).toEqual({ Code: code, Message: expect.stringMatching(message) });
    expect(h.emulator.emulator.requests).toHaveLength(0);
  });

  it('answers an authentication failure in the 3.0 shape too', async () => {
    const answer = await h.legacy(
      { params: { Version: '2017-03-12', Region: 'ap-guangzhou' } },
      (p) => void (p.Nonce = '99'),
    );
    expect(answer).toEqual({
      Response: {
        Error: { Code: 'AuthFailure.SignatureFailure', Message: expect.stringMatching(/signature does not match/) },
        RequestId: expect.any(String),
      },
    });
  });

  it('is 3.0-shaped even when refused before its parameters are read', async () => {
    const duplicated = await h.app.request(
      `http://${PROXY_HOST}/v2/index.php?Version=2017-03-12&Action=DescribeImages&Limit=1&Limit=2`,
      { headers: { host: PROXY_HOST } },
    );
    expect(await duplicated.json()).toEqual({
      Response: {
        Error: { Code: 'InvalidParameter', Message: expect.stringMatching(/Limit.*more than once/) },
        RequestId: expect.any(String),
      },
    });
    const put = await h.app.request(`http://${PROXY_HOST}/v2/index.php?Version=2017-03-12`, {
      method: 'PUT',
      headers: { host: PROXY_HOST },
    });
    expect(await put.json()).toMatchObject({
      Response: { Error: { Code: 'InvalidParameter', Message: expect.stringMatching(/method PUT/) } },
    });
  });

  it('logs the route', async () => {
    await transitional({ 'ImageIds.0': 'img-31tjrtph' });
    expect(h.log.records().at(-1)).toMatchObject({
      msg: 'legacy request',
      route: 'transitional',
      code: 0,
      upstreamCalls: 1,
    });
  });
});

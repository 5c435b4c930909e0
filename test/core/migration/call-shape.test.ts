/** A call's shape: names and enumerated values only, never a secret or free text; a stable key; bounded. */
import { describe, expect, it } from 'vitest';
import { collectParams } from '../../../src/core/legacy/params.js';
import { callShapeOf, MAX_SHAPE_PARAMS } from '../../../src/core/migration/call-shape.js';
import { shapeParams } from '../../../src/core/migration/shape-params.js';

const SECRETS = {
  SecretId: 'AKIDsecretIdValue',
  Signature: 'c2lnbmF0dXJlVmFsdWU=',
  Nonce: '98765432123',
  Timestamp: '1700000000',
  Token: 'tokenValueSecret',
};
const shapeOf = (params: Record<string, string>) =>
  callShapeOf(collectParams(Object.entries({ Action: 'DescribeImages', ...SECRETS, ...params })));

describe('call shape', () => {
  it('keeps parameter names and enumerated values; drops the signature and never holds a secret value', () => {
    const shape = shapeOf({
      Region: 'gz',
      imageType: '1',
      status: '2',
      offset: '40',
      limit: '20',
      SignatureMethod: 'HmacSHA256',
      RequestClient: 'SDK_PYTHON_2.0.15',
    });
    expect(shape.action).toBe('DescribeImages');
    expect(shape.params).toEqual([
      { name: 'Region', value: 'gz' },
      { name: 'RequestClient', value: 'SDK_PYTHON_2.0.15' },
      { name: 'SignatureMethod', value: 'HmacSHA256' },
      { name: 'Token', value: null },
      { name: 'imageType', value: '1' },
      { name: 'limit', value: null },
      { name: 'offset', value: null },
      { name: 'status', value: '2' },
    ]);
    expect(shape.example).toEqual({ offset: '40', limit: '20' });
    const text = JSON.stringify(shape);
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/SecretId|Signature"|Nonce|Timestamp/);
  });

  it('is one shape whatever the order, the offset or the ids; another for other names or enumerated values', () => {
    const a = shapeOf({ Region: 'gz', imageType: '1', offset: '0', limit: '20' });
    const b = shapeOf({ limit: '100', offset: '300', imageType: '1', Region: 'gz' });
    expect(b.key).toBe(a.key);
    expect(shapeOf({ Region: 'gz', imageType: '2', offset: '0', limit: '20' }).key).not.toBe(a.key);
    expect(shapeOf({ Region: 'gz', imageType: '1', limit: '20' }).key).not.toBe(a.key);
    expect(shapeOf({ Region: 'gz', imageType: '1', 'imageIds.0': 'img-aaaaaaaa' }).key).toBe(
      shapeOf({ Region: 'gz', imageType: '1', 'imageIds.0': 'img-bbbbbbbb' }).key,
    );
  });

  it('keeps free text out: unknown values read other, names without a kept value are null, odd examples are dropped', () => {
    const shape = shapeOf({
      Region: 'moon-base-1',
      imageType: 'one',
      RequestClient: 'my script with spaces',
      imageName: 'prod db secret name',
      'imageIds.0': 'not-an-id',
      offset: '-1',
    });
    expect(Object.fromEntries(shape.params.map((p) => [p.name, p.value]))).toEqual({
      Region: 'other',
      RequestClient: 'other',
      Token: null,
      imageType: 'other',
      imageName: null,
      'imageIds.0': null,
      offset: null,
    });
    expect(shape.example).toEqual({});
    expect(JSON.stringify(shape)).not.toMatch(/moon|spaces|prod db|not-an-id/);
  });

  it('keeps the enumerated values of 3.0-style calls: filter names and image types; free filter values stay out', () => {
    const shape = shapeOf({
      Version: '2017-03-12',
      Region: 'ap-guangzhou',
      'Filters.0.Name': 'image-type',
      'Filters.0.Values.0': 'PRIVATE_IMAGE',
      'Filters.1.Name': 'image-name',
      'Filters.1.Values.0': 'my-secret-project',
      'Filters.2.Name': 'tag:owner',
      'Filters.2.Values.0': 'alice',
      'Filters.3.Name': 'image-id',
      'Filters.3.Values.0': 'img-31tjrtph',
      InstanceType: 'S5.MEDIUM4',
      Limit: '50',
    });
    const values = Object.fromEntries(shape.params.map((p) => [p.name, p.value]));
    expect(values).toMatchObject({
      Version: '2017-03-12',
      'Filters.0.Name': 'image-type',
      'Filters.0.Values.0': 'PRIVATE_IMAGE',
      'Filters.1.Name': 'image-name',
      'Filters.1.Values.0': null,
      'Filters.2.Name': null,
      'Filters.3.Values.0': null,
    });
    expect(shape.example).toEqual({ 'Filters.3.Values.0': 'img-31tjrtph', InstanceType: 'S5.MEDIUM4', Limit: '50' });
    expect(JSON.stringify(shape)).not.toMatch(/my-secret-project|alice|owner/);
  });

  it('stays small: odd names and names past the bound count as one', () => {
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`p${i}`, 'x']));
    const shape = shapeOf({ ...many, '<script>': 'x', constructor: 'y', __proto__x: 'z' });
    expect(shape.params.length).toBe(MAX_SHAPE_PARAMS + 1);
    expect(shape.params.filter((p) => p.name === '?')).toHaveLength(1);
    expect(JSON.stringify(shape)).not.toContain('<script>');
    expect(shape.key.length).toBeLessThan(2_000);
  });

  it('is safe with names that are also object keys', () => {
    const shape = shapeOf({ constructor: '1', toString: '2', hasOwnProperty: '3', imageType: '1', Region: 'gz' });
    expect(shape.params.find((p) => p.name === 'constructor')).toEqual({ name: 'constructor', value: null });
    const params = shapeParams(shape);
    expect(params.get('constructor')).toBe('<constructor>');
    expect(params.get('imageType')).toBe('1');
  });

  it('turns back into parameters: kept values, the example, and a placeholder for the rest', () => {
    const shape = shapeOf({ Region: 'gz', imageType: '1', offset: '40', imageName: 'free text' });
    const params = shapeParams(shape);
    expect(Object.fromEntries([...params.byName].map(([name, { value }]) => [name, value]))).toEqual({
      Action: 'DescribeImages',
      Region: 'gz',
      Token: '<Token>',
      imageType: '1',
      offset: '40',
      imageName: '<imageName>',
    });
  });
});

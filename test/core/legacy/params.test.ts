/**
 * Legacy parameters collected once (B.6): names read with `_` as `.` (the PHP spelling), the name
 * as sent kept for the signature, a name given twice in either spelling refused.
 */
import { describe, expect, it } from 'vitest';
import { collectParams, normaliseName } from '../../../src/core/legacy/params.js';

describe('normaliseName', () => {
  it.each([
    ['imageIds_0', 'imageIds.0'],
    ['imageIds.0', 'imageIds.0'],
    ['Filters_0_Name', 'Filters.0.Name'],
    // LEG-NODE (qcloudapi-sdk 0.2.1): `key.indexOf('_') ? key.replace(/_/g, '.') : key`, so a
    // name that starts with `_` is signed as it is, every `_` in it kept.
    ['_private', '_private'],
    ['_a_b', '_a_b'],
    ['Action', 'Action'],
  ])('%s → %s', (raw, name) => {
    expect(normaliseName(raw)).toBe(name);
  });
});

describe('collectParams', () => {
  it('finds a parameter by either spelling of its name, and keeps the name as sent', () => {
    const params = collectParams([
      ['Action', 'DescribeImages'],
      ['imageIds_0', 'img-aaaaaaaa'],
    ]);
    expect(params.get('imageIds.0')).toBe('img-aaaaaaaa');
    expect(params.get('imageIds_0')).toBeUndefined();
    expect(params.byName.get('imageIds.0')).toEqual({ rawName: 'imageIds_0', value: 'img-aaaaaaaa' });
    expect(params.get('Action')).toBe('DescribeImages');
    expect(params.get('Region')).toBeUndefined();
  });

  it('keeps values as sent, empty ones too, and skips a parameter with no name', () => {
    const params = collectParams([
      ['', 'x'],
      ['limit', ''],
      ['name', ' 中 文 '],
    ]);
    expect([...params.byName.keys()]).toEqual(['limit', 'name']);
    expect(params.get('limit')).toBe('');
    expect(params.get('name')).toBe(' 中 文 ');
  });

  it.each([
    [
      [
        ['limit', '1'],
        ['limit', '2'],
      ],
    ],
    [
      [
        ['imageIds.0', 'img-aaaaaaaa'],
        ['imageIds_0', 'img-bbbbbbbb'],
      ],
    ],
  ])('refuses a name given twice, in either spelling: %j', (pairs) => {
    expect(() => collectParams(pairs as Array<[string, string]>)).toThrow(
      expect.objectContaining({ code: 4000, message: expect.stringMatching(/is given more than once$/) }),
    );
  });

  it('looks up only its own names', () => {
    expect(collectParams([]).get('constructor')).toBeUndefined();
    expect(collectParams([['__proto__', 'x']]).get('__proto__')).toBe('x');
  });
});

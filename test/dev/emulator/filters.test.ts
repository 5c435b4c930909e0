/**
 * DescribeImages filters (SDK-CVM DescribeImagesRequest.Filters): different filters AND, values of
 * one filter OR; image-name and platform fuzzy; tags by key, value or both.
 */
import { describe, expect, it } from 'vitest';
import type { Cvm3Image } from '../../../src/core/cvm3/types.js';
import { IMAGE_TYPES, matchesFilters, validateFilter } from '../../../dev/emulator/filters.js';

const image: Cvm3Image = {
  ImageId: 'img-aaaaaaaa',
  OsName: 'CentOS 7.9 64位',
  ImageType: 'PRIVATE_IMAGE',
  CreatedTime: null,
  ImageName: 'Web-Server-01',
  ImageDescription: '',
  ImageState: 'NORMAL',
  ImageCreator: '1',
  Platform: 'CentOS',
  Tags: [
    { Key: 'env', Value: 'prod' },
    { Key: 'team', Value: 'infra' },
  ],
};
const f = (Name: string, ...Values: string[]) => ({ Name, Values });

describe('matchesFilters', () => {
  it.each<[string, ReturnType<typeof f>[], boolean]>([
    ['no filters', [], true],
    ['image-id, one of the values', [f('image-id', 'img-bbbbbbbb', 'img-aaaaaaaa')], true],
    ['image-type, another type', [f('image-type', 'PUBLIC_IMAGE')], false],
    ['image-name, a fragment in another case', [f('image-name', 'server')], true],
    ['platform, fuzzy', [f('platform', 'cent')], true],
    ['tag-key', [f('tag-key', 'team')], true],
    ['tag-value', [f('tag-value', 'staging', 'prod')], true],
    ['tag:env=prod', [f('tag:env', 'prod')], true],
    ['tag:env=infra (a value of another key)', [f('tag:env', 'infra')], false],
    ['two filters, both match', [f('image-type', 'PRIVATE_IMAGE'), f('tag-key', 'env')], true],
    ['two filters, one fails', [f('image-type', 'PRIVATE_IMAGE'), f('tag-key', 'owner')], false],
    ['dedicated-cluster-id: no emulated image is in a CDC', [f('dedicated-cluster-id', 'cluster-1')], false],
  ])('%s: %s', (_name, filters, expected) => {
    expect(matchesFilters(image, filters)).toBe(expected);
  });

  it('reads Tags that are missing or malformed as no tags', () => {
    expect(matchesFilters({ ...image, Tags: undefined }, [f('tag-key', 'env')])).toBe(false);
    expect(matchesFilters({ ...image, Tags: [{ Key: 1 }, null, 'x'] }, [f('tag-key', 'env')])).toBe(false);
  });
});

describe('validateFilter', () => {
  it('accepts the documented names and tag:<key>', () => {
    for (const name of [
      'image-id',
      'image-type',
      'image-name',
      'platform',
      'tag-key',
      'tag-value',
      'tag:env',
      'dedicated-cluster-id',
      'cdc-cache-status',
    ]) {
      const value = name === 'image-type' ? 'PUBLIC_IMAGE' : name === 'image-id' ? 'img-aaaaaaaa' : 'x';
      expect(() => validateFilter(f(name, value), 'Filters.0')).not.toThrow();
    }
  });

  it.each([
    [f('image-state', 'NORMAL'), 'InvalidFilter', 'Filters.2.Name'],
    [f('tag:', 'x'), 'InvalidFilter', 'Filters.2.Name'],
    [f('image-type', 'PUBLIC_IMAGE', 'MARKET_IMAGE'), 'InvalidParameterValue', 'Filters.2.Values.1'],
    [f('image-id', 'ins-12345678'), 'InvalidImageId.Malformed', 'Filters.2.Values.0'],
  ])('refuses %j with %s, naming %s', (filter, code, path) => {
    expect(() => validateFilter(filter, 'Filters.2')).toThrow(
      expect.objectContaining({ code, message: expect.stringContaining(path) }),
    );
  });

  it('knows the three documented image types', () => {
    expect([...IMAGE_TYPES].sort()).toEqual(['PRIVATE_IMAGE', 'PUBLIC_IMAGE', 'SHARED_IMAGE']);
  });
});

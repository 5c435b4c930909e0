/** Region (B.3): every legacy code of A1's table and every 3.0 name in it; nothing else. */
import { describe, expect, it } from 'vitest';
import { isNorthAmerica, toCvm3Region } from '../../../src/core/legacy/regions.js';
import { A1_REGIONS } from '../../fixtures/legacy-regions.js';

describe('toCvm3Region', () => {
  it.each(A1_REGIONS)('%s and %s both name %s', (code, name) => {
    expect(toCvm3Region(code)).toBe(name);
    expect(toCvm3Region(name)).toBe(name);
  });

  it.each([
    [undefined, /^Region: is required/],
    ['', /^Region: is required/],
    ['moon', /^Region: unknown region "moon"/],
    ['GZ', /^Region: unknown region/],
    ['constructor', /^Region: unknown region/],
    ['ap-guangzhou-1', /^Region: unknown region/],
    ['x'.repeat(100), /^Region: unknown region "x{40}…"/],
  ])('refuses %j with a 4000 naming Region', (value, message) => {
    expect(() => toCvm3Region(value)).toThrow(
      expect.objectContaining({ code: 4000, message: expect.stringMatching(message) }),
    );
  });
});

describe('isNorthAmerica (B.4: no service market there)', () => {
  it.each(A1_REGIONS.map(([, name]) => [name, name.startsWith('na-')] as const))('%s: %s', (name, expected) => {
    expect(isNorthAmerica(name)).toBe(expected);
  });
});

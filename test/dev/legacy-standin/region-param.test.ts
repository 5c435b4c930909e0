/** Region as the legacy host took it: every legacy code of A1 and its 3.0 name, nothing else. */
import { describe, expect, it } from 'vitest';
import { readRegion } from '../../../dev/legacy-standin/region-param.js';
import { A1_REGIONS } from '../../fixtures/legacy-regions.js';

describe('readRegion', () => {
  it.each(A1_REGIONS)('%s and %s are %s', (code, name) => {
    expect(readRegion(code)).toBe(name);
    expect(readRegion(name)).toBe(name);
  });

  it.each([undefined, '', 'GZ', 'moon', 'ap-mars', 'constructor'])('refuses %j with 4000', (value) => {
    expect(() => readRegion(value)).toThrow(
      expect.objectContaining({ code: 4000, message: expect.stringMatching(/^Region: /) }),
    );
  });
});

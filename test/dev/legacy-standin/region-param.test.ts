/** Region as the legacy host took it: every legacy code of A1 and its 3.0 name, nothing else. */
import { describe, expect, it } from 'vitest';
import { readRegion } from '../../../dev/legacy-standin/region-param.js';

describe('readRegion', () => {
  it.each([
    ['gz', 'ap-guangzhou'],
    ['sh', 'ap-shanghai'],
    ['bj', 'ap-beijing'],
    ['hk', 'ap-hongkong'],
    ['ca', 'na-toronto'],
    ['sg', 'ap-singapore'],
    ['shjr', 'ap-shanghai-fsi'],
    ['szjr', 'ap-shenzhen-fsi'],
    ['gzopen', 'ap-guangzhou-open'],
    ['cd', 'ap-chengdu'],
    ['cq', 'ap-chongqing'],
    ['th', 'ap-bangkok'],
    ['kr', 'ap-seoul'],
    ['jp', 'ap-tokyo'],
    ['de', 'eu-frankfurt'],
    ['in', 'ap-mumbai'],
    ['usw', 'na-siliconvalley'],
    ['use', 'na-ashburn'],
    ['ru', 'eu-moscow'],
  ])('%s and %s are %s', (code, name) => {
    expect(readRegion(code)).toBe(name);
    expect(readRegion(name)).toBe(name);
  });

  it.each([undefined, '', 'GZ', 'moon', 'ap-mars', 'constructor'])('refuses %j with 4000', (value) => {
    expect(() => readRegion(value)).toThrow(
      expect.objectContaining({ code: 4000, message: expect.stringMatching(/^Region: /) }),
    );
  });
});

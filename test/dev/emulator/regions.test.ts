/** The emulator knows exactly the 3.0 region names of A1's table. */
import { describe, expect, it } from 'vitest';
import { CVM3_REGIONS } from '../../../dev/emulator/regions.js';

describe('CVM3_REGIONS', () => {
  it("is A1's 19 names", () => {
    expect([...CVM3_REGIONS].sort()).toEqual([
      'ap-bangkok',
      'ap-beijing',
      'ap-chengdu',
      'ap-chongqing',
      'ap-guangzhou',
      'ap-guangzhou-open',
      'ap-hongkong',
      'ap-mumbai',
      'ap-seoul',
      'ap-shanghai',
      'ap-shanghai-fsi',
      'ap-shenzhen-fsi',
      'ap-singapore',
      'ap-tokyo',
      'eu-frankfurt',
      'eu-moscow',
      'na-ashburn',
      'na-siliconvalley',
      'na-toronto',
    ]);
  });
});

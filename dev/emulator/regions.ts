/**
 * The 3.0 region names the emulator knows: those of the legacy region table
 * docs/contract.md#a1, from docs/contract.md#leg-common and docs/contract.md#clb-common). Every region serves the same catalogue.
 */
export const CVM3_REGIONS: ReadonlySet<string> = new Set([
  'ap-guangzhou',
  'ap-shanghai',
  'ap-beijing',
  'ap-hongkong',
  'na-toronto',
  'ap-singapore',
  'ap-shanghai-fsi',
  'ap-shenzhen-fsi',
  'ap-guangzhou-open',
  'ap-chengdu',
  'ap-chongqing',
  'ap-bangkok',
  'ap-seoul',
  'ap-tokyo',
  'eu-frankfurt',
  'ap-mumbai',
  'na-siliconvalley',
  'na-ashburn',
  'eu-moscow',
]);

/**
 * The 3.0 region names the emulator knows: those of the legacy region table
 * (shared/spec/api-facts.md A1, from LEG-COMMON and CLB-COMMON). Every region serves the same catalogue.
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

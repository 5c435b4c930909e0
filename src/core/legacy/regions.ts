/**
 * Legacy region short codes and their API 3.0 names (docs/contract.md#leg-common, docs/contract.md#clb-common; docs/contract.md#a1).
 * Both spellings are accepted on the legacy side (docs/contract.md#b3).
 */
import { invalidParameter } from '../errors.js';
import { clip } from '../clip.js';
import { lookup } from '../lookup.js';

export const LEGACY_REGIONS: Readonly<Record<string, string>> = {
  gz: 'ap-guangzhou',
  sh: 'ap-shanghai',
  bj: 'ap-beijing',
  hk: 'ap-hongkong',
  ca: 'na-toronto',
  sg: 'ap-singapore',
  shjr: 'ap-shanghai-fsi',
  szjr: 'ap-shenzhen-fsi',
  gzopen: 'ap-guangzhou-open',
  cd: 'ap-chengdu',
  cq: 'ap-chongqing',
  th: 'ap-bangkok',
  kr: 'ap-seoul',
  jp: 'ap-tokyo',
  de: 'eu-frankfurt',
  in: 'ap-mumbai',
  usw: 'na-siliconvalley',
  use: 'na-ashburn',
  ru: 'eu-moscow',
};

const CVM3_REGIONS = new Set(Object.values(LEGACY_REGIONS));

/** The 3.0 name of a legacy `Region` value, in either spelling. */
export function toCvm3Region(region: string | undefined): string {
  if (!region) throw invalidParameter('Region', 'is required');
  const fromShortCode = lookup(LEGACY_REGIONS, region);
  if (fromShortCode) return fromShortCode;
  if (CVM3_REGIONS.has(region)) return region;
  throw invalidParameter(
    'Region',
    `unknown region "${clip(region)}"; use a legacy code (gz, sh, …) or a 3.0 name (ap-guangzhou, …)`,
  );
}

/** North America has no service market (legacy DescribeImages page). */
export function isNorthAmerica(cvm3Region: string): boolean {
  return cvm3Region.startsWith('na-');
}

/**
 * The stand-in's own tables, copied by hand from the documents (not imported from the proxy, so
 * that the stand-in is a second reading of them): the legacy image types and statuses of the
 * legacy DescribeImages page, the contract's 3.0-state → status rule, and the region codes.
 */

/**
 * Legacy page §1 "镜像拥有4个类型": 1 私有镜像 (created by this account), 2 公共镜像 (Tencent's
 * official images), 3 服务市场 (service market), 4 共享镜像 (shared with this account by another).
 * The stand-in tells them apart by who owns an image in the catalogue, not by a 3.0 type name.
 */
export const IMAGE_TYPE = { own: 1, official: 2, market: 3, sharedWithMe: 4 } as const;
export type StandinImageType = (typeof IMAGE_TYPE)[keyof typeof IMAGE_TYPE];

/**
 * Legacy page §1 "镜像拥有5个状态": 1 创建中, 2 正常, 3 使用中, 4 同步中, 5 复制中. Which 3.0
 * `ImageState` shows as which (the catalogue keeps 3.0 states) is the contract's decision (docs/contract.md#b5):
 * IMPORTING counts as being created, nothing is "copying", and any state not named here
 * (CREATEFAILED, IMPORTFAILED, anything newer) is not shown to a legacy client at all.
 */
export const STATUS_OF_STATE: ReadonlyMap<string, 1 | 2 | 3 | 4 | 5> = new Map([
  ['CREATING', 1],
  ['IMPORTING', 1],
  ['NORMAL', 2],
  ['USING', 3],
  ['SYNCING', 4],
] as const);

/** Legacy region codes and their 3.0 names (docs/contract.md#leg-common, docs/contract.md#clb-common); the legacy host took either. */
export const REGION_CODES: ReadonlyMap<string, string> = new Map([
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
]);

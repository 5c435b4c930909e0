/**
 * Deterministic 3.0 `Image` records for the emulator's catalogue: the same inputs always give the
 * same image, with no randomness at run time. Field shapes follow docs/contract.md#sdk-cvm `cvm_models.d.ts` (Image).
 */
import type { Cvm3Image } from '../../src/core/cvm3/types.js';

/** docs/contract.md#sdk-cvm `Image.ImageState` (`USING` was listed until 2025). */
export const IMAGE_STATES = [
  'CREATING',
  'NORMAL',
  'CREATEFAILED',
  'SYNCING',
  'IMPORTING',
  'IMPORTFAILED',
  'USING',
] as const;
export type ImageState = (typeof IMAGE_STATES)[number];

/** States of private images by index: mostly NORMAL, every state within any 10 consecutive images. */
const STATE_CYCLE: readonly ImageState[] = [
  'NORMAL',
  'NORMAL',
  'CREATING',
  'NORMAL',
  'USING',
  'SYNCING',
  'NORMAL',
  'IMPORTING',
  'CREATEFAILED',
  'IMPORTFAILED',
];

const OS_CYCLE = [
  { osName: 'CentOS 7.9 64位', platform: 'CentOS', size: 20 },
  { osName: 'Ubuntu Server 20.04 LTS 64位', platform: 'Ubuntu', size: 20 },
  { osName: 'Debian 11.1 64位', platform: 'Debian', size: 20 },
  { osName: 'Windows Server 2019 数据中心版 64位中文版', platform: 'Windows', size: 50 },
  { osName: 'TencentOS Server 3.1 (TK4)', platform: 'TencentOS', size: 20 },
] as const;

/** Name families; one is Chinese so that UTF-8 names travel through every layer. */
const NAME_FAMILIES = ['web', 'db', 'cache', 'batch', '测试镜像', 'ci-runner'] as const;

/** Newest private image time; older ones step back by an odd period so UTC hours vary. */
const PRIVATE_EPOCH_MS = Date.UTC(2024, 5, 30, 23, 30, 0);
const PRIVATE_STEP_MS = (7 * 3600 + 13 * 60 + 11) * 1000;
const PUBLIC_EPOCH_MS = Date.UTC(2016, 0, 4, 2, 0, 0);

const COMMON_FIELDS = {
  IsSupportCloudinit: true,
  LicenseType: 'TencentCloud',
  ImageFamily: '',
  ImageDeprecated: false,
} as const;

/** FNV-1a, 32 bits: a tiny stable hash for ids and per-owner offsets. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

/** `img-` + 8 chars of `[a-z0-9]` derived from a seed. */
export function imageIdFor(seed: string): string {
  const value = (BigInt(fnv1a(seed)) << 32n) | BigInt(fnv1a(`${seed}#`));
  return `img-${(value % 36n ** 8n).toString(36).padStart(8, '0')}`;
}

/** ISO 8601 UTC without milliseconds, with `Z` or `+00:00` (docs/contract.md#sdk-cvm: both are seen). */
export function isoUtc(ms: number, suffix: 'Z' | '+00:00' = 'Z'): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, suffix);
}

export function stateOfPrivateImage(index: number): ImageState {
  return STATE_CYCLE[index % STATE_CYCLE.length] ?? 'NORMAL';
}

/** Every 9th image (from the 5th) has no time; the rest alternate between `Z` and `+00:00`. */
function privateCreatedTime(owner: string, index: number): string | null {
  if (index % 9 === 4) return null;
  const ownerOffsetMs = (fnv1a(owner) % 720) * 60_000;
  return isoUtc(PRIVATE_EPOCH_MS - ownerOffsetMs - index * PRIVATE_STEP_MS, index % 2 === 0 ? 'Z' : '+00:00');
}

function privateTags(index: number): { Key: string; Value: string }[] {
  if (index % 4 === 0) return [{ Key: 'env', Value: 'prod' }];
  if (index % 4 === 1)
    return [
      { Key: 'env', Value: 'test' },
      { Key: 'team', Value: 'infra' },
    ];
  return [];
}

/** The `index`-th private image of account `owner` (ImageType is set when an account views it). */
export function privateImage(owner: string, index: number, imageId: string): Cvm3Image {
  const os = OS_CYCLE[index % OS_CYCLE.length] ?? OS_CYCLE[0];
  const family = NAME_FAMILIES[index % NAME_FAMILIES.length] ?? NAME_FAMILIES[0];
  const state = stateOfPrivateImage(index);
  const imported = state === 'IMPORTING' || state === 'IMPORTFAILED';
  const name = `${family}-${os.platform.toLowerCase()}-${String(index).padStart(3, '0')}`;
  return {
    ImageId: imageId,
    OsName: os.osName,
    ImageType: 'PRIVATE_IMAGE',
    CreatedTime: privateCreatedTime(owner, index),
    ImageName: name,
    ImageDescription: index % 3 === 2 ? '' : `${name}, image #${index} of account ${owner}`,
    ImageSize: os.size,
    Architecture: 'x86_64',
    ImageState: state,
    Platform: os.platform,
    ImageCreator: owner,
    ImageSource: imported ? 'EXTERNAL_IMPORT' : 'CREATE_IMAGE',
    SyncPercent: state === 'SYNCING' ? 40 : state === 'NORMAL' || state === 'USING' ? 100 : 0,
    Tags: privateTags(index),
    ...COMMON_FIELDS,
    SnapshotSet: [],
  };
}

/** Platform from the legacy table's name (`openSUSE` before `SUSE`). */
const PLATFORM_PREFIXES = [
  ['CentOS', 'CentOS'],
  ['Debian', 'Debian'],
  ['Ubuntu', 'Ubuntu'],
  ['openSUSE', 'OpenSUSE'],
  ['SUSE', 'SUSE'],
  ['FreeBSD', 'FreeBSD'],
  ['CoreOS', 'CoreOS'],
  ['Windows', 'Windows'],
] as const;

export function platformOf(name: string): string {
  return PLATFORM_PREFIXES.find(([prefix]) => name.startsWith(prefix))?.[1] ?? 'Other';
}

/** A public image of the legacy table (`index` is its row, for a stable creation time). */
export function publicImage(imageId: string, name: string, index: number): Cvm3Image {
  const platform = platformOf(name);
  return {
    ImageId: imageId,
    OsName: name,
    ImageType: 'PUBLIC_IMAGE',
    CreatedTime: isoUtc(PUBLIC_EPOCH_MS + index * 7 * 86_400_000),
    ImageName: name,
    ImageDescription: name,
    ImageSize: platform === 'Windows' ? 50 : 20,
    Architecture: name.includes('32位') ? 'i386' : 'x86_64',
    ImageState: 'NORMAL',
    Platform: platform,
    ImageCreator: null,
    ImageSource: 'OFFICIAL',
    SyncPercent: 100,
    Tags: [],
    ...COMMON_FIELDS,
    SnapshotSet: [],
  };
}

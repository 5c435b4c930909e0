/**
 * Legacy CVM DescribeInstances, an Action the proxy does not translate: the stand-in answers it so
 * that pass-through can be tested. A small synthetic fleet per account, the same on every call; the
 * field names are a subset of the legacy DescribeInstances page's `instanceSet`, the values made up.
 * `offset`/`limit` as on the legacy page (0 / 20, limit at most 100); other filters are ignored.
 */
import { clip } from '../../src/core/clip.js';
import { invalidParameter } from '../../src/core/errors.js';
import type { LegacyParams } from '../../src/core/legacy/params.js';
import { fnv1a, imageIdFor } from '../emulator/image-factory.js';
import { beijingTime } from './beijing-time.js';
import { readRegion } from './region-param.js';

export interface LegacyInstance {
  instanceId: string;
  unInstanceId: string;
  instanceName: string;
  zoneId: number;
  zoneName: string;
  /** Legacy instance status: 2 running, 4 stopped. */
  status: number;
  cpu: number;
  mem: number;
  os: string;
  lanIp: string;
  createTime: string;
}

export interface DescribeInstancesAnswer {
  totalCount: number;
  instanceSet: LegacyInstance[];
}

export const DEFAULT_INSTANCES_PER_ACCOUNT = 7;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const STATUS_CYCLE = [2, 2, 4] as const;
const OS_CYCLE = [
  'CentOS 7.9 64位',
  'Ubuntu Server 20.04 LTS 64位',
  'Windows Server 2019 数据中心版 64位中文版',
] as const;
const FIRST_CREATED_MS = Date.UTC(2019, 2, 1, 1, 2, 3);
const DAY_MS = 86_400_000;

export function describeInstances(
  uin: string,
  params: LegacyParams,
  perAccount = DEFAULT_INSTANCES_PER_ACCOUNT,
): DescribeInstancesAnswer {
  const region = readRegion(params.get('Region'));
  const offset = integer(params, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const limit = integer(params, 'limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
  const fleet = Array.from({ length: perAccount }, (_, index) => instance(uin, region, index));
  return { totalCount: fleet.length, instanceSet: fleet.slice(offset, offset + limit) };
}

function instance(uin: string, region: string, index: number): LegacyInstance {
  const seed = `${uin}/instance/${index}`;
  const hash = fnv1a(seed);
  const zone = index % 3;
  return {
    instanceId: `qcvm${[0, 1, 2, 3].map((n) => fnv1a(`${seed}#${n}`).toString(16).padStart(8, '0')).join('')}`,
    // `ins-` + 8 of [a-z0-9], the legacy and 3.0 instance id form.
    unInstanceId: `ins-${imageIdFor(seed).slice('img-'.length)}`,
    instanceName: `standin-${index + 1}`,
    zoneId: 100001 + zone,
    zoneName: `${region}-${zone + 1}`,
    status: STATUS_CYCLE[index % STATUS_CYCLE.length]!,
    cpu: 2 ** (index % 3),
    mem: 2 ** ((index % 3) + 1),
    os: OS_CYCLE[index % OS_CYCLE.length]!,
    lanIp: `10.${(hash >>> 16) & 255}.${(hash >>> 8) & 255}.${index + 2}`,
    createTime: beijingTime(new Date(FIRST_CREATED_MS + index * DAY_MS).toISOString()),
  };
}

function integer(params: LegacyParams, name: string, min: number, max: number): number | undefined {
  const text = params.get(name);
  if (text === undefined) return undefined;
  const value = /^[0-9]{1,16}$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max))
    throw invalidParameter(name, `must be an integer from ${min} to ${max}, got "${clip(text)}"`);
  return value;
}

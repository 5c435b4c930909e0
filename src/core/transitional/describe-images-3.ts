/**
 * Transitional calls: a legacy-path request with `Version=2017-03-12` is a 3.0-style call that the
 * legacy host once served (docs/contract.md#a1, docs/contract.md#web-trans-di): flattened 3.0 parameters in, the 3.0
 * answer shape out. This reads such a DescribeImages call into the 3.0 request it stands for.
 */
import type { Cvm3DescribeImagesRequest, Cvm3Filter } from '../cvm3/types.js';
import { clip } from '../clip.js';
import { LegacyError } from '../errors.js';
import type { LegacyParams } from '../legacy/params.js';
import { toCvm3Region } from '../legacy/regions.js';

export const TRANSITIONAL_VERSION = '2017-03-12';

/**
 * Common parameters of the legacy path: signed, but not part of the 3.0 request. RequestClient and
 * RequestSource are added by Tencent's own legacy clients and never sent on (docs/contract.md#b12).
 */
const COMMON = new Set([
  'Action',
  'Version',
  'Region',
  'Timestamp',
  'Nonce',
  'SecretId',
  'Signature',
  'SignatureMethod',
  'Token',
  'RequestClient',
  'RequestSource',
  'Language',
]);
// Indexes without leading zeros: `ImageIds.0` and `ImageIds.00` would otherwise be one item, silently.
const IMAGE_ID = /^ImageIds\.(0|[1-9]\d{0,2})$/;
const FILTER_NAME = /^Filters\.(0|[1-9]\d?)\.Name$/;
const FILTER_VALUE = /^Filters\.(0|[1-9]\d?)\.Values\.(0|[1-9]\d{0,2})$/;
const INTEGER = /^(?:0|[1-9]\d{0,9})$/;

export interface TransitionalDescribeImages {
  readonly region: string;
  readonly request: Cvm3DescribeImagesRequest;
}

/** A 3.0 error, for an answer in the 3.0 shape: 3.0's own codes, as 3.0 would name the problem. */
export function cvm3StyleError(code: string, message: string): LegacyError {
  return new LegacyError(4000, `(${code}) ${message}`, { codeDesc: code, cvm3Error: { code, message } });
}

export function parseTransitionalDescribeImages(params: LegacyParams): TransitionalDescribeImages {
  const ids = new Map<number, string>();
  const filters = new Map<number, { name?: string; values: Map<number, string> }>();
  const filter = (n: number) => filters.get(n) ?? filters.set(n, { values: new Map() }).get(n)!;
  const request: Cvm3DescribeImagesRequest = {};
  for (const [name, { value }] of params.byName) {
    let match: RegExpExecArray | null;
    if (COMMON.has(name)) continue;
    else if ((match = IMAGE_ID.exec(name))) ids.set(Number(match[1]), value);
    else if ((match = FILTER_NAME.exec(name))) filter(Number(match[1])).name = value;
    else if ((match = FILTER_VALUE.exec(name))) filter(Number(match[1])).values.set(Number(match[2]), value);
    else if (name === 'Offset' || name === 'Limit') request[name] = integer(name, value);
    else if (name === 'InstanceType') request.InstanceType = value;
    else throw cvm3StyleError('UnknownParameter', `The parameter \`${clip(name)}\` is not recognized.`);
  }
  if (ids.size > 0) request.ImageIds = inOrder(ids);
  if (filters.size > 0) {
    request.Filters = [...filters]
      .sort(([a], [b]) => a - b)
      .map(([n, f]): Cvm3Filter => {
        if (f.name === undefined)
          throw cvm3StyleError(
            'MissingParameter',
            `The request is missing a required parameter \`Filters.${n}.Name\`.`,
          );
        return { Name: f.name, Values: inOrder(f.values) };
      });
  }
  return { region: region(params.get('Region')), request };
}

function region(value: string | undefined): string {
  if (!value) throw cvm3StyleError('MissingParameter', 'The request is missing a required parameter `Region`.');
  try {
    return toCvm3Region(value);
  } catch {
    throw cvm3StyleError(
      'InvalidParameterValue',
      `The value \`${clip(value)}\` of parameter \`Region\` is not a region.`,
    );
  }
}

function integer(name: string, value: string): number {
  if (!INTEGER.test(value))
    throw cvm3StyleError(
      'InvalidParameter',
      `The value \`${clip(value)}\` of parameter \`${name}\` is not an integer.`,
    );
  return Number(value);
}

function inOrder<T>(byIndex: Map<number, T>): T[] {
  return [...byIndex].sort(([a], [b]) => a - b).map(([, value]) => value);
}

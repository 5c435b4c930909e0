/**
 * The DescribeImages parameters as the legacy host read them, written from the legacy page (§2:
 * imageType required 1–4, imageIds.n at most 10, status 0–5 default 0, offset default 0, limit
 * default 20 at most 100) and the contract's reading of it (docs/contract.md#b3, docs/contract.md#b6, docs/contract.md#b7, docs/contract.md#b9). Every bad value
 * is a 4000 naming the parameter. The host was PHP, which turns `.` in incoming names into `_`:
 * so it read `imageIds.0` and `imageIds_0` alike, and so does this, by doing what PHP did.
 */
import { invalidParameter } from '../../src/core/errors.js';
import { readRegion } from './region-param.js';

export interface ImageQuery {
  /** The 3.0 name, whichever spelling was sent. */
  readonly region: string;
  readonly imageType: 1 | 2 | 3 | 4;
  /** Distinct, in index order; undefined when no id was given. */
  readonly imageIds: readonly string[] | undefined;
  readonly status: 0 | 1 | 2 | 3 | 4 | 5;
  readonly offset: number;
  readonly limit: number;
}

const MAX_IDS = 10;
/** Legacy page §3: "命名格式为 img-xxxxxxxx". */
const IMAGE_ID = /^img-[a-z0-9]{8}$/;
const PHP_ID_NAME = /^imageIds_(\d+)$/;

export function readImageQuery(pairs: Iterable<readonly [string, string]>): ImageQuery {
  const php = new Map<string, string>();
  for (const [name, value] of pairs) php.set(name.replace(/[. ]/g, '_'), value);
  return {
    region: readRegion(php.get('Region')),
    imageType: whole(php, 'imageType', 1, 4, undefined) as ImageQuery['imageType'],
    imageIds: imageIds(php),
    status: whole(php, 'status', 0, 5, 0) as ImageQuery['status'],
    offset: whole(php, 'offset', 0, Number.MAX_SAFE_INTEGER, 0),
    limit: whole(php, 'limit', 1, 100, 20),
  };
}

/** An integer parameter in [min, max]; `fallback` when absent (undefined: it is required). */
function whole(
  php: ReadonlyMap<string, string>,
  name: string,
  min: number,
  max: number,
  fallback: number | undefined,
): number {
  const text = php.get(name);
  if (text === undefined) {
    if (fallback === undefined) throw invalidParameter(name, 'is required');
    return fallback;
  }
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max))
    throw invalidParameter(name, `must be a whole number from ${min} to ${max}, not "${text.slice(0, 40)}"`);
  return value;
}

function imageIds(php: ReadonlyMap<string, string>): string[] | undefined {
  if (php.has('imageIds')) throw invalidParameter('imageIds', 'give the ids as imageIds.0, imageIds.1, …');
  const byIndex = new Map<number, string>();
  for (const [name, id] of php) {
    const index = PHP_ID_NAME.exec(name)?.[1];
    if (index === undefined) continue;
    if (byIndex.has(Number(index))) throw invalidParameter(name, 'names an index already given');
    if (!IMAGE_ID.test(id)) throw invalidParameter(name, `"${id.slice(0, 40)}" is not an image id (img-xxxxxxxx)`);
    byIndex.set(Number(index), id);
  }
  if (byIndex.size === 0) return undefined;
  const ids = [...new Set([...byIndex].sort(([a], [b]) => a - b).map(([, id]) => id))];
  if (ids.length > MAX_IDS) throw invalidParameter('imageIds', `at most ${MAX_IDS} ids, got ${ids.length}`);
  return ids;
}

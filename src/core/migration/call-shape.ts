/**
 * The shape of a verified legacy call, for the migration assistant: its Action and the set of its
 * parameter names, with the values of the enumerated ones (imageType, status, Region, …). What the
 * shape never holds: the signature's parameters (SecretId, Signature, Nonce, Timestamp: names
 * dropped), a Token's value, and free text. Calls of one shape from one caller are one row of the
 * assistant; the caller (the verified SecretId) is added by whoever records the shape.
 *
 * Beside the key, a shape carries an `example`: the latest call's values that are neither secret
 * nor free text (offsets, limits, image ids, instance types), so that the plan shown for the shape
 * is the exact plan of a real call (docs/migration.md#assistant).
 */
import { LEGACY_REGIONS } from '../legacy/regions.js';
import type { LegacyParams } from '../legacy/params.js';
import { lookup } from '../lookup.js';
import { LEGACY_IMAGE_TYPE } from '../translate/tables.js';
import type { CallShape, ShapeParam } from './shape-types.js';

export type { CallShape, ShapeParam } from './shape-types.js';

/** The signature's own parameters: on every call, and never part of what a call asks for. */
const DROPPED = new Set(['Action', 'SecretId', 'Signature', 'Nonce', 'Timestamp']);
/** At most this many names a shape (a legacy call has a dozen); the rest are counted as one. */
export const MAX_SHAPE_PARAMS = 40;
export const OTHER_VALUE = 'other';
const NAME = /^[A-Za-z][A-Za-z0-9._:-]{0,63}$/;
const ACTION = /^[A-Za-z0-9]{1,64}$/;

const REGIONS = new Set([...Object.keys(LEGACY_REGIONS), ...Object.values(LEGACY_REGIONS)]);
const SMALL_NUMBER = /^[0-9]{1,3}$/;
const NUMBER = /^[0-9]{1,16}$/;
const IMAGE_ID = /^img-[a-z0-9]{8}$/;
const INSTANCE_TYPE = /^[A-Z0-9]{1,12}\.[A-Z0-9]{1,16}$/;
/** The tags Tencent's own legacy clients add (docs/contract.md#b12): which SDK still calls is worth knowing. */
const CLIENT_TAG = /^(?:SDK_[A-Z]{2,10}_[0-9]{1,3}(?:\.[0-9]{1,4}){0,3}|qcloudcli_[0-9]{1,3}(?:\.[0-9]{1,4}){0,3})$/;
/** docs/contract.md#a2: the 3.0 filters documented today (a `tag:<key>` filter names a tag: free text). */
const FILTER_NAMES = new Set([
  'image-id',
  'image-type',
  'image-name',
  'platform',
  'tag-key',
  'tag-value',
  'dedicated-cluster-id',
  'cdc-cache-status',
]);
const FILTER_NAME = /^Filters\.[0-9]{1,2}\.Name$/;
const FILTER_VALUE = /^(Filters\.[0-9]{1,2})\.Values\.[0-9]{1,3}$/;
const IDS = /^(?:imageIds|ImageIds)\.[0-9]{1,3}$/;
const NUMERIC = new Set(['offset', 'limit', 'Offset', 'Limit']);

/** Enumerated parameters: the value is kept when it is one of the known ones. */
const ENUMERATED: ReadonlyMap<string, (value: string) => string> = new Map([
  ['Version', (v: string) => (v === '2017-03-12' ? v : OTHER_VALUE)],
  ['Region', (v: string) => (REGIONS.has(v) ? v : OTHER_VALUE)],
  ['SignatureMethod', (v: string) => (v === 'HmacSHA1' || v === 'HmacSHA256' ? v : OTHER_VALUE)],
  ['Language', (v: string) => (v === 'zh-CN' || v === 'en-US' ? v : OTHER_VALUE)],
  ['RequestClient', (v: string) => (CLIENT_TAG.test(v) ? v : OTHER_VALUE)],
  ['RequestSource', (v: string) => (CLIENT_TAG.test(v) ? v : OTHER_VALUE)],
  // 1–4 and 0–5 are the legacy values; a bad one is kept short, so the plan refuses it as the proxy did.
  ['imageType', (v: string) => (SMALL_NUMBER.test(v) ? v : OTHER_VALUE)],
  ['status', (v: string) => (SMALL_NUMBER.test(v) ? v : OTHER_VALUE)],
]);

/** Example values: kept (outside the key) when they look like what they should be. */
function exampleValue(name: string, value: string, params: LegacyParams): string | undefined {
  if (NUMERIC.has(name)) return NUMBER.test(value) ? value : undefined;
  if (IDS.test(name)) return IMAGE_ID.test(value) ? value : undefined;
  if (name === 'InstanceType') return INSTANCE_TYPE.test(value) ? value : undefined;
  if (!name.startsWith('Filters.')) return undefined;
  const filter = FILTER_VALUE.exec(name);
  if (filter && params.get(`${filter[1]}.Name`) === 'image-id') return IMAGE_ID.test(value) ? value : undefined;
  return undefined;
}

function keptValue(name: string, value: string, params: LegacyParams): string | null {
  const enumerated = ENUMERATED.get(name);
  if (enumerated) return enumerated(value);
  if (!name.startsWith('Filters.')) return null;
  if (FILTER_NAME.test(name)) return FILTER_NAMES.has(value) ? value : null;
  const filter = FILTER_VALUE.exec(name);
  if (filter && params.get(`${filter[1]}.Name`) === 'image-type')
    return lookup(LEGACY_IMAGE_TYPE, value) === undefined ? OTHER_VALUE : value;
  return null;
}

/** The shape of a call whose signature verified (`params` as collected; `action` is its Action). */
export function callShapeOf(params: LegacyParams): CallShape {
  const rawAction = params.get('Action') ?? '';
  const action = ACTION.test(rawAction) ? rawAction : 'invalid';
  const shaped: ShapeParam[] = [];
  const example: Record<string, string> = {};
  let odd = false;
  for (const [name, param] of params.byName) {
    if (DROPPED.has(name)) continue;
    const value = param.value;
    if (!NAME.test(name) || shaped.length >= MAX_SHAPE_PARAMS) {
      odd = true;
      continue;
    }
    shaped.push({ name, value: keptValue(name, value, params) });
    const kept = exampleValue(name, value, params);
    if (kept !== undefined) example[name] = kept;
  }
  // Names that are no names, or too many of them, count as one: the shape stays small.
  if (odd) shaped.push({ name: '?', value: null });
  shaped.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Names hold no '=' or space, kept values none either (they are from fixed sets): the key reads plainly.
  let key = action;
  for (const p of shaped) key += p.value === null ? ` ${p.name}` : ` ${p.name}=${p.value}`;
  return { key, action, params: shaped, example };
}

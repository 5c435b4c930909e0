/**
 * Validation of a 3.0 DescribeImages request body (the JSON the SDK posts). Parameters and limits:
 * docs/contract.md#sdk-cvm `DescribeImagesRequest`; error codes: docs/contract.md#go-sdk client.go's list for DescribeImages plus the
 * docs/contract.md#err-3 common codes (see errors.ts). Array indexes in messages are 0-based, as in 3.0 (`ImageIds.0`).
 */
import { CVM3_MAX_LIMIT } from '../../src/core/cvm3/types.js';
import type { Cvm3Filter } from '../../src/core/cvm3/types.js';
import { DEFAULT_LIMIT, DEFAULT_OFFSET, IMAGE_ID_PATTERN, MAX_FILTER_VALUES, MAX_FILTERS } from './constants.js';
import { Cvm3Error, ERROR_CODE } from './errors.js';
import { validateFilter } from './filters.js';

export interface DescribeImagesQuery {
  /** Set when `ImageIds` was given (non-empty); then there are no filters. */
  imageIds?: readonly string[];
  filters: readonly Cvm3Filter[];
  offset: number;
  limit: number;
  /** Accepted and checked for shape; the emulator has no instance types to filter by. */
  instanceType?: string;
}

const PARAMETERS = new Set(['ImageIds', 'Filters', 'Offset', 'Limit', 'InstanceType']);
const FILTER_FIELDS = new Set(['Name', 'Values']);
/** Instance types look like `S5.MEDIUM2` or `SA5.MEDIUM2` (docs/contract.md#sdk-cvm InstanceType). */
const INSTANCE_TYPE_PATTERN = /^[A-Z][A-Z0-9]*\.[A-Z0-9]+$/;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeError(path: string, expected: string): Cvm3Error {
  return new Cvm3Error(
    ERROR_CODE.invalidParameter,
    `The type of parameter \`${path}\` is invalid: expected ${expected}.`,
  );
}

function rejectUnknown(object: JsonObject, known: ReadonlySet<string>, prefix: string): void {
  const unknown = Object.keys(object).find((k) => !known.has(k));
  if (unknown !== undefined) {
    throw new Cvm3Error(ERROR_CODE.unknownParameter, `The parameter \`${prefix}${unknown}\` is not recognized.`);
  }
}

function stringArray(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) throw typeError(path, 'an array of strings');
  value.forEach((item, i) => {
    if (typeof item !== 'string') throw typeError(`${path}.${i}`, 'a string');
  });
  return value as string[];
}

/** `Offset`/`Limit`: a JSON number that is an integer in range. */
function integer(value: unknown, path: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') throw typeError(path, 'an integer');
  if (!Number.isInteger(value) || value < 0 || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? 'an integer >= 0' : `an integer from 0 to ${max}`;
    throw new Cvm3Error(
      ERROR_CODE.parameterValueLimit,
      `The value \`${value}\` of parameter \`${path}\` is invalid: expected ${range}.`,
    );
  }
  return value;
}

function imageIds(value: unknown): string[] {
  const ids = stringArray(value, 'ImageIds');
  ids.forEach((id, i) => {
    if (!IMAGE_ID_PATTERN.test(id)) {
      throw new Cvm3Error(
        ERROR_CODE.imageIdMalformed,
        `Invalid image id \`${id}\` in \`ImageIds.${i}\`: expected img-xxxxxxxx.`,
      );
    }
  });
  return ids;
}

function filters(value: unknown): Cvm3Filter[] {
  if (!Array.isArray(value)) throw typeError('Filters', 'an array of filters');
  if (value.length > MAX_FILTERS) {
    throw new Cvm3Error(
      ERROR_CODE.filterLimitExceeded,
      `At most ${MAX_FILTERS} filters are allowed, got ${value.length}.`,
    );
  }
  return value.map((raw: unknown, i) => {
    const path = `Filters.${i}`;
    if (!isObject(raw)) throw typeError(path, 'an object with Name and Values');
    rejectUnknown(raw, FILTER_FIELDS, `${path}.`);
    if (typeof raw['Name'] !== 'string') throw typeError(`${path}.Name`, 'a string');
    const values = stringArray(raw['Values'], `${path}.Values`);
    if (values.length === 0) {
      throw new Cvm3Error(ERROR_CODE.invalidParameterValue, `\`${path}.Values\` must hold at least one value.`);
    }
    if (values.length > MAX_FILTER_VALUES) {
      throw new Cvm3Error(
        ERROR_CODE.filterLimitExceeded,
        `At most ${MAX_FILTER_VALUES} values are allowed in \`${path}.Values\`, got ${values.length}.`,
      );
    }
    const filter = { Name: raw['Name'], Values: values };
    validateFilter(filter, path);
    return filter;
  });
}

/** Turns a parsed JSON body into a query, or throws the error the real API would answer. */
export function parseDescribeImagesRequest(body: unknown): DescribeImagesQuery {
  if (!isObject(body)) throw typeError('(request body)', 'a JSON object');
  rejectUnknown(body, PARAMETERS, '');
  const ids = body['ImageIds'] === undefined ? [] : imageIds(body['ImageIds']);
  const filterList = body['Filters'] === undefined ? [] : filters(body['Filters']);
  // docs/contract.md#go-sdk errors.go: "不能同时指定ImageIds和Filters。"
  if (ids.length > 0 && filterList.length > 0) {
    throw new Cvm3Error(
      ERROR_CODE.coexistImageIdsFilters,
      'The parameters `ImageIds` and `Filters` cannot be specified at the same time.',
    );
  }
  const instanceType = body['InstanceType'];
  if (instanceType !== undefined) {
    if (typeof instanceType !== 'string') throw typeError('InstanceType', 'a string');
    if (!INSTANCE_TYPE_PATTERN.test(instanceType)) {
      throw new Cvm3Error(ERROR_CODE.instanceTypeMalformed, `Invalid instance type \`${instanceType}\`.`);
    }
  }
  return {
    ...(ids.length > 0 ? { imageIds: ids } : {}),
    filters: filterList,
    offset: integer(body['Offset'], 'Offset', DEFAULT_OFFSET, Number.MAX_SAFE_INTEGER),
    limit: integer(body['Limit'], 'Limit', DEFAULT_LIMIT, CVM3_MAX_LIMIT),
    ...(instanceType !== undefined ? { instanceType } : {}),
  };
}

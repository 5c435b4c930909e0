/**
 * The `Region` common parameter as the legacy host took it: a legacy code (`gz`) or a 3.0 name
 * (`ap-guangzhou`), read as the 3.0 name (docs/contract.md#b3); missing or unknown is a 4000.
 */
import { invalidParameter } from '../../src/core/errors.js';
import { REGION_CODES } from './legacy-tables.js';

const REGION_NAMES: ReadonlySet<string> = new Set(REGION_CODES.values());

export function readRegion(value: string | undefined): string {
  if (value === undefined || value === '') throw invalidParameter('Region', 'is required');
  const named = REGION_CODES.get(value) ?? (REGION_NAMES.has(value) ? value : undefined);
  if (named === undefined) throw invalidParameter('Region', `unknown region "${value.slice(0, 40)}"`);
  return named;
}

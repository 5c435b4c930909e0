/**
 * The legacy answer's envelope (docs/contract.md#b1): always an integer `code`, a `message` and a
 * `codeDesc`; a success adds the action's own fields after them, in the legacy page's order.
 */
import type { LegacyError } from '../errors.js';
import { LEGACY_CODES, type LegacyCode } from '../errors.js';

export interface LegacyEnvelope {
  code: LegacyCode;
  message: string;
  codeDesc: string;
  [field: string]: unknown;
}

export function legacySuccess<T extends object>(fields: T): LegacyEnvelope & T {
  return { code: 0, message: '', codeDesc: LEGACY_CODES[0], ...fields };
}

export function legacyFailure(error: LegacyError): LegacyEnvelope {
  return { code: error.code, message: error.message, codeDesc: error.codeDesc };
}

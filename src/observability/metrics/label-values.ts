/**
 * Label values come from client input (the Action parameter, the SecretId a client claims), so
 * every sink cleans them here before they become a Prometheus label or a row of the page: short,
 * known-looking, and a bounded number of distinct values, so a hostile client cannot blow up
 * memory or the metric's cardinality.
 */
import { LEGACY_CODES } from '../../core/errors.js';
import { ROUTES, type Route } from './observations.js';

export const MAX_LABEL_LENGTH = 64;
export const INVALID = 'invalid';
/** Where values beyond a distinct-value cap are counted. */
export const OTHER = 'other';

const ACTION = /^[A-Za-z0-9]{1,64}$/;

/** At most 64 UTF-16 units, never ending in half a surrogate pair; empty becomes 'unknown'. */
export function capLabel(value: string): string {
  if (value.length === 0) return 'unknown';
  if (value.length <= MAX_LABEL_LENGTH) return value;
  const cut = value.slice(0, MAX_LABEL_LENGTH);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** An Action name as the legacy API spells them (letters and digits), else 'invalid'. */
export function actionLabel(action: string): string {
  return ACTION.test(action) ? action : INVALID;
}

export function routeLabel(route: string): Route | typeof INVALID {
  return (ROUTES as readonly string[]).includes(route) ? (route as Route) : INVALID;
}

/** The legacy codes (and -1: a passed-through answer without one); anything else a legacy host invents is 'other'. */
const KNOWN_CODES = new Set([-1, ...Object.keys(LEGACY_CODES).map(Number)]);

export function codeLabel(code: number): string {
  if (!Number.isSafeInteger(code)) return INVALID;
  return KNOWN_CODES.has(code) ? String(code) : 'other';
}

/** Legacy codes by family, as the code's first digit sets them (4xxx: the request or caller, 5xxx: the resource, 6xxx: the service). */
export type CodeClass = '0' | '4xxx' | '5xxx' | '6xxx' | 'other' | typeof INVALID;

export function codeClassLabel(code: number): CodeClass {
  if (!Number.isSafeInteger(code)) return INVALID;
  if (code === 0) return '0';
  if (code >= 4000 && code <= 6999) return `${Math.floor(code / 1000)}xxx` as CodeClass;
  return 'other';
}

/** A field path without array indices (imageSet[3].osName -> imageSet[].osName), capped. */
export function fieldLabel(field: string): string {
  return capLabel(field.replace(/\[\d+\]/g, '[]').replace(/\.\d+(?=\.|$)/g, '.[]'));
}

/**
 * The first `limit` distinct values pass as they are; later new ones become 'other'. Values once
 * admitted stay admitted, as a Prometheus series never disappears either.
 */
export function boundedValues(limit: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= limit) return OTHER;
    seen.add(value);
    return value;
  };
}

/**
 * The fleet's migration history in Redis: key names, time buckets and field names, in one place
 * for the writer (fleet-pending.ts, redis-history.ts) and the reader (fleet-summary.ts). Every key
 * expires: a minute, an hour or a day is kept for the history's span after it ends
 * (docs/migration.md#fleet).
 *
 *   <prefix>minute:<epoch minute>  hash  ["caller","Action","route","code"] → requests; shadow:<outcome> → count
 *   <prefix>hour:<epoch hour>      hash  the same, added up per hour; seen:["caller","Action"] → latest epoch ms
 *   <prefix>series:<epoch hour>    hash  <epoch minute>:r → requests, <epoch minute>:e → errors (the chart)
 *   <prefix>shapes:<epoch day>     hash  n:<id> requests, e:<id> errors, l:<id> latest ms, d:<id> the shape,
 *                                        x:<id> the latest call (route, code, 3.0 calls, example); # shapes; n:other
 *   <prefix>replicas               hash  <replica id> → {"name","startedAt","lastReport"}
 */
import { MINUTE_MS } from './traffic-buckets.js';

export { MINUTE_MS };
export const FLEET_KEY_PREFIX = 'qlp:migration:';
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const minuteKey = (prefix: string, minute: number): string => `${prefix}minute:${minute}`;
export const hourKey = (prefix: string, hour: number): string => `${prefix}hour:${hour}`;
export const seriesKey = (prefix: string, hour: number): string => `${prefix}series:${hour}`;
export const shapesKey = (prefix: string, day: number): string => `${prefix}shapes:${day}`;
export const replicasKey = (prefix: string): string => `${prefix}replicas`;

/** A traffic row's field: caller, Action, route and legacy code (as labels are: capped, sanitised). */
export const trafficField = (caller: string, action: string, route: string, code: string): string =>
  JSON.stringify([caller, action, route, code]);
export const SEEN_PREFIX = 'seen:';
export const SHADOW_PREFIX = 'shadow:';

/** Unix seconds at which a bucket of `sizeMs` starting at `index * sizeMs` leaves a history of `retentionMs`. */
export function expiresAt(index: number, sizeMs: number, retentionMs: number): number {
  return Math.ceil(((index + 1) * sizeMs + retentionMs) / 1000);
}

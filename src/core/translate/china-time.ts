/**
 * `createTime` in China Standard Time (UTC+8, no daylight saving) as `YYYY-MM-DD HH:mm:ss`,
 * the form of the legacy page's example (Part B.8). 3.0 sends ISO 8601 in UTC, as `…Z` or
 * `…+00:00`, or null.
 */
const UTC_PLUS_8_MS = 8 * 3600 * 1000;

/** A time with no zone is UTC, as every 3.0 time is; never the server's own zone. */
const HAS_ZONE = /(?:[zZ]|[+-]\d\d:?\d\d)$/;

export function toChinaStandardTime(iso: unknown): string {
  if (typeof iso !== 'string' || iso === '') return '';
  const ms = Date.parse(HAS_ZONE.test(iso) ? iso : `${iso.replace(' ', 'T')}Z`);
  if (Number.isNaN(ms)) return '';
  // Shift the instant by 8 h and read it as UTC: the wall clock in Beijing.
  return new Date(ms + UTC_PLUS_8_MS).toISOString().slice(0, 19).replace('T', ' ');
}

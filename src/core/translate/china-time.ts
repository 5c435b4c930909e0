/**
 * `createTime` in China Standard Time (UTC+8, no daylight saving) as `YYYY-MM-DD HH:mm:ss`,
 * the form of the legacy page's example (Part B.8). 3.0 sends ISO 8601 in UTC, as `…Z` or
 * `…+00:00`, or null.
 */
const UTC_PLUS_8_MS = 8 * 3600 * 1000;

export function toChinaStandardTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  // Shift the instant by 8 h and read it as UTC: the wall clock in Beijing.
  return new Date(ms + UTC_PLUS_8_MS).toISOString().slice(0, 19).replace('T', ' ');
}

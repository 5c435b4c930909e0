/**
 * `createTime` in China Standard Time (UTC+8, no daylight saving) as `YYYY-MM-DD HH:mm:ss`,
 * the form of the legacy page's example (docs/contract.md#b8). 3.0 sends ISO 8601 in UTC, as `…Z` or
 * `…+00:00`, or null.
 */
const UTC_PLUS_8_MS = 8 * 3600 * 1000;

/** A time with no zone is UTC, as every 3.0 time is; never the server's own zone. */
const HAS_ZONE = /(?:[zZ]|[+-]\d\d:?\d\d)$/;

/**
 * Images share few distinct creation times, and the same ones recur in every answer: remembered,
 * a conversion is a map lookup instead of a parse and a format (the largest cost of mapping a
 * page). Bounded: cleared when full, so a long-running server holds at most this many.
 */
const MEMO_LIMIT = 10_000;
const memo = new Map<string, string>();

export function toChinaStandardTime(iso: unknown): string {
  if (typeof iso !== 'string' || iso === '') return '';
  let shown = memo.get(iso);
  if (shown === undefined) {
    shown = convert(iso);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(iso, shown);
  }
  return shown;
}

function convert(iso: string): string {
  const ms = Date.parse(HAS_ZONE.test(iso) ? iso : `${iso.replace(' ', 'T')}Z`);
  if (Number.isNaN(ms)) return '';
  // Shift the instant by 8 h and read it as UTC: the wall clock in Beijing.
  return new Date(ms + UTC_PLUS_8_MS).toISOString().slice(0, 19).replace('T', ' ');
}

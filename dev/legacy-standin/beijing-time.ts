/**
 * A time as the legacy host printed it: Beijing wall-clock time (UTC+8, no daylight saving),
 * `YYYY-MM-DD HH:mm:ss` like the legacy page's example `2014-09-27 10:11:00`. Catalogue times
 * are ISO 8601 with their zone (`…Z` or `…+00:00`); none, or one that does not parse, is "".
 */
const BEIJING_AHEAD_OF_UTC_MS = 8 * 60 * 60 * 1000;

export function beijingTime(iso: string | null | undefined): string {
  const instant = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(instant)) return '';
  // The instant 8 h later, read in UTC, is what a clock in Beijing showed.
  const wall = new Date(instant + BEIJING_AHEAD_OF_UTC_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${wall.getUTCFullYear()}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}`;
  return `${date} ${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}:${two(wall.getUTCSeconds())}`;
}

/** Beijing wall-clock time (UTC+8) as the legacy page prints it, whatever the machine's own zone. */
import { describe, expect, it } from 'vitest';
import { beijingTime } from '../../../dev/legacy-standin/beijing-time.js';

describe('beijingTime', () => {
  it.each([
    ['2014-09-27T02:11:00Z', '2014-09-27 10:11:00'], // the legacy page's example time
    ['2019-03-01T16:30:00Z', '2019-03-02 00:30:00'],
    ['2020-12-31T20:00:00+00:00', '2021-01-01 04:00:00'],
    ['2024-02-28T16:00:00Z', '2024-02-29 00:00:00'],
    ['2024-07-01T03:04:05.678Z', '2024-07-01 11:04:05'],
    ['2024-07-01T11:04:05+08:00', '2024-07-01 11:04:05'],
  ])('%s → %s', (iso, expected) => {
    expect(beijingTime(iso)).toBe(expected);
  });

  it.each([null, undefined, '', 'yesterday'])('%j → ""', (iso) => {
    expect(beijingTime(iso)).toBe('');
  });
});

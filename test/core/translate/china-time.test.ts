/** createTime: 3.0's UTC times as China Standard Time (UTC+8), `YYYY-MM-DD HH:mm:ss` (B.8). */
import { describe, expect, it } from 'vitest';
import { toChinaStandardTime } from '../../../src/core/translate/china-time.js';

describe('createTime in China Standard Time (B.8)', () => {
  it.each([
    ['2014-09-27T02:11:00Z', '2014-09-27 10:11:00'],
    ['2014-09-27T02:11:00+00:00', '2014-09-27 10:11:00'],
    ['2019-12-31T16:30:05Z', '2020-01-01 00:30:05'],
    ['2020-02-28T20:00:00.123Z', '2020-02-29 04:00:00'],
    ['2020-06-01T08:00:00+08:00', '2020-06-01 08:00:00'],
    ['2020-01-01T10:00:00', '2020-01-01 18:00:00'],
    ['2020-01-01 10:00:00', '2020-01-01 18:00:00'],
    [null, ''],
    [12345, ''],
    ['', ''],
    ['not a time', ''],
  ])('%s → %j', (iso, expected) => {
    expect(toChinaStandardTime(iso)).toBe(expected);
  });

  it('gives the same answer however often, and past the size of its memo', () => {
    const first = toChinaStandardTime('2019-03-01T16:30:00Z');
    for (let i = 0; i < 10_050; i++)
      toChinaStandardTime(`2000-01-01T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(5, '0')}Z`);
    expect(toChinaStandardTime('2019-03-01T16:30:00Z')).toBe(first);
    expect(first).toBe('2019-03-02 00:30:00');
  });
});

/** The page's snapshot from minute buckets: totals per caller and Action, a dense series, shadow rates. */
import { describe, expect, it } from 'vitest';
import type { Bucket, Counts, TrafficKey } from '../../../src/observability/migration/traffic-buckets.js';
import { summarise } from '../../../src/observability/migration/traffic-summary.js';

const MINUTE = 60_000;
const key = (caller: string, action: string, route: string, lastSeen: number, folded = false): TrafficKey => ({
  caller,
  action,
  route,
  folded,
  lastMinute: Math.floor(lastSeen / MINUTE),
  lastSeen,
});
const bucket = (
  minute: number,
  rows: Array<[TrafficKey, Counts]>,
  shadow = { agree: 0, differ: 0, failed: 0 },
): Bucket => ({ minute, rows: new Map(rows), shadow });

describe('summarise', () => {
  const NEWEST = 1000;
  const a = key('AKIDa', 'DescribeImages', 'translated', NEWEST * MINUTE + 5);
  const aPass = key('AKIDa', 'DescribeImages', 'passthrough', NEWEST * MINUTE + 9);
  const b = key('AKIDb', 'DescribeInstances', 'passthrough', (NEWEST - 1) * MINUTE);
  const buckets = [
    bucket(
      NEWEST - 1,
      [
        [a, { requests: 2, errors: 1 }],
        [b, { requests: 3, errors: 3 }],
      ],
      { agree: 3, differ: 1, failed: 5 },
    ),
    bucket(
      NEWEST,
      [
        [a, { requests: 4, errors: 0 }],
        [aPass, { requests: 1, errors: 0 }],
      ],
      { agree: 1, differ: 0, failed: 0 },
    ),
  ];
  const snapshot = summarise(buckets, { now: NEWEST * MINUTE + 30_000, spanMinutes: 1440, newestMinute: NEWEST });

  it("adds one caller and Action's routes up in one row, busiest first, with error rates", () => {
    expect(snapshot.totals).toEqual([
      {
        caller: 'AKIDa',
        action: 'DescribeImages',
        folded: false,
        requests: 7,
        errors: 1,
        errorRate: 1 / 7,
        lastSeen: NEWEST * MINUTE + 9,
        routes: { translated: 6, passthrough: 1 },
      },
      {
        caller: 'AKIDb',
        action: 'DescribeInstances',
        folded: false,
        requests: 3,
        errors: 3,
        errorRate: 1,
        lastSeen: (NEWEST - 1) * MINUTE,
        routes: { passthrough: 3 },
      },
    ]);
    expect([snapshot.requests, snapshot.errors]).toEqual([10, 4]);
  });

  it('gives a dense series of at least an hour, ending at the newest minute', () => {
    expect(snapshot.series).toHaveLength(60);
    expect(snapshot.series.at(-1)).toEqual({ minute: NEWEST * MINUTE, requests: 5, errors: 0 });
    expect(snapshot.series.at(-2)).toEqual({ minute: (NEWEST - 1) * MINUTE, requests: 5, errors: 4 });
    expect(snapshot.series[0]).toEqual({ minute: (NEWEST - 59) * MINUTE, requests: 0, errors: 0 });
    expect([snapshot.from, snapshot.to, snapshot.spanMinutes]).toEqual([
      (NEWEST - 59) * MINUTE,
      NEWEST * MINUTE + 30_000,
      1440,
    ]);
  });

  it('never starts the series before the span', () => {
    const short = summarise(buckets, { now: 0, spanMinutes: 10, newestMinute: NEWEST });
    expect(short.series).toHaveLength(10);
    expect(short.from).toBe((NEWEST - 9) * MINUTE);
  });

  it('leaves failed shadow calls out of the agreement rate, and has none before a comparison', () => {
    expect(snapshot.shadow).toEqual({ agree: 4, differ: 1, failed: 5, agreementRate: 4 / 5 });
    expect(
      summarise([bucket(NEWEST, [], { agree: 0, differ: 0, failed: 2 })], {
        now: 0,
        spanMinutes: 60,
        newestMinute: NEWEST,
      }).shadow.agreementRate,
    ).toBeNull();
  });

  it('breaks ties by the latest request, then by caller and Action', () => {
    const t = (caller: string, action: string, lastSeen: number) => key(caller, action, 'translated', lastSeen);
    const tied = summarise(
      [
        bucket(NEWEST, [
          [t('b', 'X', 1), { requests: 1, errors: 0 }],
          [t('a', 'Y', 1), { requests: 1, errors: 0 }],
          [t('a', 'X', 1), { requests: 1, errors: 0 }],
          [t('c', 'X', 2), { requests: 1, errors: 0 }],
        ]),
      ],
      { now: 0, spanMinutes: 60, newestMinute: NEWEST },
    );
    expect(tied.totals.map((row) => `${row.caller}/${row.action}`)).toEqual(['c/X', 'a/X', 'a/Y', 'b/X']);
  });

  it('keeps the folded row apart from a caller that is really called "other"', () => {
    const folded = summarise(
      [
        bucket(NEWEST, [
          [key('other', 'other', 'translated', 1, true), { requests: 2, errors: 0 }],
          [key('other', 'other', 'translated', 1), { requests: 1, errors: 0 }],
        ]),
      ],
      { now: 0, spanMinutes: 60, newestMinute: NEWEST },
    );
    expect(folded.totals.map((row) => [row.folded, row.requests])).toEqual([
      [true, 2],
      [false, 1],
    ]);
  });
});

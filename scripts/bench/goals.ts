/**
 * The bench's figures against the performance goals the proxy keeps (docs/performance.md#goals),
 * as the table `npm run bench` ends with: each goal, what it requires, what this run measured, and
 * whether that meets it. A goal this run did not measure (its case left out) says so.
 */

export interface MeasuredFigures {
  /** Case (a)'s CPU ratio to the pass-through, the median of the rounds. */
  readonly uncachedRatio?: number;
  /** Case (c)'s CPU ratio to the pass-through, the median of the rounds. */
  readonly cacheHitRatio?: number;
  /** The most 3.0 calls per request of any round of the cached cases (c), (d). */
  readonly callsPerCachedRequest?: number;
  /** The highest peak RSS of any proxy round at the bench's connections. */
  readonly proxyPeakRssMb?: number;
  readonly connections: number;
  readonly sustained?: {
    readonly seconds: number;
    readonly perSecond: number;
    /** Answers 4400: the replay store full. */
    readonly refused: number;
    readonly peakRssMb: number;
  };
}

interface Goal {
  readonly name: string;
  readonly required: string;
  /** Undefined: not measured in this run. */
  readonly measured: string | undefined;
  readonly met: boolean;
}

/** The replay window a sustained run must outlast: the timestamp window (300 s) and its last second. */
export const REPLAY_WINDOW_SECONDS = 301;
export const SUSTAINED_RATE_GOAL = 5_000;
export const PEAK_RSS_GOAL_MB = 150;

export function goals(m: MeasuredFigures): Goal[] {
  const ratio = (r: number | undefined) => (r === undefined ? undefined : `${r.toFixed(2)}×`);
  return [
    {
      name: 'coalesced uncached, CPU per request against the pass-through',
      required: '≥ 0.70×',
      measured: ratio(m.uncachedRatio),
      met: (m.uncachedRatio ?? 0) >= 0.7,
    },
    {
      name: 'cache hit, CPU per request against the pass-through',
      required: '≥ 1.50×',
      measured: ratio(m.cacheHitRatio),
      met: (m.cacheHitRatio ?? 0) >= 1.5,
    },
    {
      name: '3.0 calls per cached request',
      required: '≤ 0.05',
      measured: m.callsPerCachedRequest?.toFixed(3),
      met: m.callsPerCachedRequest !== undefined && m.callsPerCachedRequest <= 0.05,
    },
    {
      name: `peak RSS of a proxy at ${m.connections} connections`,
      required: `≤ ${PEAK_RSS_GOAL_MB} MB`,
      measured: m.proxyPeakRssMb === undefined ? undefined : `${m.proxyPeakRssMb.toFixed(0)} MB`,
      met: m.proxyPeakRssMb !== undefined && m.proxyPeakRssMb <= PEAK_RSS_GOAL_MB,
    },
    {
      name: 'signed requests a second, sustained past the replay window, none refused (4400)',
      required: `≥ ${SUSTAINED_RATE_GOAL}/s for > ${REPLAY_WINDOW_SECONDS} s, 0 × 4400`,
      measured:
        m.sustained &&
        `${m.sustained.perSecond.toFixed(0)}/s for ${m.sustained.seconds} s, ${m.sustained.refused} × 4400, peak RSS ${m.sustained.peakRssMb.toFixed(0)} MB`,
      met:
        m.sustained !== undefined &&
        m.sustained.seconds > REPLAY_WINDOW_SECONDS &&
        m.sustained.perSecond >= SUSTAINED_RATE_GOAL &&
        m.sustained.refused === 0 &&
        m.sustained.peakRssMb <= PEAK_RSS_GOAL_MB,
    },
  ];
}

export function goalsTable(m: MeasuredFigures): string {
  const rows = goals(m).map(
    (g) =>
      `| ${g.name} | ${g.required} | ${g.measured ?? 'not measured in this run'} | ${g.measured === undefined ? '–' : g.met ? 'met' : '**not met**'} |`,
  );
  return ['| goal | required | this run | |', '|---|---|---|---|', ...rows].join('\n');
}

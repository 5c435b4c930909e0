/**
 * Per-minute charts drawn as inline SVG on the server, so they show with JavaScript off and need
 * nothing fetched: requests (with errors over them) as bars, and the error rate as steps.
 */
import { escapeHtml, formatClock, formatCount } from './html.js';
import type { MinutePoint } from './traffic-snapshot.js';

const WIDTH = 760;
const HEIGHT = 180;
const PLOT = { left: 52, right: 12, top: 12, bottom: 26 };
const PLOT_W = WIDTH - PLOT.left - PLOT.right;
const PLOT_H = HEIGHT - PLOT.top - PLOT.bottom;
const BASE = PLOT.top + PLOT_H;

const r = (n: number): string => (Math.round(n * 10) / 10).toString();

interface Chart {
  readonly id: string;
  readonly title: string;
  readonly series: readonly MinutePoint[];
  /** Top of the y axis and its label. */
  readonly max: number;
  readonly maxLabel: string;
  readonly body: string;
}

function frame(chart: Chart): string {
  const { series } = chart;
  const first = series[0];
  const last = series[series.length - 1];
  const middle = series[Math.floor(series.length / 2)];
  const xLabel = (point: MinutePoint | undefined, x: number, anchor: string): string =>
    point ? `<text x="${r(x)}" y="${HEIGHT - 8}" text-anchor="${anchor}">${formatClock(point.minute)}</text>` : '';
  return [
    `<svg id="${chart.id}" class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${chart.id}-title" data-points="${series.length}" data-max="${chart.max}">`,
    `<title id="${chart.id}-title">${escapeHtml(chart.title)}</title>`,
    `<line class="axis" x1="${PLOT.left}" y1="${BASE}" x2="${WIDTH - PLOT.right}" y2="${BASE}"/>`,
    `<line class="grid" x1="${PLOT.left}" y1="${PLOT.top}" x2="${WIDTH - PLOT.right}" y2="${PLOT.top}"/>`,
    `<text x="${PLOT.left - 6}" y="${PLOT.top + 4}" text-anchor="end">${escapeHtml(chart.maxLabel)}</text>`,
    `<text x="${PLOT.left - 6}" y="${BASE + 4}" text-anchor="end">0</text>`,
    xLabel(first, PLOT.left, 'start'),
    series.length > 2 ? xLabel(middle, PLOT.left + PLOT_W / 2, 'middle') : '',
    series.length > 1 ? xLabel(last, WIDTH - PLOT.right, 'end') : '',
    chart.body,
    `</svg>`,
  ].join('');
}

/** Left and right edge of minute `i` of `n`. */
function slot(i: number, n: number): [number, number] {
  const width = PLOT_W / Math.max(1, n);
  return [PLOT.left + i * width, PLOT.left + (i + 1) * width];
}

function bars(series: readonly MinutePoint[], value: (p: MinutePoint) => number, max: number): string {
  let d = '';
  series.forEach((point, i) => {
    const v = value(point);
    if (v <= 0) return;
    const [x0, x1] = slot(i, series.length);
    d += `M${r(x0)} ${BASE}V${r(BASE - (v / max) * PLOT_H)}H${r(Math.max(x1, x0 + 1))}V${BASE}Z`;
  });
  return d;
}

export function volumeChart(series: readonly MinutePoint[]): string {
  const max = Math.max(1, ...series.map((p) => p.requests));
  const requests = bars(series, (p) => p.requests, max);
  const errors = bars(series, (p) => p.errors, max);
  return frame({
    id: 'volume-chart',
    title: 'Legacy requests per minute (errors in red)',
    series,
    max,
    maxLabel: formatCount(max),
    body: `<path class="requests" d="${requests}"/><path class="errors" d="${errors}"/>`,
  });
}

/** Minutes without requests have no error rate, so they leave a gap rather than a zero. */
export function errorRateChart(series: readonly MinutePoint[]): string {
  let d = '';
  series.forEach((point, i) => {
    if (point.requests === 0) return;
    const [x0, x1] = slot(i, series.length);
    const y = BASE - (point.errors / point.requests) * PLOT_H;
    d += `M${r(x0)} ${r(y)}H${r(Math.max(x1, x0 + 1))}`;
  });
  return frame({
    id: 'error-rate-chart',
    title: 'Share of legacy requests answered with an error, per minute',
    series,
    max: 1,
    maxLabel: '100%',
    body: `<path class="rate" d="${d}"/>`,
  });
}

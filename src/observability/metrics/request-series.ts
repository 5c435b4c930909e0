/**
 * The legacy requests' series, counted in O(1) a request: the cleaned labels of each raw
 * (route, code, caller, action) are worked out once and kept, and the request's count goes on a
 * plain number that the Prometheus counter reads when it is scraped, rather than through
 * prom-client's per-call label hashing (docs/performance.md#hit-path). Raw values are client input:
 * past MAX_KEPT raw combinations the labels are worked out each time instead, never kept.
 */
import type { RequestObservation, Route } from './observations.js';

export interface RequestLabels {
  readonly action: string;
  readonly caller: string;
  readonly route: string;
  readonly code: string;
}

export interface RequestSeries {
  /** legacy_requests_total's labels, in the order the exposition shows them. */
  readonly labels: RequestLabels;
  /** legacy_proxy_request_duration_seconds' labels. */
  readonly durationLabels: { readonly route: string; readonly code_class: string };
  /** Requests counted here and not yet handed to the counter. */
  pending: number;
}

const MAX_KEPT = 10_000;

type Level<T> = Map<string | number, T>;

export class RequestSeriesTable {
  readonly #byRaw: Level<Level<Level<Level<RequestSeries>>>> = new Map();
  /** One series per distinct label set: raw values that clean to the same labels share it. */
  readonly #byLabels = new Map<string, RequestSeries>();
  #kept = 0;

  constructor(private readonly clean: (o: RequestObservation) => Pick<RequestSeries, 'labels' | 'durationLabels'>) {}

  /** The series of this observation, counted once more. */
  count(o: RequestObservation): RequestSeries {
    const series = this.#seriesOf(o);
    series.pending += 1;
    return series;
  }

  /** Every series with requests not yet handed over, each handed its count and reset to 0. */
  drain(take: (labels: RequestLabels, count: number) => void): void {
    for (const series of this.#byLabels.values()) {
      if (series.pending === 0) continue;
      take(series.labels, series.pending);
      series.pending = 0;
    }
  }

  #seriesOf(o: RequestObservation): RequestSeries {
    const byCode = this.#byRaw.get(o.route);
    const byCaller = byCode?.get(o.code);
    const byAction = byCaller?.get(o.caller);
    const known = byAction?.get(o.action);
    if (known) return known;
    const series = this.#shared(this.clean(o));
    if (this.#kept < MAX_KEPT) {
      this.#kept += 1;
      level(level(level(this.#byRaw, o.route as Route), o.code), o.caller).set(o.action, series);
    }
    return series;
  }

  #shared(cleaned: Pick<RequestSeries, 'labels' | 'durationLabels'>): RequestSeries {
    const { action, caller, route, code } = cleaned.labels;
    const key = JSON.stringify([action, caller, route, code]);
    let series = this.#byLabels.get(key);
    if (!series) this.#byLabels.set(key, (series = { ...cleaned, pending: 0 }));
    return series;
  }
}

function level<K extends string | number, T>(map: Map<K, Map<string | number, T>>, key: K): Map<string | number, T> {
  let next = map.get(key);
  if (!next) map.set(key, (next = new Map()));
  return next;
}

/**
 * The fleet's history as read from Redis (hashes, as HGETALL gives them) turned into the page's
 * view: totals per caller and Action over the whole span (from the hourly hashes), the per-minute
 * chart of the last day, shadow outcomes, the replicas, and the call shapes. Pure; a field that
 * does not parse is skipped (another version of the proxy may share the Redis).
 */
import type { CallShape } from '../../core/migration/shape-types.js';
import { OTHER } from '../metrics/label-values.js';
import { ROUTES, type Route } from '../metrics/observations.js';
import { MINUTE_MS, SEEN_PREFIX, SHADOW_PREFIX } from './fleet-keys.js';
import { topShapes, type MigrationView, type ReplicaReport, type ShapeTotals } from './migration-view.js';
import type { CallerActionTotals, MinutePoint } from './traffic-snapshot.js';

export type Hash = Readonly<Record<string, string>>;

export interface FleetRead {
  readonly now: number;
  readonly retentionDays: number;
  /** The replica reading, marked "this one". */
  readonly selfId: string;
  readonly replicas: Hash;
  /** [epoch hour, its hash], oldest first. */
  readonly hours: ReadonlyArray<readonly [number, Hash]>;
  /** [epoch hour, its series hash] for the chart's hours. */
  readonly series: ReadonlyArray<readonly [number, Hash]>;
  readonly shapes: ReadonlyArray<readonly [number, Hash]>;
  /** The chart covers this many minutes at most. */
  readonly chartMinutes: number;
}

/** The table shows at most this many caller × Action rows; the rest are one `other` row. */
export const MAX_FLEET_ROWS = 200;
const MIN_SERIES_MINUTES = 60;

type Totals = { -readonly [K in keyof CallerActionTotals]: CallerActionTotals[K] } & {
  routes: Partial<Record<Route, number>>;
};

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
const count = (text: string | undefined): number => {
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
};
const isRoute = (route: unknown): route is Route => (ROUTES as readonly unknown[]).includes(route);

export function fleetView(read: FleetRead): MigrationView {
  const spanMinutes = read.retentionDays * 1440;
  const totals = new Map<string, Totals>();
  const shadow = { agree: 0, differ: 0, failed: 0 };
  const row = (caller: string, action: string): Totals => {
    const id = JSON.stringify([caller, action]);
    let t = totals.get(id);
    if (!t)
      totals.set(
        id,
        (t = {
          caller,
          action,
          folded: caller === OTHER && action === OTHER,
          requests: 0,
          errors: 0,
          errorRate: 0,
          lastSeen: -Infinity,
          routes: {},
        }),
      );
    return t;
  };
  for (const [, hash] of read.hours) {
    for (const [field, value] of Object.entries(hash)) {
      if (field.startsWith(SHADOW_PREFIX)) {
        const outcome = field.slice(SHADOW_PREFIX.length);
        if (outcome === 'agree' || outcome === 'differ' || outcome === 'failed') shadow[outcome] += count(value);
      } else if (field.startsWith(SEEN_PREFIX)) {
        const who = parse(field.slice(SEEN_PREFIX.length));
        if (Array.isArray(who) && typeof who[0] === 'string' && typeof who[1] === 'string') {
          const t = row(who[0], who[1]);
          t.lastSeen = Math.max(t.lastSeen, count(value));
        }
      } else {
        const key = parse(field);
        if (
          !Array.isArray(key) ||
          key.length !== 4 ||
          !isRoute(key[2]) ||
          typeof key[0] !== 'string' ||
          typeof key[1] !== 'string'
        )
          continue;
        const n = count(value);
        const t = row(key[0], key[1]);
        t.requests += n;
        if (key[3] !== '0') t.errors += n;
        t.routes[key[2]] = (t.routes[key[2]] ?? 0) + n;
      }
    }
  }
  const rows = [...totals.values()]
    .filter((t) => t.requests > 0)
    .map((t) => ({ ...t, errorRate: t.errors / t.requests }));
  rows.sort(
    (a, b) =>
      b.requests - a.requests ||
      b.lastSeen - a.lastSeen ||
      a.caller.localeCompare(b.caller) ||
      a.action.localeCompare(b.action),
  );
  const shown = foldRows(rows);

  const series = chart(read);
  const completed = shadow.agree + shadow.differ;
  return {
    scope: { kind: 'fleet', replicas: replicas(read), retentionDays: read.retentionDays },
    traffic: {
      from: series[0]?.minute ?? read.now,
      to: read.now,
      spanMinutes,
      requests: rows.reduce((n, t) => n + t.requests, 0),
      errors: rows.reduce((n, t) => n + t.errors, 0),
      totals: shown,
      series,
      shadow: { ...shadow, agreementRate: completed === 0 ? null : shadow.agree / completed },
    },
    ...topShapes(shapes(read)),
  };
}

/** Rows past the bound are added into one `other` row (with the folded row, if there is one). */
function foldRows(rows: CallerActionTotals[]): CallerActionTotals[] {
  if (rows.length <= MAX_FLEET_ROWS) return rows;
  const kept = rows.filter((t) => !t.folded).slice(0, MAX_FLEET_ROWS - 1);
  const rest = rows.filter((t) => !kept.includes(t));
  const other: Totals = {
    caller: OTHER,
    action: OTHER,
    folded: true,
    requests: 0,
    errors: 0,
    errorRate: 0,
    lastSeen: -Infinity,
    routes: {},
  };
  for (const t of rest) {
    other.requests += t.requests;
    other.errors += t.errors;
    other.lastSeen = Math.max(other.lastSeen, t.lastSeen);
    for (const route of ROUTES)
      if (t.routes[route]) other.routes[route] = (other.routes[route] ?? 0) + t.routes[route]!;
  }
  return [...kept, { ...other, errorRate: other.errors / other.requests }];
}

/** One point a minute: from the oldest minute with traffic in the chart's span (at least an hour) to now. */
function chart(read: FleetRead): MinutePoint[] {
  const newest = Math.floor(read.now / MINUTE_MS);
  const oldest = newest - read.chartMinutes + 1;
  const points = new Map<number, { requests: number; errors: number }>();
  for (const [, hash] of read.series) {
    for (const [field, value] of Object.entries(hash)) {
      const match = /^(\d+):([re])$/.exec(field);
      if (!match) continue;
      const minute = Number(match[1]);
      if (minute < oldest || minute > newest) continue;
      const point = points.get(minute) ?? { requests: 0, errors: 0 };
      if (match[2] === 'r') point.requests += count(value);
      else point.errors += count(value);
      points.set(minute, point);
    }
  }
  const first = Math.max(oldest, Math.min(newest - MIN_SERIES_MINUTES + 1, ...points.keys()));
  const series: MinutePoint[] = [];
  for (let minute = first; minute <= newest; minute++)
    series.push({ minute: minute * MINUTE_MS, ...(points.get(minute) ?? { requests: 0, errors: 0 }) });
  return series;
}

function replicas(read: FleetRead): ReplicaReport[] {
  const since = read.now - read.retentionDays * 86_400_000;
  const found: ReplicaReport[] = [];
  for (const [id, text] of Object.entries(read.replicas)) {
    const r = parse(text) as { name?: unknown; startedAt?: unknown; lastReport?: unknown } | undefined;
    if (
      !r ||
      typeof r.name !== 'string' ||
      typeof r.startedAt !== 'number' ||
      typeof r.lastReport !== 'number' ||
      r.lastReport < since
    )
      continue;
    found.push({ id, name: r.name, startedAt: r.startedAt, lastReport: r.lastReport, self: id === read.selfId });
  }
  return found.sort((a, b) => b.lastReport - a.lastReport || a.name.localeCompare(b.name));
}

/** Each shape's days added up: counts summed, the latest call's details from the latest day. */
function shapes(read: FleetRead): ShapeTotals[] {
  const byId = new Map<string, ShapeTotals & { requests: number; errors: number }>();
  for (const [, hash] of read.shapes) {
    for (const [field, value] of Object.entries(hash)) {
      if (!field.startsWith('d:')) continue;
      const id = field.slice(2);
      const definition = parse(value) as { caller?: unknown; shape?: CallShape } | undefined;
      const latest = parse(hash[`x:${id}`] ?? '') as
        { route?: unknown; code?: unknown; upstreamCalls?: unknown; example?: unknown } | undefined;
      if (
        !definition ||
        typeof definition.caller !== 'string' ||
        !isShape(definition.shape) ||
        !latest ||
        !isRoute(latest.route)
      )
        continue;
      const lastSeen = count(hash[`l:${id}`]);
      const held = byId.get(id);
      const example = isExample(latest.example) ? latest.example : {};
      const current: ShapeTotals = {
        caller: definition.caller,
        shape: { ...definition.shape, example },
        requests: (held?.requests ?? 0) + count(hash[`n:${id}`]),
        errors: (held?.errors ?? 0) + count(hash[`e:${id}`]),
        lastSeen: Math.max(held?.lastSeen ?? 0, lastSeen),
        route: latest.route,
        lastCode: typeof latest.code === 'number' ? latest.code : 0,
        upstreamCalls: typeof latest.upstreamCalls === 'number' ? latest.upstreamCalls : 0,
      };
      byId.set(
        id,
        held && held.lastSeen > lastSeen ? { ...held, requests: current.requests, errors: current.errors } : current,
      );
    }
  }
  return [...byId.values()];
}

function isShape(shape: unknown): shape is CallShape {
  const s = shape as Partial<CallShape> | undefined;
  return (
    typeof s?.key === 'string' &&
    typeof s.action === 'string' &&
    Array.isArray(s.params) &&
    s.params.every((p) => typeof p?.name === 'string' && (p.value === null || typeof p.value === 'string'))
  );
}

function isExample(example: unknown): example is Record<string, string> {
  return (
    typeof example === 'object' &&
    example !== null &&
    !Array.isArray(example) &&
    Object.values(example).every((v) => typeof v === 'string')
  );
}

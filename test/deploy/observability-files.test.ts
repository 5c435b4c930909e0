/**
 * deploy/grafana/ and deploy/prometheus/ read as Grafana and Prometheus would, and held against the
 * real exposition: every metric a panel or a rule reads must be one the proxy really serves at
 * GET /metrics after real traffic (translated, passed through, shadowed, rejected), with the
 * labels the expression matches on. A renamed metric then breaks this test, not a dashboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyStandin, type LegacyStandinServer } from '../../dev/legacy-standin/server.js';
import { createNodeObservability } from '../../src/node/observability.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { parseExposition, samplesOf, type Sample } from '../observability/metrics/parse-exposition.js';
import { readText, readYaml, type Yaml } from './deploy-files.js';
import { labelValuesMetric, metricNames, selectors } from './promql-names.js';

const DASHBOARD_PATH = 'deploy/grafana/legacy-proxy-dashboard.json';
const RULES_PATH = 'deploy/prometheus/legacy-proxy-alerts.yaml';
const dashboard: Yaml = JSON.parse(readText(DASHBOARD_PATH));
const rules: Yaml = readYaml(RULES_PATH);
const PACKAGE_VERSION: string = JSON.parse(readText('package.json')).version;
/** Labels Prometheus adds to every series it scrapes: not in the exposition, yet always there. */
const SCRAPE_LABELS = new Set(['job', 'instance']);
const SEVERITIES = ['critical', 'warning', 'info'];
const DURATION = /^(\d+(ms|[smhdwy]))+$/;

const panels: Yaml[] = dashboard.panels.flatMap((p: Yaml) => [p, ...(p.panels ?? [])]);
const queryPanels = panels.filter((p) => p.type !== 'row');
const alerts: Yaml[] = rules.groups.flatMap((g: Yaml) => g.rules.filter((r: Yaml) => 'alert' in r));
const recorded = new Set<string>(
  rules.groups.flatMap((g: Yaml) => g.rules.filter((r: Yaml) => 'record' in r).map((r: Yaml) => r.record)),
);

/** Every PromQL expression in both files, with where it is, for the failure messages. */
const expressions: { where: string; expr: string }[] = [
  ...queryPanels.flatMap((p) =>
    p.targets.map((t: Yaml) => ({ where: `panel "${p.title}" ${t.refId}`, expr: t.expr as string })),
  ),
  ...rules.groups.flatMap((g: Yaml) =>
    g.rules.map((r: Yaml) => ({ where: `rule ${r.alert ?? r.record}`, expr: r.expr as string })),
  ),
];
const variableMetrics = dashboard.templating.list
  .filter((v: Yaml) => v.type === 'query')
  .map((v: Yaml) => labelValuesMetric(typeof v.query === 'string' ? v.query : v.query.query));

describe('the PromQL name reader', () => {
  it.each([
    [
      'sum by (caller) (rate(legacy_requests_total{job=~"$job",code!="0"}[$__rate_interval]))',
      ['legacy_requests_total'],
    ],
    ['histogram_quantile(0.95, sum by (le, route) (rate(a_bucket{x="{y}"}[5m]))) > bool 0.5e3', ['a_bucket']],
    [
      'a / on (job) group_left (version) b offset 1d and c:rec:rate5m unless absent(d)',
      ['a', 'b', 'c:rec:rate5m', 'd'],
    ],
    ['time() > vector(14 * 86400) + on () x', ['x']],
    ['count(sum without (instance) (up) > 0) or label_replace(m, "dst", "$1", "src", "(.*)")', ['up', 'm']],
  ])('%s reads %j', (expr, names) => expect(metricNames(expr)).toEqual(names));

  it('reads selectors with their label matchers, and refuses what it cannot read', () => {
    expect(selectors('sum(a{job=~"$job", outcome="a,b}"}) / {__name__="b"}')).toEqual([
      { metric: 'a', labels: ['job', 'outcome'] },
      { metric: undefined, labels: ['__name__'] },
    ]);
    expect(() => metricNames('sum(rate(a[5m])')).toThrow(/unclosed/);
    expect(() => selectors('a{job=}')).toThrow(/cannot read/);
  });
});

describe(DASHBOARD_PATH, () => {
  it('is a Grafana dashboard (schemaVersion ≥ 36) whose queries all go to the chosen Prometheus data source', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.uid).toMatch(/^[\w-]{1,40}$/);
    const source = dashboard.templating.list.find((v: Yaml) => v.type === 'datasource');
    expect(source).toMatchObject({ name: 'datasource', query: 'prometheus' });
    const ref = { type: 'prometheus', uid: '${datasource}' };
    for (const variable of dashboard.templating.list.filter((v: Yaml) => v.type === 'query'))
      expect(variable.datasource).toEqual(ref);
    for (const panel of queryPanels) {
      expect(panel.datasource, panel.title).toEqual(ref);
      for (const target of panel.targets) expect(target.datasource ?? panel.datasource, panel.title).toEqual(ref);
    }
  });

  it('gives every panel a title, a unique id, a place on the grid that no other panel takes, and a query per target', () => {
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    const taken = new Map<string, string>();
    const overlaps: string[] = [];
    for (const panel of panels) {
      expect(panel.title, JSON.stringify(panel.gridPos)).toMatch(/\S/);
      const { x, y, w, h } = panel.gridPos;
      expect(x >= 0 && w > 0 && x + w <= 24 && y >= 0 && h > 0, panel.title).toBe(true);
      for (let i = x; i < x + w; i++)
        for (let j = y; j < y + h; j++) {
          const other = taken.get(`${i},${j}`);
          if (other) overlaps.push(`${panel.title} / ${other}`);
          taken.set(`${i},${j}`, panel.title);
        }
    }
    expect([...new Set(overlaps)]).toEqual([]);
    for (const panel of queryPanels) {
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      expect(new Set(panel.targets.map((t: Yaml) => t.refId)).size, panel.title).toBe(panel.targets.length);
      for (const target of panel.targets) expect(target.expr, panel.title).toMatch(/\S/);
    }
  });

  it('has the panels operators look for', () => {
    const byTitle = (pattern: RegExp) => {
      const found = queryPanels.filter((p) => pattern.test(p.title));
      expect(found.length, String(pattern)).toBeGreaterThan(0);
      return found.flatMap((p) => p.targets.map((t: Yaml) => t.expr as string)).join('\n');
    };
    for (const label of ['caller', 'action', 'route', 'code']) {
      expect(byTitle(new RegExp(`^Requests by ${label}$`, 'i'))).toContain(
        `sum by (${label}) (rate(legacy_requests_total`,
      );
    }
    expect(byTitle(/Error share/)).toContain('code!="0"');
    expect(byTitle(/Shadow agreement/)).toMatch(/outcome="agree".*\/.*outcome=~"agree\|differ"/);
    const latency3 = byTitle(/API 3\.0 latency/);
    for (const q of ['0.5', '0.95', '0.99'])
      expect(latency3).toContain(
        `histogram_quantile(${q}, sum by (le) (rate(upstream_request_duration_seconds_bucket{job=~"$job",upstream="cvm3"}`,
      );
    expect(byTitle(/Proxy answer latency/)).toContain('legacy_proxy_request_duration_seconds_bucket');
    expect(byTitle(/Replay store/)).toContain('replay_store_failures_total');
    const v2 = queryPanels.find((p) => p.title === 'Callers still on v2' && p.type === 'table');
    expect(v2?.targets[0]).toMatchObject({ instant: true, format: 'table' });
    expect(v2?.targets[0].expr).toMatch(
      /^sum by \(caller, action, route\) \(increase\(legacy_requests_total\{[^}]*caller!="unknown"/,
    );
  });
});

describe(RULES_PATH, () => {
  it('is rule groups with unique names, each rule an alert or a recording', () => {
    const names = rules.groups.map((g: Yaml) => g.name);
    expect(new Set(names).size).toBe(names.length);
    for (const group of rules.groups) {
      expect(group.rules.length, group.name).toBeGreaterThan(0);
      for (const rule of group.rules) {
        expect(typeof rule.expr, JSON.stringify(rule)).toBe('string');
        expect('alert' in rule !== 'record' in rule, JSON.stringify(rule)).toBe(true);
        if ('record' in rule) expect(rule.record).toMatch(/^[a-zA-Z_][\w]*:[\w:]+$/);
      }
    }
  });

  it('gives every alert a unique name, a for, a severity, a summary and a description that use only labels the expression keeps', () => {
    expect(new Set(alerts.map((a) => a.alert)).size).toBe(alerts.length);
    for (const alert of alerts) {
      expect(alert.alert).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(alert.for, alert.alert).toMatch(DURATION);
      expect(SEVERITIES, alert.alert).toContain(alert.labels?.severity);
      expect(alert.annotations?.summary, alert.alert).toMatch(/\S/);
      expect(alert.annotations?.description, alert.alert).toMatch(/\S/);
      const kept = new Set(
        [...(alert.expr as string).matchAll(/\bby \(([^)]*)\)/g)].flatMap((m) => m[1]!.split(',').map((l) => l.trim())),
      );
      const used = [
        ...`${alert.annotations.summary} ${alert.annotations.description}`.matchAll(/\$labels\.(\w+)/g),
      ].map((m) => m[1]!);
      for (const label of used) expect(kept, `${alert.alert} uses $labels.${label}`).toContain(label);
    }
  });

  it('covers errors, 6200 bursts, shadow disagreement, the replay store and callers past the v2 cut-off', () => {
    const expr = (name: string) => alerts.find((a) => a.alert === name)?.expr as string;
    expect(expr('LegacyProxyHighErrorRate')).toContain('legacy_requests_total{code!="0"}');
    expect(expr('LegacyProxyUpstreamUnavailable')).toContain('legacy_requests_total{code="6200"}');
    expect(expr('LegacyProxyShadowDisagreement')).toContain('shadow_comparisons_total{outcome="differ"}');
    expect(expr('LegacyProxyReplayStoreDegraded')).toContain('replay_store_failures_total');
    expect(expr('LegacyCallerPastCutoff')).toMatch(
      /sum by \(caller\)[\s\S]*time\(\) > legacy_proxy:v2_cutoff_timestamp_seconds/,
    );
  });

  it('holds the cut-off as a Unix time in seconds (not milliseconds) and the grace as seconds', () => {
    const constant = (name: string) => {
      const rule = rules.groups.flatMap((g: Yaml) => g.rules).find((r: Yaml) => r.record === name);
      const [, value = ''] = /^vector\(([\d\s*]+)\)$/.exec(rule.expr.trim()) ?? [];
      return value.split('*').reduce((product, factor) => product * Number(factor), 1);
    };
    const cutoff = constant('legacy_proxy:v2_cutoff_timestamp_seconds');
    expect(cutoff).toBeGreaterThan(Date.UTC(2020, 0, 1) / 1000);
    expect(cutoff).toBeLessThan(Date.UTC(2100, 0, 1) / 1000);
    expect(constant('legacy_proxy:v2_cutoff_grace_seconds') % 86400).toBe(0);
  });
});

describe('every metric the dashboard and the rules read is served at /metrics', () => {
  let standin: LegacyStandinServer;
  let h: Harness;
  /** The admin listener's pages, fed by the proxy's observations. */
  const observability = createNodeObservability();
  let samples: Sample[] = [];
  const scrape = async () => parseExposition(await (await observability.pages.request('/metrics')).text());
  const until = async (counted: () => boolean) => {
    for (let i = 0; i < 500 && !counted(); i++) {
      await new Promise((r) => setTimeout(r, 10));
      samples = await scrape();
    }
  };

  beforeAll(async () => {
    standin = await startLegacyStandin();
    h = await startHarness({
      env: { LEGACY_ENDPOINT: standin.url, SHADOW_SAMPLE: '1' },
      runtime: { observability },
    });
    // The shadow runs after the answer: each comparison is awaited (bounded) before the stand-in changes its mind.
    await h.legacy({ params: { imageType: 1, limit: 10 } });
    await until(() => samplesOf(samples, 'shadow_comparisons_total', { outcome: 'agree' }).length > 0);
    standin.disagree('change-field');
    await h.legacy({ params: { imageType: 2, limit: 5 } });
    await until(() => samplesOf(samples, 'shadow_differences_total').length > 0);
    await h.legacy({ params: { Action: 'DescribeInstances' } });
    await h.legacy({ params: { Version: '2017-03-12', 'ImageIds.0': 'img-31tjrtph' } });
    await h.legacy({ params: {} }, (p) => void (p.Signature = 'forged'));
    samples = await scrape();
  });
  afterAll(async () => {
    await h?.close();
    await standin?.close();
  });

  it('after traffic on every route, with shadow comparisons that agreed and differed', () => {
    for (const route of ['translated', 'passthrough', 'transitional', 'rejected']) {
      expect(samplesOf(samples, 'legacy_requests_total', { route }).length, route).toBeGreaterThan(0);
    }
    for (const outcome of ['agree', 'differ'])
      expect(samplesOf(samples, 'shadow_comparisons_total', { outcome }), outcome).toHaveLength(1);
  });

  it('every series name, recorded ones defined by a recording rule', () => {
    const served = new Set(samples.map((s) => s.name));
    const missing = [
      ...expressions.flatMap(({ where, expr }) => metricNames(expr).map((name) => ({ where, name }))),
      ...variableMetrics.map((name: string | undefined) => ({ where: 'dashboard variable', name })),
    ].filter(({ name }) => !(name && (name.includes(':') ? recorded.has(name) : served.has(name))));
    expect(missing).toEqual([]);
    // The reader found the metrics the files are about (it did not silently read nothing).
    const read = new Set(expressions.flatMap(({ expr }) => metricNames(expr)));
    for (const name of [
      'legacy_requests_total',
      'upstream_request_duration_seconds_bucket',
      'legacy_proxy_request_duration_seconds_bucket',
      'shadow_comparisons_total',
      'shadow_differences_total',
      'replay_store_failures_total',
      'legacy_proxy_build_info',
      'process_cpu_seconds_total',
    ]) {
      expect(read).toContain(name);
    }
  });

  it('every label a selector matches on, and every label an expression groups by', () => {
    const labelsOf = (name: string) => new Set(samplesOf(samples, name).flatMap((s) => Object.keys(s.labels)));
    const wrong: string[] = [];
    for (const { where, expr } of expressions) {
      const names = metricNames(expr).filter((n) => !n.includes(':'));
      for (const { metric, labels } of selectors(expr)) {
        if (!metric || metric.includes(':')) continue;
        for (const label of labels)
          if (!SCRAPE_LABELS.has(label) && !labelsOf(metric).has(label)) wrong.push(`${where}: ${metric}{${label}}`);
      }
      for (const [, list = ''] of expr.matchAll(/\b(?:by|without|on|ignoring) \(([^)]*)\)/g)) {
        for (const label of list
          .split(',')
          .map((l) => l.trim())
          .filter(Boolean)) {
          if (!SCRAPE_LABELS.has(label) && !names.some((n) => labelsOf(n).has(label)))
            wrong.push(`${where}: by/on (${label})`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names Node process metrics once: process_cpu_seconds_total, never process_process_…', () => {
    const names = samples.map((s) => s.name);
    expect(names).toContain('process_cpu_seconds_total');
    expect(names.filter((n) => n.includes('process_process') || n.startsWith('legacy_proxy_process_'))).toEqual([]);
  });

  it("carries package.json's version in legacy_proxy_build_info", () => {
    const build = samplesOf(samples, 'legacy_proxy_build_info');
    expect(build).toHaveLength(1);
    expect(build[0]).toMatchObject({ value: 1, labels: { version: PACKAGE_VERSION, node: process.version } });
    expect(build[0]!.labels.commit).toMatch(/\S/);
  });
});

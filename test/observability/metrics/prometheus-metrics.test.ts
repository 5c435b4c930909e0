/** The Prometheus sink, read back as a scraper reads it: the text exposition, parsed independently. */
import { describe, expect, it } from 'vitest';
import { createPrometheusMetrics } from '../../../src/observability/metrics/prometheus-metrics.js';
import { parseExposition, samplesOf, valueOf } from './parse-exposition.js';

const scrape = async (metrics: ReturnType<typeof createPrometheusMetrics>) =>
  parseExposition(await metrics.metricsText());
const ok = { route: 'translated', code: 0, durationMs: 12 } as const;
const build = { version: '9.8.7', commit: 'abc123', node: 'v20.0.0' };
/** Node's standard process metrics (prom-client's collectDefaultMetrics), named as every client library names them. */
const PROCESS_NAME = /^(process|nodejs)_/;
const OWN_NAME = /^(legacy_|upstream_|shadow_|replay_store_)/;

describe('Prometheus migration metrics', () => {
  it('counts legacy requests by action, caller, route and code', async () => {
    const metrics = createPrometheusMetrics();
    for (let i = 0; i < 3; i++) metrics.request({ ...ok, action: 'DescribeImages', caller: 'AKIDalpha' });
    metrics.request({ action: 'DescribeImages', caller: 'AKIDalpha', route: 'translated', code: 4100, durationMs: 3 });
    metrics.request({ action: 'DescribeImages', caller: 'unknown', route: 'rejected', code: 4100, durationMs: 1 });
    const samples = await scrape(metrics);
    expect(
      valueOf(samples, 'legacy_requests_total', {
        action: 'DescribeImages',
        caller: 'AKIDalpha',
        route: 'translated',
        code: '0',
      }),
    ).toBe(3);
    expect(valueOf(samples, 'legacy_requests_total', { caller: 'AKIDalpha', code: '4100' })).toBe(1);
    expect(valueOf(samples, 'legacy_requests_total', { caller: 'unknown', route: 'rejected' })).toBe(1);
    expect(samplesOf(samples, 'legacy_requests_total')).toHaveLength(3);
  });

  it('caps and sanitises label values that come from client input', async () => {
    const metrics = createPrometheusMetrics();
    const long = `AKID${'x'.repeat(200)}`;
    metrics.request({ ...ok, action: '<script>alert(1)</script>', caller: long });
    metrics.request({ ...ok, action: 'A'.repeat(65), caller: 'quote"back\\slash\nnewline' });
    metrics.request({ ...ok, action: '', caller: '' });
    metrics.request({ ...ok, action: 'DescribeImages', caller: 'x', code: Number.NaN });
    const samples = await scrape(metrics);
    const callers = samplesOf(samples, 'legacy_requests_total').map((s) => s.labels.caller);
    expect(callers).toContain(long.slice(0, 64));
    expect(callers).toContain('quote"back\\slash\nnewline');
    expect(callers).toContain('unknown');
    expect(valueOf(samples, 'legacy_requests_total', { caller: long.slice(0, 64) })).toBe(1);
    expect(samplesOf(samples, 'legacy_requests_total', { action: 'invalid' })).toHaveLength(3);
    expect(valueOf(samples, 'legacy_requests_total', { caller: 'x' })).toBe(1);
    expect(samplesOf(samples, 'legacy_requests_total', { code: 'invalid' })).toHaveLength(1);
    for (const s of samples) for (const v of Object.values(s.labels)) expect(v.length).toBeLessThanOrEqual(64);
  });

  it('bounds the number of distinct client-derived label values', async () => {
    const metrics = createPrometheusMetrics({ maxLabelValues: 3 });
    for (let i = 0; i < 10; i++) metrics.request({ ...ok, action: `Action${i}`, caller: 'AKIDalpha' });
    const samples = await scrape(metrics);
    expect(samplesOf(samples, 'legacy_requests_total')).toHaveLength(4);
    expect(valueOf(samples, 'legacy_requests_total', { action: 'other' })).toBe(7);
  });

  it('records upstream durations in seconds, in buckets from 5 ms to 10 s', async () => {
    const metrics = createPrometheusMetrics();
    metrics.upstream({ upstream: 'cvm3', outcome: 'ok', durationMs: 4 });
    metrics.upstream({ upstream: 'cvm3', outcome: 'ok', durationMs: 300 });
    metrics.upstream({ upstream: 'legacy', outcome: 'error', durationMs: -5 });
    const samples = await scrape(metrics);
    const bucket = (le: string) =>
      valueOf(samples, 'upstream_request_duration_seconds_bucket', { upstream: 'cvm3', outcome: 'ok', le });
    expect(bucket('0.005')).toBe(1);
    expect(bucket('0.25')).toBe(1);
    expect(bucket('0.5')).toBe(2);
    expect(bucket('10')).toBe(2);
    expect(bucket('+Inf')).toBe(2);
    expect(valueOf(samples, 'upstream_request_duration_seconds_sum', { upstream: 'cvm3' })).toBeCloseTo(0.304);
    expect(valueOf(samples, 'upstream_request_duration_seconds_sum', { upstream: 'legacy', outcome: 'error' })).toBe(0);
  });

  it('counts shadow comparisons and the fields that differed, without array indices', async () => {
    const metrics = createPrometheusMetrics();
    metrics.shadow({ outcome: 'agree', differingFields: [] });
    metrics.shadow({ outcome: 'differ', differingFields: ['imageSet[0].osName', 'imageSet[3].osName', 'totalCount'] });
    metrics.shadow({ outcome: 'differ', differingFields: ['totalCount'] });
    metrics.shadow({ outcome: 'failed', differingFields: [] });
    const samples = await scrape(metrics);
    expect(valueOf(samples, 'shadow_comparisons_total', { outcome: 'agree' })).toBe(1);
    expect(valueOf(samples, 'shadow_comparisons_total', { outcome: 'differ' })).toBe(2);
    expect(valueOf(samples, 'shadow_comparisons_total', { outcome: 'failed' })).toBe(1);
    expect(valueOf(samples, 'shadow_differences_total', { field: 'totalCount' })).toBe(2);
    expect(valueOf(samples, 'shadow_differences_total', { field: 'imageSet[].osName' })).toBe(1);
  });

  it("times the proxy's own answers by route and code class, never by caller or Action", async () => {
    const metrics = createPrometheusMetrics();
    metrics.request({ ...ok, action: 'DescribeImages', caller: 'AKIDalpha', durationMs: 0.4 });
    metrics.request({ ...ok, action: 'DescribeImages', caller: 'AKIDbeta', durationMs: 40 });
    metrics.request({
      action: 'DescribeImages',
      caller: 'AKIDalpha',
      route: 'translated',
      code: 6200,
      durationMs: 10_000,
    });
    metrics.request({ action: 'unauthenticated', caller: 'unknown', route: 'rejected', code: 4100, durationMs: -3 });
    metrics.request({
      action: 'DescribeInstances',
      caller: 'AKIDalpha',
      route: 'passthrough',
      code: -1,
      durationMs: 60_000,
    });
    const samples = await scrape(metrics);
    const name = 'legacy_proxy_request_duration_seconds';
    const bucket = (where: Record<string, string>, le: string) => valueOf(samples, `${name}_bucket`, { ...where, le });
    const translatedOk = { route: 'translated', code_class: '0' };
    expect(bucket(translatedOk, '0.001')).toBe(1);
    expect(bucket(translatedOk, '0.025')).toBe(1);
    expect(bucket(translatedOk, '0.05')).toBe(2);
    expect(valueOf(samples, `${name}_count`, translatedOk)).toBe(2);
    expect(valueOf(samples, `${name}_sum`, translatedOk)).toBeCloseTo(0.0404);
    expect(bucket({ route: 'translated', code_class: '6xxx' }, '5')).toBe(0);
    expect(bucket({ route: 'translated', code_class: '6xxx' }, '10')).toBe(1);
    expect(valueOf(samples, `${name}_sum`, { route: 'rejected', code_class: '4xxx' })).toBe(0);
    expect(bucket({ route: 'passthrough', code_class: 'other' }, '30')).toBe(0);
    expect(bucket({ route: 'passthrough', code_class: 'other' }, '+Inf')).toBe(1);
    for (const s of samplesOf(samples, `${name}_count`))
      expect(Object.keys(s.labels).sort()).toEqual(['code_class', 'route']);
  });

  it('says which build runs: legacy_proxy_build_info is 1, labelled with version, commit and Node release', async () => {
    const samples = await scrape(createPrometheusMetrics({ build }));
    expect(samplesOf(samples, 'legacy_proxy_build_info')).toEqual([
      { name: 'legacy_proxy_build_info', labels: build, value: 1 },
    ]);
    const defaults = samplesOf(await scrape(createPrometheusMetrics()), 'legacy_proxy_build_info');
    expect(defaults).toHaveLength(1);
    expect(defaults[0]!.labels.node).toBe(process.version);
  });

  it('keeps each instance on its own registry, and says its content type', async () => {
    const a = createPrometheusMetrics();
    const b = createPrometheusMetrics();
    a.request({ ...ok, action: 'DescribeImages', caller: 'AKIDalpha' });
    expect(samplesOf(await scrape(b), 'legacy_requests_total')).toHaveLength(0);
    expect(a.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect((await scrape(a)).filter((s) => PROCESS_NAME.test(s.name))).toEqual([]);
  });

  it('exposes Node process metrics only when asked, under their standard names (no doubled prefix)', async () => {
    const metrics = createPrometheusMetrics({ processMetrics: true });
    const names = new Set((await scrape(metrics)).map((s) => s.name));
    expect(names).toContain('process_cpu_seconds_total');
    expect(names).toContain('process_resident_memory_bytes');
    expect(names).toContain('nodejs_eventloop_lag_p99_seconds');
    expect([...names].filter((n) => /process_process|_process_cpu/.test(n))).toEqual([]);
    expect([...names].filter((n) => !PROCESS_NAME.test(n) && !OWN_NAME.test(n))).toEqual([]);
  });
});

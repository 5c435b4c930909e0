/**
 * The page's assistant and scope, as HTML: each shape with its plan (the core's), escaped client
 * input, a bounded size however many shapes, and whose traffic it is, said plainly.
 */
import { describe, expect, it } from 'vitest';
import { collectParams } from '../../../src/core/legacy/params.js';
import { callShapeOf } from '../../../src/core/migration/call-shape.js';
import { escapeHtml } from '../../../src/observability/migration/html.js';
import {
  topShapes,
  type MigrationView,
  type ShapeTotals,
} from '../../../src/observability/migration/migration-view.js';
import { renderMigrationView } from '../../../src/observability/migration/view-render.js';
import { createTrafficHistory } from '../../../src/observability/migration/traffic-history.js';

const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);
const shape = (params: Record<string, string>) =>
  callShapeOf(collectParams(Object.entries({ Action: 'DescribeImages', Region: 'gz', ...params })));
const totals = (o: Partial<ShapeTotals> & { shape: ShapeTotals['shape'] }): ShapeTotals => ({
  caller: 'AKIDalpha',
  requests: 1,
  errors: 0,
  lastSeen: NOW - 60_000,
  route: 'translated',
  lastCode: 0,
  upstreamCalls: 1,
  ...o,
});

function view(
  shapes: ShapeTotals[],
  scope: MigrationView['scope'] = { kind: 'process', startedAt: NOW - 3_600_000 },
): MigrationView {
  return { scope, traffic: createTrafficHistory().snapshot(NOW), ...topShapes(shapes) };
}

describe('migration assistant on the page', () => {
  it('lists each shape with its plan: 3.0 request, steps, notes, tccli and Node, folded in <details>', async () => {
    const html = await renderMigrationView(
      view([
        totals({ shape: shape({ imageType: '1', status: '2', limit: '3' }), requests: 7, upstreamCalls: 2 }),
        totals({
          shape: shape({ Version: '2017-03-12', Region: 'ap-guangzhou', 'ImageIds.0': 'img-31tjrtph' }),
          route: 'transitional',
        }),
        totals({
          shape: callShapeOf(
            collectParams([
              ['Action', 'DescribeInstances'],
              ['limit', '3'],
            ]),
          ),
          route: 'passthrough',
        }),
        totals({ shape: shape({ imageType: '3' }), errors: 1, lastCode: 6100 }),
      ]),
      { now: NOW },
    );
    expect(html.match(/<tr class="shape"/g)).toHaveLength(4);
    expect(html).toMatch(
      /<tr class="shape" id="shape-0" data-caller="AKIDalpha" data-action="DescribeImages" data-route="translated" data-plan="translated" data-requests="7"/,
    );
    expect(html).toContain(
      '<code>DescribeImages Region=gz imageType=1 limit status=2</code><div class="detail">latest: <code>limit=3</code></div>',
    );
    expect(html).toContain(
      '<pre class="request">{&quot;Filters&quot;:[{&quot;Name&quot;:&quot;image-type&quot;,&quot;Values&quot;:[&quot;PRIVATE_IMAGE&quot;]}],&quot;Offset&quot;:0,&quot;Limit&quot;:100}</pre>',
    );
    expect(html).toContain('The latest call took 2 3.0 calls.');
    expect(html).toContain('<li data-step="keep">keep ImageState in NORMAL: status=2 is ImageState NORMAL</li>');
    expect(html).toMatch(/<pre class="tccli"># bash/);
    expect(html).toContain(
      '<pre class="tccli">tccli cvm DescribeImages --region ap-guangzhou --version 2017-03-12 --ImageIds &#39;[&quot;img-31tjrtph&quot;]&#39;</pre>',
    );
    expect(html).toMatch(
      /<details class="plan" id="plan-\d" data-kind="passthrough"><summary>Plan: none derived: DescribeInstances passed through/,
    );
    expect(html).toMatch(/data-kind="refused"><summary>Plan: none: refused by the proxy before any 3.0 call \(6100\)/);
    expect(html).not.toMatch(/<details[^>]* open/);
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('escapes what came from clients, wherever it appears', async () => {
    const hostile = '<script>window.pwned=1</script>';
    const html = await renderMigrationView(
      view([totals({ caller: hostile, shape: shape({ imageType: '1', Region: '"><img src=x>' }) })]),
      { now: NOW },
    );
    expect(html).not.toContain(hostile);
    expect(html).not.toContain('<img src=x>');
    expect(html).toContain(`data-caller="${escapeHtml(hostile)}"`);
  });

  it('stays bounded: at most 30 shapes, the rest counted', async () => {
    const many = Array.from({ length: 2_000 }, (_, i) =>
      totals({
        caller: `AKID${'x'.repeat(50)}${i}`,
        requests: 2_000 - i,
        shape: shape({ imageType: '1', [`name${i}${'y'.repeat(50)}`]: 'v', offset: '12345', limit: '100' }),
      }),
    );
    const html = await renderMigrationView(view(many), { now: NOW });
    expect(html.match(/<tr class="shape"/g)).toHaveLength(30);
    expect(html).toMatch(/id="shapes-omitted" data-shapes="1970" data-requests="\d+">1,970 quieter shapes/);
    expect(html.length).toBeLessThan(400_000);
  });

  it('says whose traffic it shows: this process, the fleet with its replicas, or this process because Redis failed', async () => {
    const process = await renderMigrationView(view([]), { now: NOW });
    expect(process).toMatch(
      /id="scope" data-scope="process">This page shows <strong>this process only<\/strong> \(up since 2026-11-01 11:00 UTC\).*Set <code>REDIS_URL<\/code>/,
    );
    expect(process).toContain('id="no-shapes"');
    const fleet = await renderMigrationView(
      view([], {
        kind: 'fleet',
        retentionDays: 7,
        replicas: [
          { id: 'pod-a@1', name: 'pod-a pid 7', startedAt: NOW - 7_200_000, lastReport: NOW - 3_000, self: true },
          {
            id: 'pod-b@2',
            name: 'pod-b pid 9',
            startedAt: NOW - 86_400_000,
            lastReport: NOW - 3 * 3_600_000,
            self: false,
          },
        ],
      }),
      { now: NOW },
    );
    expect(fleet).toContain(
      'data-scope="fleet" data-replicas="2">The whole fleet, from Redis: 2 replicas reported in the last 7 d',
    );
    expect(fleet).toContain('<td class="replica">pod-a pid 7 (this one)</td>');
    expect(fleet).toMatch(/pod-b pid 9<\/td>.*\(3 h ago\)/);
    const failed = await renderMigrationView(
      view([], { kind: 'process', startedAt: NOW, problem: 'Redis did not answer (connection reconnecting)' }),
      { now: NOW },
    );
    expect(failed).toMatch(
      /class="scope process bad".*could not be read \(Redis did not answer \(connection reconnecting\)\)/,
    );
  });
});

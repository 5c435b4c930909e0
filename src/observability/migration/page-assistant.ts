/**
 * The migration assistant on the page: each distinct call shape still arriving, with its plan
 * (docs/migration.md#assistant). The plan is the core's (core/migration/plan.ts, made for each row
 * in view-render.ts) for the shape's latest call, the same one `qcloud-legacy-proxy translate`
 * prints; here it is laid out as HTML,
 * folded in a <details> so that the page reads without JavaScript and stays short.
 */
import type { CallShape } from '../../core/migration/shape-types.js';
import { nodeSnippet } from '../../core/migration/node-snippet.js';
import { callLines, ROUTE_TEXT, stepText } from '../../core/migration/plan-text.js';
import type { MigrationPlan } from '../../core/migration/plan-types.js';
import { tccliCommand } from '../../core/migration/tccli-command.js';
import { escapeHtml, formatAgo, formatCount, formatUtc } from './html.js';
import type { AssistantRow, MigrationView, ShapeTotals } from './migration-view.js';

/** `Region=gz imageType=1 limit`: kept values with their names, the rest by name. */
export function shapeText(shape: CallShape): string {
  return [shape.action, ...shape.params.map((p) => (p.value === null ? p.name : `${p.name}=${p.value}`))].join(' ');
}

export function assistantSection(
  rows: readonly AssistantRow[],
  omitted: MigrationView['shapesOmitted'],
  now: number,
): string {
  const intro = `<p class="lede">Each distinct call still arriving (caller, Action, parameter names, enumerated values; never a key or a signature), busiest first, with what it became on API 3.0 and how to make the same call directly. The same plan, offline: <code>npx qcloud-legacy-proxy translate '&lt;legacy URL&gt;'</code>.</p>`;
  if (rows.length === 0)
    return `<section id="assistant"><h2>Migration assistant</h2>${intro}<p class="empty" id="no-shapes">No verified legacy calls yet.</p></section>`;
  const more =
    omitted.shapes > 0
      ? `<p class="detail" id="shapes-omitted" data-shapes="${omitted.shapes}" data-requests="${omitted.requests}">${formatCount(omitted.shapes)} quieter shape${omitted.shapes === 1 ? '' : 's'} (${formatCount(omitted.requests)} requests) not shown.</p>`
      : '';
  const head =
    '<tr><th>Caller (SecretId)</th><th>Call</th><th>Route</th><th class="num">Requests</th><th class="num">Errors</th><th>Last seen</th></tr>';
  return `<section id="assistant"><h2>Migration assistant</h2>${intro}
<table id="shapes"><thead>${head}</thead><tbody>
${rows.map((row, i) => shapeRows(row, i, now)).join('\n')}
</tbody></table>${more}</section>`;
}

function shapeRows({ totals: t, plan }: AssistantRow, i: number, now: number): string {
  const caller = escapeHtml(t.caller);
  const call = escapeHtml(shapeText(t.shape));
  const example = Object.entries(t.shape.example)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  return (
    `<tr class="shape" id="shape-${i}" data-caller="${caller}" data-action="${escapeHtml(t.shape.action)}" data-route="${t.route}" data-plan="${plan.kind}" data-requests="${t.requests}" data-errors="${t.errors}">` +
    `<td class="caller">${caller}</td><td class="call"><code>${call}</code>${example ? `<div class="detail">latest: <code>${escapeHtml(example)}</code></div>` : ''}</td>` +
    `<td class="route">${t.route}</td><td class="num requests">${formatCount(t.requests)}</td><td class="num errors">${formatCount(t.errors)}</td>` +
    `<td class="last-seen"><time datetime="${new Date(t.lastSeen).toISOString()}">${formatUtc(t.lastSeen)}</time> (${formatAgo(t.lastSeen, now)})</td></tr>\n` +
    `<tr class="plan-row"><td colspan="6"><details class="plan" id="plan-${i}" data-kind="${plan.kind}"><summary>${escapeHtml(summary(plan))}</summary>${planBody(plan, t)}</details></td></tr>`
  );
}

function summary(plan: MigrationPlan): string {
  switch (plan.kind) {
    case 'translated':
      return `Plan: ${plan.call.action} on API 3.0, every page of ${plan.call.request.Limit ?? ''}, then ${plan.steps.length} steps on the answers`;
    case 'transitional':
      return `Plan: ${plan.call.action} on API 3.0, one call, as it is`;
    case 'passthrough':
      return `Plan: none derived: ${plan.action} ${ROUTE_TEXT.passthrough}`;
    case 'refused':
      return `Plan: none: ${ROUTE_TEXT.refused} (${plan.code})`;
  }
}

function planBody(plan: MigrationPlan, t: ShapeTotals): string {
  const parts: string[] = [`<p>${escapeHtml(`${plan.action} ${ROUTE_TEXT[plan.kind]}`)}.</p>`];
  if (plan.kind === 'refused') parts.push(`<p class="bad">${plan.code} ${escapeHtml(plan.message)}</p>`);
  if (plan.kind === 'translated' || plan.kind === 'transitional') {
    const [target = '', request = '', ...rest] = callLines(plan.call);
    const observed =
      t.upstreamCalls > 0
        ? `The latest call took ${t.upstreamCalls} 3.0 call${t.upstreamCalls === 1 ? '' : 's'}.`
        : 'The latest call was answered without a 3.0 call of its own (the scan cache) or failed before one.';
    parts.push(
      `<h3>API 3.0 requests</h3><p>${escapeHtml(target)}</p><pre class="request">${escapeHtml(request)}</pre><p>${escapeHtml(rest.join(' '))}. ${escapeHtml(observed)}</p>`,
    );
    if (plan.steps.length > 0)
      parts.push(
        `<h3>Then, on the answers (the caller's job after moving)</h3><ol class="steps">${plan.steps.map((s) => `<li data-step="${s.kind}">${escapeHtml(stepText(s))}</li>`).join('')}</ol>`,
      );
  }
  if (plan.notes.length > 0)
    parts.push(
      `<h3>Also</h3><ul class="notes">${plan.notes.map((n) => `<li data-topic="${n.topic}">${escapeHtml(n.text)}</li>`).join('')}</ul>`,
    );
  const tccli = tccliCommand(plan);
  if (tccli) parts.push(`<h3>tccli</h3><pre class="tccli">${escapeHtml(tccli)}</pre>`);
  const node = nodeSnippet(plan);
  if (node) parts.push(`<h3>Node (tencentcloud-sdk-nodejs)</h3><pre class="node">${escapeHtml(node)}</pre>`);
  return `<div class="plan-body">${parts.join('')}</div>`;
}

/**
 * The migration page: who still speaks API 2.0 through the proxy. One self-contained HTML
 * document rendered on the server (inline CSS, inline SVG charts, no external resources), readable
 * with JavaScript off; the table carries every number, marked up with data-* attributes and ids.
 */
import { ROUTES } from '../metrics/observations.js';
import { escapeHtml, formatAgo, formatCount, formatPercent, formatUtc } from './html.js';
import { PAGE_CSS } from './page-style.js';
import { assistantSection } from './page-assistant.js';
import { scopeSection } from './page-scope.js';
import { errorRateChart, volumeChart } from './svg-chart.js';
import type { AssistantRow, MigrationView, ViewScope } from './migration-view.js';
import type { CallerActionTotals, TrafficSnapshot } from './traffic-snapshot.js';

export interface MigrationPageOptions {
  /** Epoch ms the page is rendered at, for "last seen … ago". */
  readonly now: number;
  /** Reload the page every so many seconds with a tiny inline script (0: never). Default 30. */
  readonly refreshSeconds?: number;
  /** Whose traffic this is; absent: this process's. */
  readonly scope?: ViewScope;
  /** The migration assistant's rows, with their plans; absent: no assistant section. */
  readonly assistant?: { readonly rows: readonly AssistantRow[]; readonly omitted: MigrationView['shapesOmitted'] };
}

export const PAGE_TITLE = 'Legacy API 2.0 migration';

export function renderMigrationPage(snapshot: TrafficSnapshot, options: MigrationPageOptions): string {
  const refresh = options.refreshSeconds ?? 30;
  const span = spanText(snapshot.spanMinutes);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${PAGE_TITLE}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<main>
<h1>${PAGE_TITLE}</h1>
<p class="lede">Callers and Actions still arriving over API 2.0 in the last ${span}. Rendered ${formatUtc(options.now)}${refresh > 0 ? `; reloads every ${refresh} s` : ''}.</p>
${scopeSection(options.scope, options.now)}
${cards(snapshot)}
<section><h2>Requests per minute</h2>${volumeChart(snapshot.series)}</section>
<section><h2>Error rate per minute</h2>${errorRateChart(snapshot.series)}</section>
<section><h2>Callers × Actions</h2>${table(snapshot.totals, options.now, span)}</section>
${options.assistant ? assistantSection(options.assistant.rows, options.assistant.omitted, options.now) : ''}
</main>
${refresh > 0 ? `<script>setTimeout(function () { location.reload(); }, ${Math.round(refresh * 1000)});</script>` : ''}
</body>
</html>
`;
}

function cards(s: TrafficSnapshot): string {
  const rate = s.shadow.agreementRate;
  const errorRate = s.requests === 0 ? 0 : s.errors / s.requests;
  return `<div class="cards">
<div class="card"><div class="label">Legacy requests</div><div class="value" id="total-requests" data-value="${s.requests}">${formatCount(s.requests)}</div></div>
<div class="card"><div class="label">Answered with an error</div><div class="value" id="total-errors" data-value="${s.errors}">${formatCount(s.errors)}</div><div class="detail" id="total-error-rate" data-value="${errorRate}">${formatPercent(errorRate)} of requests</div></div>
<div class="card"><div class="label">Shadow agreement</div><div class="value ${rate === null ? '' : rate === 1 ? 'good' : 'bad'}" id="shadow-agreement-rate" data-value="${rate ?? ''}">${rate === null ? '–' : formatPercent(rate)}</div>
<div class="detail"><span id="shadow-agree" data-value="${s.shadow.agree}">${formatCount(s.shadow.agree)}</span> agree, <span id="shadow-differ" data-value="${s.shadow.differ}">${formatCount(s.shadow.differ)}</span> differ, <span id="shadow-failed" data-value="${s.shadow.failed}">${formatCount(s.shadow.failed)}</span> failed</div></div>
</div>`;
}

function table(totals: readonly CallerActionTotals[], now: number, span: string): string {
  if (totals.length === 0) return `<p class="empty" id="no-traffic">No legacy requests in the last ${span}.</p>`;
  const head =
    '<tr><th>Caller (SecretId)</th><th>Action</th><th class="num">Requests</th><th class="num">Errors</th><th class="num">Error rate</th><th>Routes</th><th>Last seen</th></tr>';
  return `<table id="callers"><thead>${head}</thead><tbody>\n${totals.map((t) => row(t, now)).join('\n')}\n</tbody></table>`;
}

function row(t: CallerActionTotals, now: number): string {
  const caller = escapeHtml(t.caller);
  const action = escapeHtml(t.action);
  const routes = ROUTES.filter((route) => t.routes[route]).map(
    (route) => `${route} ${formatCount(t.routes[route] ?? 0)}`,
  );
  const iso = new Date(t.lastSeen).toISOString();
  return (
    `<tr${t.folded ? ' class="folded"' : ''} data-caller="${caller}" data-action="${action}" data-requests="${t.requests}" data-errors="${t.errors}" data-folded="${t.folded}">` +
    `<td class="caller">${t.folded ? 'other callers' : caller}</td><td class="action">${t.folded ? 'other Actions' : action}</td>` +
    `<td class="num requests">${formatCount(t.requests)}</td><td class="num errors">${formatCount(t.errors)}</td>` +
    `<td class="num error-rate${t.errors > 0 ? ' bad' : ''}">${formatPercent(t.errorRate)}</td>` +
    `<td class="routes">${escapeHtml(routes.join(', '))}</td>` +
    `<td class="last-seen"><time datetime="${iso}">${formatUtc(t.lastSeen)}</time> (${formatAgo(t.lastSeen, now)})</td></tr>`
  );
}

function spanText(minutes: number): string {
  if (minutes > 1440 && minutes % 1440 === 0) return `${minutes / 1440} d`;
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}

/**
 * Whose traffic the migration page shows, said plainly at the top: this process only (no Redis, or
 * Redis unreadable), or the whole fleet, with each replica that reported and when.
 */
import { escapeHtml, formatAgo, formatUtc } from './html.js';
import type { ReplicaReport, ViewScope } from './migration-view.js';

export function scopeSection(scope: ViewScope | undefined, now: number): string {
  if (!scope || scope.kind === 'process') {
    const since = scope ? ` (up since ${formatUtc(scope.startedAt)})` : '';
    const why = scope?.problem
      ? `The fleet's history in Redis could not be read (${escapeHtml(scope.problem)}), so this page shows <strong>this process only</strong>${since}.`
      : `This page shows <strong>this process only</strong>${since}: another replica shows its own traffic, and a restart starts from nothing. Set <code>REDIS_URL</code> to see the whole fleet, kept for days.`;
    return `<p class="scope process${scope?.problem ? ' bad' : ''}" id="scope" data-scope="process">${why}</p>`;
  }
  const n = scope.replicas.length;
  return `<section id="fleet"><p class="scope fleet" id="scope" data-scope="fleet" data-replicas="${n}">The whole fleet, from Redis: ${n} replica${n === 1 ? '' : 's'} reported in the last ${scope.retentionDays} d; each adds its traffic every few seconds.</p>
<table id="replicas"><thead><tr><th>Replica</th><th>Started</th><th>Last report</th></tr></thead><tbody>
${scope.replicas.map((r) => replicaRow(r, now)).join('\n')}
</tbody></table></section>`;
}

function replicaRow(r: ReplicaReport, now: number): string {
  const name = escapeHtml(r.name);
  return (
    `<tr data-replica="${escapeHtml(r.id)}" data-self="${r.self}"><td class="replica">${name}${r.self ? ' (this one)' : ''}</td>` +
    `<td><time datetime="${new Date(r.startedAt).toISOString()}">${formatUtc(r.startedAt)}</time></td>` +
    `<td class="last-report"><time datetime="${new Date(r.lastReport).toISOString()}">${formatUtc(r.lastReport)}</time> (${formatAgo(r.lastReport, now)})</td></tr>`
  );
}

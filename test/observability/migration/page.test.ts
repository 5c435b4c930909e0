/** The page as HTML text: escaping of client-supplied strings, self-containment, marked-up numbers. */
import { describe, expect, it } from 'vitest';
import { escapeHtml, formatAgo } from '../../../src/observability/migration/html.js';
import { renderMigrationPage } from '../../../src/observability/migration/page.js';
import { createTrafficHistory } from '../../../src/observability/migration/traffic-history.js';
import { EXPECTED, HOSTILE_CALLER, knownTraffic } from './known-traffic.js';

function page(options: { refreshSeconds?: number } = {}) {
  const traffic = knownTraffic();
  return renderMigrationPage(traffic.history.snapshot(traffic.now()), { now: traffic.now(), ...options });
}

describe('migration page', () => {
  it('escapes a hostile caller and Action everywhere they appear', () => {
    const html = page();
    expect(html).not.toContain('<script>window.pwned');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain(`data-caller="${escapeHtml(HOSTILE_CALLER)}"`);
    expect(html).toContain('&lt;script&gt;window.pwned = 1&lt;/script&gt;&quot;&#39;&amp;');
    // The only script is the page's own reload.
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('marks up every row and the agreement rate for a reader or a test', () => {
    const html = page();
    for (const row of EXPECTED) {
      expect(html).toContain(
        `data-caller="${escapeHtml(row.caller)}" data-action="${row.action}" data-requests="${row.requests}" data-errors="${row.errors}"`,
      );
    }
    expect(html).toMatch(/id="shadow-agreement-rate" data-value="0\.911\d*">91\.1%</);
    expect(html).toContain('id="shadow-differ" data-value="4"');
    expect(html).toContain('id="total-requests" data-value="61"');
  });

  it('is self-contained: inline CSS and SVG, nothing fetched', () => {
    const html = page();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
    expect(html).toMatch(/<svg id="volume-chart"[^>]*data-points="60"/);
    expect(html).toContain('<svg id="error-rate-chart"');
    expect(html).not.toMatch(/<link|<img|<iframe|\bsrc=|url\(|@import|https?:\/\//i);
  });

  it('reloads itself only when asked', () => {
    expect(page()).toContain('location.reload(); }, 30000)');
    expect(page({ refreshSeconds: 0 })).not.toContain('<script');
  });

  it('says so when no legacy request arrived', () => {
    const now = Date.UTC(2026, 0, 1);
    const html = renderMigrationPage(createTrafficHistory().snapshot(now), { now });
    expect(html).toContain('id="no-traffic"');
    expect(html).toContain('No legacy requests in the last 24 h.');
    expect(html).toMatch(/id="shadow-agreement-rate" data-value="">–</);
  });

  it('writes times in UTC whatever the time zone, and ages in words', () => {
    expect(page()).toContain('Rendered 2026-11-01 09:45 UTC');
    expect(formatAgo(0, 30_000)).toBe('just now');
    expect(formatAgo(0, 5 * 60_000)).toBe('5 min ago');
    expect(formatAgo(0, 3 * 3600_000)).toBe('3 h ago');
    expect(formatAgo(0, 50 * 3600_000)).toBe('2 d ago');
  });
});

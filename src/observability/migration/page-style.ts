/** The migration page's inline CSS: nothing is fetched, so the page works offline and behind any firewall. */
export const PAGE_CSS = `
:root { color-scheme: light; --ink: #1d2433; --muted: #5b6577; --line: #d9dee7; --accent: #2f6fde; --bad: #d33f3f; --good: #1f8a4c; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f5f7fa; }
main { max-width: 1080px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.1rem; margin: 0 0 10px; }
.lede { color: var(--muted); margin: 0 0 20px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 12px; margin-bottom: 20px; }
.card, section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; }
section { margin-bottom: 16px; }
.card .label { color: var(--muted); font-size: .85rem; }
.card .value { font-size: 1.6rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .detail { color: var(--muted); font-size: .85rem; }
.chart { width: 100%; height: auto; display: block; }
.chart text { font-size: 11px; fill: var(--muted); }
.chart .axis { stroke: var(--muted); } .chart .grid { stroke: var(--line); stroke-dasharray: 3 3; }
.chart .requests { fill: var(--accent); } .chart .errors { fill: var(--bad); }
.chart .rate { stroke: var(--bad); stroke-width: 2; fill: none; stroke-linecap: square; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: .85rem; }
td.num, th.num { text-align: right; }
td.caller, td.action { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9rem; }
td.caller { overflow-wrap: anywhere; } td.action { overflow-wrap: break-word; }
tr.folded td { font-style: italic; color: var(--muted); }
.bad { color: var(--bad); } .good { color: var(--good); }
.empty { color: var(--muted); }
.scope { background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 8px; padding: 10px 14px; margin: 0 0 16px; }
.scope.process { border-left-color: #d9a400; } .scope.bad { border-left-color: var(--bad); }
#fleet .scope { margin-bottom: 10px; } #fleet { margin-bottom: 16px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85rem; }
td.call code { overflow-wrap: anywhere; }
pre { background: #f1f3f7; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0 10px; }
#shapes { table-layout: fixed; }
#shapes th:nth-child(1) { width: 21%; } #shapes th:nth-child(2) { width: 33%; } #shapes th:nth-child(3) { width: 11%; }
#shapes th:nth-child(4), #shapes th:nth-child(5) { width: 8%; } #shapes th:nth-child(6) { width: 19%; }
#shapes td.caller { overflow-wrap: anywhere; }
details.plan summary { cursor: pointer; color: var(--accent); }
details.plan h3 { font-size: .95rem; margin: 12px 0 4px; }
.plan-body { padding: 4px 0 8px 14px; }
.plan-body ol, .plan-body ul { margin: 4px 0; padding-left: 22px; }
tr.plan-row td { border-bottom: 1px solid var(--line); padding-top: 0; }
tr.shape td { border-bottom: none; }
.detail { color: var(--muted); font-size: .85rem; }
`;

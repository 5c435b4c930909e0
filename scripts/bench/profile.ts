/**
 * The newest .cpuprofile in a folder, summarised: self time by where the code lives (a package,
 * a Node internal module, a file of the build) and by function, as text tables.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  hitCount?: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** `node_modules/pino/…` → `pino`; `node:internal/http…` → `node:internal/http…`; `…/build/http/app.js` → `build/http/app.js`. */
function placeOf(url: string): string {
  if (!url) return '(native, GC, idle)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/(build|src|dev|scripts)\/(.*)$/.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  return url.replace(/^node:internal\/deps\//, 'node:deps/');
}

export function summariseProfile(folder: string, top = 30): string {
  const newest = readdirSync(folder)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(folder, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!newest) return '(no profile written)';
  const { nodes } = JSON.parse(readFileSync(newest, 'utf8')) as { nodes: ProfileNode[] };
  const idle = nodes
    .filter((n) => n.callFrame.functionName === '(idle)')
    .reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
  const busy = nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0) - idle;
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  for (const node of nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    const hits = node.hitCount ?? 0;
    const place = placeOf(url);
    const key = `${functionName || '(anonymous)'} ${url ? `${place}:${lineNumber + 1}` : ''}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
    byPlace.set(place, (byPlace.get(place) ?? 0) + hits);
  }
  const table = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, hits]) => `${((hits / busy) * 100).toFixed(1).padStart(5)}%  ${name}`)
      .join('\n');
  return `busy time by place (idle left out):\n${table(byPlace, top)}\n\nbusy time by function:\n${table(byFunction, top)}`;
}

/**
 * The import graph as a reader meets it: no cycles, short chains, a pure core, and a product
 * that never reaches into dev/, test/ or scripts/. Imports are read with a small regex over each
 * file's import and export clauses (the TypeScript API of typescript 7 is not a JS library).
 *
 * Type-only imports count as edges: a cycle of types is still a cycle for a reader following
 * the files, and a type module is cheap to give its own file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
/**
 * Levels: a file with no local imports is level 1; a file is 1 + the deepest level it imports.
 * The goal (issue 11) is 9. The request path is there: compose.ts sits at level 8, the gateway at
 * most 7, the core at most 4. What stays above it is Node's start-up: node/cli → cli/serve →
 * node/server → node/parts → node/observability → the migration page → the assistant's plan
 * renderers (13 in all). This holds the line there, so that no chain grows: lower it to GOAL as
 * the start-up and the page are flattened.
 */
const GOAL_SRC_DEPTH = 9;
const MAX_SRC_DEPTH = 13;
/** Packages with I/O, a runtime or a clock behind them: src/core is plain functions over plain data. */
const IMPURE_PACKAGE = /^(node:|hono$|hono\/|pino|undici|ioredis|prom-client|tencentcloud)/;

// `import x, { y } from '…'`, `import type * as z from '…'`, `export { a } from '…'`, `import '…'`, `import('…')`.
const CLAUSE = String.raw`(?:type\s+)?(?:\{[^}]*\}|\*(?:\s+as\s+\w+)?|\w+(?:\s*,\s*(?:\{[^}]*\}|\*\s+as\s+\w+))?)`;
const SPECIFIERS = [
  new RegExp(String.raw`^\s*import\s+${CLAUSE}\s+from\s*['"]([^'"]+)['"]`, 'gm'),
  new RegExp(String.raw`^\s*export\s+(?:type\s+)?(?:\{[^}]*\}|\*(?:\s+as\s+\w+)?)\s+from\s*['"]([^'"]+)['"]`, 'gm'),
  /^\s*import\s*['"]([^'"]+)['"]/gm,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

interface SourceFile {
  /** Relative to the repository, with `/`. */
  readonly path: string;
  /** Local imports, resolved to repository paths. */
  readonly local: readonly string[];
  /** Package imports, as written. */
  readonly packages: readonly string[];
}

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

function specifiersOf(text: string): string[] {
  return SPECIFIERS.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1]!));
}

/** `./x.js` → `src/…/x.ts` (NodeNext spells the emitted name); fails on anything it cannot find. */
function resolveLocal(from: string, specifier: string): string {
  const base = resolve(ROOT, dirname(from), specifier);
  const candidate = [base.replace(/\.js$/, '.ts'), base, join(base, 'index.ts')].find(
    (p) => existsSync(p) && p.endsWith('.ts'),
  );
  if (!candidate) throw new Error(`${from}: cannot resolve import '${specifier}'`);
  return relative(ROOT, candidate).split('\\').join('/');
}

function readGraph(dirs: readonly string[]): Map<string, SourceFile> {
  const files = new Map<string, SourceFile>();
  for (const path of dirs.flatMap(tsFiles)) {
    const specifiers = specifiersOf(readFileSync(join(ROOT, path), 'utf8'));
    const local = specifiers.filter((s) => s.startsWith('.')).map((s) => resolveLocal(path, s));
    files.set(path, { path, local: [...new Set(local)], packages: specifiers.filter((s) => !s.startsWith('.')) });
  }
  return files;
}

/** Every cycle's files, one cycle per strongly connected component (Tarjan), edges within `graph` only. */
function cycles(graph: Map<string, SourceFile>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)!.local.filter((p) => graph.has(p))) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)!.local.includes(node)) found.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/** The longest import chain, from the importing file down to a leaf (an edge back into a cycle is not followed). */
function longestChain(graph: Map<string, SourceFile>): string[] {
  const memo = new Map<string, string[]>();
  const open = new Set<string>();
  const chainFrom = (node: string): string[] => {
    let chain = memo.get(node);
    if (!chain) {
      open.add(node);
      const below = graph
        .get(node)!
        .local.filter((p) => graph.has(p) && !open.has(p))
        .map(chainFrom);
      open.delete(node);
      chain = [node, ...below.reduce<string[]>((a, b) => (b.length > a.length ? b : a), [])];
      memo.set(node, chain);
    }
    return chain;
  };
  return [...graph.keys()]
    .sort()
    .map(chainFrom)
    .reduce<string[]>((a, b) => (b.length > a.length ? b : a), []);
}

const product = readGraph(['src']);
const everything = readGraph(['src', 'dev']);

describe('the import graph', () => {
  it('reads imports of every form (the regex is checked, or every rule below would pass vacuously)', () => {
    const text = [
      "import { a } from './a.js';",
      "import type {\n  B,\n  C,\n} from '../b.js';",
      "import d, { e } from 'd';",
      "import * as f from 'node:f';",
      "export { g } from './g.js';",
      "export type { H } from './h.js';",
      "import './side-effect.js';",
      "const i = await import('./i.js');",
      ' * import { notAnImport } from the comment above',
    ].join('\n');
    expect(specifiersOf(text).sort()).toEqual(
      ['../b.js', './a.js', './g.js', './h.js', './i.js', './side-effect.js', 'd', 'node:f'].sort(),
    );
    expect(product.size).toBeGreaterThan(50);
    expect([...product.values()].reduce((edges, f) => edges + f.local.length, 0)).toBeGreaterThan(2 * product.size);
  });

  it('has no cycle in src/ or dev/', () => {
    expect(cycles(everything)).toEqual([]);
  });

  it(`has no import chain in src/ longer than ${MAX_SRC_DEPTH} files (the goal is ${GOAL_SRC_DEPTH})`, () => {
    const chain = longestChain(product);
    expect(
      chain.length,
      `the longest chain is ${chain.length} files:\n  ${chain.join('\n  → ')}\n`,
    ).toBeLessThanOrEqual(MAX_SRC_DEPTH);
  });

  it('keeps src/ to itself: nothing from dev/, test/ or scripts/', () => {
    const outside = [...product.values()].flatMap((f) =>
      f.local.filter((p) => !p.startsWith('src/')).map((p) => `${f.path} → ${p}`),
    );
    expect(outside).toEqual([]);
  });

  it('keeps src/core pure: only src/core, and no runtime, I/O or SDK package', () => {
    const core = [...product.values()].filter((f) => f.path.startsWith('src/core/'));
    expect(core.length).toBeGreaterThan(10);
    const leaks = core.flatMap((f) => [
      ...f.local.filter((p) => !p.startsWith('src/core/')).map((p) => `${f.path} → ${p}`),
      ...f.packages.filter((p) => IMPURE_PACKAGE.test(p)).map((p) => `${f.path} → ${p}`),
    ]);
    expect(leaks).toEqual([]);
  });
});

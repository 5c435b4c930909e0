/**
 * The metric names a PromQL expression reads, found by a small tokenizer rather than a parser:
 * strings, label matchers, ranges, grouping clauses and Grafana variables are removed, and what
 * is left that looks like a name, is not called as a function and is not a keyword, is a series
 * name. Enough for the expressions in deploy/; anything it cannot read fails the test loudly.
 */

/** Selector `name{a="x", b!~"y"}` or `{a="x"}`: a metric name (if any) and its label matchers. */
export interface Selector {
  readonly metric: string | undefined;
  readonly labels: readonly string[];
}

const NAME = /(?<![\w.:$])[a-zA-Z_:][a-zA-Z0-9_:]*/g;
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'inf',
  'nan',
  'atan2',
]);
const GROUPING = /\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)/g;
/** "…" and '…' (with escapes) and `…`. */
const STRING = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g;
/** $var, ${var}, ${var:format}, $__rate_interval. */
const GRAFANA_VARIABLE = /\$\{[^}]*\}|\$\w+/g;

/** Every series name the expression reads (recorded series, with `:`, included). */
export function metricNames(expr: string): string[] {
  balanced(expr);
  const bare = expr
    .replace(STRING, '""')
    .replace(/\{[^{}]*\}/g, ' ')
    .replace(/\[[^[\]]*\]/g, ' ')
    .replace(GROUPING, ' ')
    .replace(GRAFANA_VARIABLE, ' ');
  const names = new Set<string>();
  for (const match of bare.matchAll(NAME)) {
    const name = match[0];
    const calls = /^\s*\(/.test(bare.slice(match.index + name.length));
    if (!calls && !KEYWORDS.has(name.toLowerCase())) names.add(name);
  }
  return [...names];
}

/** Every selector with braces: `name{…}`, with the label names it matches on. */
export function selectors(expr: string): Selector[] {
  const found: Selector[] = [];
  for (const match of expr.matchAll(/(?<![\w:])([a-zA-Z_:][a-zA-Z0-9_:]*)?\s*\{((?:[^{}"]|"(?:[^"\\]|\\.)*")*)\}/g)) {
    const matchers = match[2]!.replace(STRING, '""');
    const labels = [...matchers.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)\s*""/g)].map((m) => m[1]!);
    if (matchers.replace(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)\s*""/g, '').replace(/[\s,]/g, '') !== '') {
      throw new Error(`cannot read the label matchers {${match[2]}} in: ${expr}`);
    }
    found.push({ metric: match[1], labels });
  }
  return found;
}

/** `label_values(metric, label)` in a Grafana variable query: the metric, if the query names one. */
export function labelValuesMetric(query: string): string | undefined {
  return /^\s*label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(query)?.[1];
}

/** (), [] and {} nest properly, outside strings. */
function balanced(expr: string): void {
  const closing: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const open: string[] = [];
  for (const char of expr.replace(STRING, '""')) {
    if ('([{'.includes(char)) open.push(char);
    else if (char in closing && open.pop() !== closing[char]) throw new Error(`unbalanced ${char} in: ${expr}`);
  }
  if (open.length > 0) throw new Error(`unclosed ${open.join('')} in: ${expr}`);
}

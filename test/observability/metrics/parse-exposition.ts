/**
 * A small, independent reader of the Prometheus text exposition format 0.0.4 (prometheus.io,
 * "Exposition formats": `name{label="value",...} number`, label values escaping \\ \" and \n),
 * so the tests check what a scraper would read, not prom-client's own objects.
 */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(?:,|$)/y;

export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    samples.push({ name: match[1]!, labels: parseLabels(match[2] ?? ''), value: parseValue(match[3]!) });
  }
  return samples;
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const start = LABEL.lastIndex;
    const match = LABEL.exec(text);
    if (!match) throw new Error(`bad labels at ${start}: ${text}`);
    labels[match[1]!] = match[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  const value = Number(text);
  // Prometheus reads floats with Go's ParseFloat, which takes NaN in any case (prom-client writes "Nan").
  if (Number.isNaN(value) && text.toLowerCase() !== 'nan') throw new Error(`bad sample value ${text}`);
  return value;
}

/** The samples named `name` whose labels include every label in `where`. */
export function samplesOf(samples: readonly Sample[], name: string, where: Record<string, string> = {}): Sample[] {
  return samples.filter((s) => s.name === name && Object.entries(where).every(([k, v]) => s.labels[k] === v));
}

/** The one sample that matches, or an error naming what was there. */
export function valueOf(samples: readonly Sample[], name: string, where: Record<string, string> = {}): number {
  const found = samplesOf(samples, name, where);
  if (found.length !== 1)
    throw new Error(
      `${found.length} samples of ${name} ${JSON.stringify(where)}; have ${JSON.stringify(samplesOf(samples, name))}`,
    );
  return found[0]!.value;
}

/**
 * What the proxy answered, read from its own /metrics (legacy_requests_total by code) rather than
 * by parsing every answer in the load generator, which would cost the client's core.
 */
export type CodeCounts = Map<string, number>;

const SERIES = /^legacy_requests_total\{[^}]*code="([^"]+)"[^}]*\}\s+(\d+(?:\.\d+)?(?:e\+?\d+)?)/gm;

export async function answerCodes(url: string): Promise<CodeCounts> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const counts: CodeCounts = new Map();
  for (const [, code, value] of text.matchAll(SERIES)) counts.set(code!, (counts.get(code!) ?? 0) + Number(value));
  return counts;
}

/** The answers between two readings, by code. */
export function codesBetween(before: CodeCounts, after: CodeCounts): CodeCounts {
  const diff: CodeCounts = new Map();
  for (const [code, count] of after) {
    const n = count - (before.get(code) ?? 0);
    if (n > 0) diff.set(code, n);
  }
  return diff;
}

export const describeCodes = (codes: CodeCounts): string =>
  [...codes]
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code}×${n}`)
    .join(' ') || 'none';

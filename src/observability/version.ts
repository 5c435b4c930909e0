/**
 * What is running, for `legacy_proxy_build_info`: the package version, the commit it was built
 * from and the Node release. Read once at start-up, never per request. Node only (node:fs).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { capLabel } from './metrics/label-values.js';

export interface BuildInfo {
  readonly version: string;
  readonly commit: string;
  readonly node: string;
}

export const UNKNOWN = 'unknown';
/** Set by the build (CI, or a platform such as Coolify that sets SOURCE_COMMIT); the first one set wins. */
export const COMMIT_VARIABLES = ['GIT_COMMIT', 'SOURCE_COMMIT'] as const;

let version: string | undefined;

/** The nearest package.json above this file: the repository root from src/ (tsx) and from build/ alike. */
export function packageVersion(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const found = readVersion(join(dir, 'package.json'));
    if (found !== undefined) return found;
    if (dirname(dir) === dir) return UNKNOWN;
  }
}

export function buildInfo(env: Readonly<Record<string, string | undefined>> = process.env): BuildInfo {
  version ??= packageVersion();
  const commit = COMMIT_VARIABLES.map((name) => env[name]?.trim()).find((value) => value);
  // Env values become label values: capped like every other label.
  return { version, commit: commit ? capLabel(commit) : UNKNOWN, node: process.version };
}

/** undefined: no file there, keep looking. A package.json without a usable version ends the search. */
function readVersion(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const found: unknown = (JSON.parse(text) as { version?: unknown } | null)?.version;
    return typeof found === 'string' && found ? capLabel(found) : UNKNOWN;
  } catch {
    return UNKNOWN;
  }
}

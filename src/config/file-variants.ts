/**
 * `NAME_FILE`: a secret setting read from a file, the way Docker and Kubernetes mount secrets
 * (`PROXY_CREDENTIALS_FILE=/run/secrets/proxy-credentials`). Node only: a Worker has no files, and
 * keeps its secrets as secret bindings. See docs/configuration.md and docs/operations.md#secrets.
 */
import { clip } from '../core/clip.js';
import { INVALID, type Invalid } from './setting.js';

export const FILE_SUFFIX = '_FILE';

/** Reads a whole file as UTF-8 text (node:fs on Node); throws as fs does (with a `code`). */
export type ReadFile = (path: string) => string;

/**
 * The text of a setting that may come from a file: NAME, or the content of the file NAME_FILE
 * names (never both). INVALID after pushing a problem, which names the variable and the path,
 * never the content.
 */
export function settingText(
  name: string,
  env: Readonly<Record<string, string | undefined>>,
  readFile: ReadFile | undefined,
  problems: string[],
): string | Invalid {
  const fileName = `${name}${FILE_SUFFIX}`;
  const path = env[fileName]?.trim();
  const direct = env[name]?.trim() ?? '';
  if (!path) return direct;
  if (direct) {
    problems.push(`${name} and ${fileName} are both set: set one of them`);
    return INVALID;
  }
  if (!readFile) {
    problems.push(`${fileName} needs a file system: on a Worker, set ${name} as a secret`);
    return INVALID;
  }
  try {
    const content = readFile(path).trim();
    if (content) return content;
    problems.push(`${fileName}: ${clip(path, 120)} is empty`);
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    problems.push(`${fileName}: cannot read ${clip(path, 120)} (${code ?? message})`);
  }
  return INVALID;
}

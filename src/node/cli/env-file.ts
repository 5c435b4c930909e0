/**
 * The environment the proxy reads its settings from: the process's own, over the lines of an env
 * file named with `--env-file` (`KEY=value`, as `node --env-file`, systemd's EnvironmentFile and
 * `docker run --env-file` read them). A variable set in the environment wins over the file. The
 * proxy never reads a `.env` by itself: a file is used only when named (docs/operations.md#start).
 */
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import type { Env } from '../../config/read-settings.js';

export interface Environment {
  readonly env: Env;
  /** The variables that came from the env file, for check-config's "from" column. */
  readonly fromFile: ReadonlySet<string>;
}

/** Throws when the file cannot be read, with the path and the reason (never its content). */
export function readEnvironment(processEnv: Env, envFile: string | undefined): Environment {
  if (envFile === undefined) return { env: processEnv, fromFile: new Set() };
  let text: string;
  try {
    text = readFileSync(envFile, 'utf8');
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    throw new EnvFileError(`cannot read --env-file ${envFile} (${code ?? message})`);
  }
  const fileEnv = parseEnv(text);
  const fromFile = new Set(Object.keys(fileEnv).filter((name) => processEnv[name] === undefined));
  return { env: { ...fileEnv, ...definedOnly(processEnv) }, fromFile };
}

export class EnvFileError extends Error {
  override readonly name = 'EnvFileError';
}

/** `NAME_FILE` variants are read with this: a mounted secret, read as text. */
export const readTextFile = (path: string): string => readFileSync(path, 'utf8');

function definedOnly(env: Env): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

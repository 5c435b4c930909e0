/**
 * Reads a string record through a schema: each variable trimmed, empty as unset, unset as its
 * default; a setting marked `file` may come from the file NAME_FILE names instead. Every problem
 * is collected (the caller reports them together); a refused value is replaced by its default's,
 * so that checks between settings see something sensible.
 */
import { settingText, type ReadFile } from './file-variants.js';
import { INVALID, type Setting, type ValueOf } from './setting.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ReadSettings<S extends Record<string, Setting>> {
  readonly values: { readonly [N in keyof S]: ValueOf<S[N]> };
  /** The variables whose own value was refused. */
  readonly refused: ReadonlySet<keyof S & string>;
}

/** `readFile`: how NAME_FILE is read (Node); without it, a NAME_FILE set is a problem. */
export function readSettings<S extends Record<string, Setting>>(
  schema: S,
  env: Env,
  problems: string[],
  readFile?: ReadFile,
): ReadSettings<S> {
  const values: Record<string, unknown> = {};
  const refused = new Set<keyof S & string>();
  for (const [name, setting] of Object.entries(schema) as [keyof S & string, Setting][]) {
    const before = problems.length;
    const text = setting.file ? settingText(name, env, readFile, problems) : env[name]?.trim();
    const value = text === INVALID ? INVALID : setting.kind.parse(text || setting.default, name, problems);
    if (value !== INVALID && problems.length === before) {
      values[name] = value;
      continue;
    }
    refused.add(name);
    values[name] = defaultValue(name, setting);
  }
  return { values: values as ReadSettings<S>['values'], refused };
}

/** A required setting's default ('') parses with a problem but still to a value; INVALID is a schema bug. */
export function defaultValue(name: string, setting: Setting): unknown {
  const value = setting.kind.parse(setting.default, name, []);
  if (value === INVALID) throw new Error(`the schema's default for ${name} does not parse`);
  return value;
}

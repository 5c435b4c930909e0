/**
 * The configuration as it will run, one row per setting: its value as written (or its default),
 * and where it came from. What `qcloud-legacy-proxy check-config` prints, and what a SIGHUP
 * compares. A secret's shown value never holds its key: a SecretKey, a token or a password is
 * masked; SecretIds stay (the log shows them too).
 */
import { FILE_SUFFIX } from './file-variants.js';
import type { Env } from './read-settings.js';
import { GROUPS, SETTINGS, type Group, type SettingName } from './schema.js';
import type { Setting } from './setting.js';

export const MASK = '****';

export interface EffectiveSetting {
  readonly name: SettingName;
  readonly group: Group;
  /** As the proxy reads it (before parsing), secrets included: for comparing, never for showing. */
  readonly text: string;
  /** For showing: `text` with every key masked. */
  readonly shown: string;
  /** `default`, `environment`, `env file` or `file <path>` (NAME_FILE). */
  readonly from: string;
}

/**
 * `readFile` reads NAME_FILE as the loader does; a file it cannot read shows as unset here (the
 * loader's problems say why). `fromEnvFile`: the variables an env file gave.
 */
export function effectiveSettings(
  env: Env,
  readFile: (path: string) => string,
  fromEnvFile: ReadonlySet<string> = new Set(),
): EffectiveSetting[] {
  return (Object.entries(SETTINGS) as [SettingName, Setting & { group: Group }][]).map(([name, setting]) => {
    const path = setting.file ? env[`${name}${FILE_SUFFIX}`]?.trim() : undefined;
    const direct = env[name]?.trim();
    let text = direct ?? '';
    let from = direct ? (fromEnvFile.has(name) ? 'env file' : 'environment') : 'default';
    if (path && !direct) {
      text = readOrEmpty(readFile, path);
      from = `file ${path}`;
    }
    if (!text) [text, from] = [setting.default, 'default'];
    return { name, group: setting.group, text, shown: shown(setting, text), from };
  });
}

/** The groups in the reference page's order, each with its title. */
export function groupTitle(group: Group): string {
  return GROUPS[group].title;
}

function shown(setting: Setting, text: string): string {
  if (!text) return '';
  if (setting.secret === 'always') return maskedJson(text);
  if (setting.secret) return maskedUrl(text);
  return text;
}

/** JSON with every string under a key-like name masked; anything else, wholly masked. */
function maskedJson(text: string): string {
  try {
    const masked = (key: string, value: unknown) =>
      /key|token|password|secret$/i.test(key) && (typeof value !== 'object' || value === null);
    return JSON.stringify(JSON.parse(text), (key, value: unknown) => (masked(key, value) ? MASK : value));
  } catch {
    return `${MASK} (not JSON)`;
  }
}

/** A URL with its password (or a user name alone, which Redis takes as a password) masked. */
function maskedUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = MASK;
    else if (url.username) url.username = MASK;
    return url.href;
  } catch {
    return MASK;
  }
}

function readOrEmpty(readFile: (path: string) => string, path: string): string {
  try {
    return readFile(path).trim();
  } catch {
    return '';
  }
}

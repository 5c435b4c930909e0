/**
 * The schema itself: every default parses, the loader applies exactly the defaults the page shows,
 * reads exactly the schema's variables, and never echoes a secret.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { GROUPS, SETTINGS, type SettingName } from '../../src/config/schema.js';
import { INVALID, type Setting } from '../../src/config/setting.js';

const ENTRIES = Object.entries(SETTINGS) as [SettingName, Setting][];
const BASE = { PROXY_CREDENTIALS: JSON.stringify([{ secretId: 'AKIDx', secretKey: 'k' }]) };

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('the configuration schema', () => {
  it.each(ENTRIES)('%s parses its default (a required one asks for a value)', (name, setting) => {
    const problems: string[] = [];
    const value = setting.kind.parse(setting.default, name, problems);
    expect(value).not.toBe(INVALID);
    if (setting.absent === 'required')
      expect(problems).toEqual([expect.stringMatching(new RegExp(`^${name} is required`))]);
    else expect(problems).toEqual([]);
  });

  it.each(ENTRIES.filter(([, setting]) => setting.default !== ''))(
    '%s written out as its default changes nothing',
    (name, setting) => {
      expect(loadConfig({ ...BASE, [name]: setting.default })).toEqual(loadConfig(BASE));
    },
  );

  it('the loader reads exactly the schema, in its order (NAME_FILE just before NAME)', () => {
    const read: string[] = [];
    const env = new Proxy<Record<string, string | undefined>>(BASE, {
      get: (target, name) => {
        if (typeof name === 'string') read.push(name);
        return target[name as string];
      },
    });
    loadConfig(env);
    expect([...new Set(read)]).toEqual(
      ENTRIES.flatMap(([name, setting]) => (setting.file ? [`${name}_FILE`, name] : [name])),
    );
  });

  it('an empty or blank value is unset', () => {
    expect(loadConfig({ ...BASE, PORT: '', HOST: '  ', LOG_LEVEL: ' debug ' })).toMatchObject({
      port: 8787,
      host: '0.0.0.0',
      logLevel: 'debug',
    });
  });

  it('every setting is in a group of the page, with a one-line meaning', () => {
    for (const [name, setting] of ENTRIES) {
      expect(Object.keys(GROUPS), name).toContain(setting.group);
      expect(setting.meaning, name).not.toMatch(/\n/);
    }
  });

  // A refused value of each secret setting, holding `hunter2` where the secret goes.
  const SECRET_VALUES: Record<string, string[]> = {
    PROXY_CREDENTIALS: [
      'hunter2',
      '{"secretId":"a","secretKey":"hunter2"}',
      '[{"secretId":"a","secretKey":"hunter2"},{"secretId":"a","secretKey":"hunter2"}]',
      '[{"secretKey":"hunter2"}]',
    ],
    REDIS_URL: ['http://:hunter2@cache:6379', 'redis://u:hunter2@cache :1', 'redis//:hunter2@x'],
  };

  it('names a bad secret and never shows it', () => {
    expect(Object.keys(SECRET_VALUES).sort()).toEqual(
      ENTRIES.filter(([, setting]) => setting.secret)
        .map(([name]) => name)
        .sort(),
    );
    for (const [name, values] of Object.entries(SECRET_VALUES)) {
      for (const value of values) {
        const problems = problemsOf({ ...BASE, [name]: value });
        expect(problems.length, value).toBeGreaterThan(0);
        expect(
          problems.every((problem) => problem.startsWith(name)),
          value,
        ).toBe(true);
        expect(problems.join('\n'), value).not.toMatch(/hunter2/);
      }
    }
  });

  it('a refused value counts as its default when settings are checked against each other', () => {
    // TLS_PORT's default 8443 is PORT's value, but TLS_PORT's own value was refused: one problem, not two.
    expect(problemsOf({ ...BASE, PORT: '8443', TLS_PORT: 'x', TLS_CERT_FILE: '/c', TLS_KEY_FILE: '/k' })).toEqual([
      'TLS_PORT must be an integer from 0 to 65535, got "x"',
    ]);
    expect(problemsOf({ ...BASE, PORT: '9000', TLS_PORT: '9000', TLS_CERT_FILE: '/c', TLS_KEY_FILE: '/k' })).toEqual([
      'TLS_PORT and PORT are both 9000: TLS needs a port of its own',
    ]);
    expect(problemsOf({ ...BASE, ACTION_ROUTES: 'nonsense' })).toHaveLength(1);
  });
});

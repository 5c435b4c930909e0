/**
 * NAME_FILE: a secret read from a mounted file, trimmed; never with NAME beside it; a file that
 * cannot be read is named with its path and reason, and a Worker (no files) is told to use a secret.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { settingText } from '../../src/config/file-variants.js';
import { INVALID } from '../../src/config/setting.js';

const CREDENTIALS = '[{"secretId":"AKIDf","secretKey":"fromTheFile"}]';
const files: Record<string, string> = {
  '/run/secrets/credentials': `${CREDENTIALS}\n`,
  '/run/secrets/redis': 'redis://:pw@cache:6379\n',
  '/run/secrets/blank': ' \n',
};
const readFile = (path: string): string => {
  if (path in files) return files[path]!;
  throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
};

function problemsOf(env: Record<string, string>, onWorker = false): readonly string[] {
  try {
    loadConfig(env, onWorker ? undefined : readFile);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('NAME_FILE', () => {
  it('reads PROXY_CREDENTIALS_FILE and REDIS_URL_FILE, trimmed', () => {
    const config = loadConfig(
      { PROXY_CREDENTIALS_FILE: '/run/secrets/credentials', REDIS_URL_FILE: '/run/secrets/redis' },
      readFile,
    );
    expect(config.credentials).toEqual([{ secretId: 'AKIDf', secretKey: 'fromTheFile' }]);
    expect(config.redisUrl).toBe('redis://:pw@cache:6379');
  });

  it('refuses NAME and NAME_FILE together', () => {
    expect(problemsOf({ PROXY_CREDENTIALS: CREDENTIALS, PROXY_CREDENTIALS_FILE: '/run/secrets/credentials' })).toEqual([
      'PROXY_CREDENTIALS and PROXY_CREDENTIALS_FILE are both set: set one of them',
    ]);
  });

  it('names a missing or empty file by its path, once, and never quotes a content', () => {
    expect(problemsOf({ PROXY_CREDENTIALS_FILE: '/run/secrets/missing' })).toEqual([
      'PROXY_CREDENTIALS_FILE: cannot read /run/secrets/missing (ENOENT)',
    ]);
    expect(problemsOf({ PROXY_CREDENTIALS: CREDENTIALS, REDIS_URL_FILE: '/run/secrets/blank' })).toEqual([
      'REDIS_URL_FILE: /run/secrets/blank is empty',
    ]);
    const bad = problemsOf({ PROXY_CREDENTIALS_FILE: '/run/secrets/redis' }).join('\n');
    expect(bad).toMatch(/^PROXY_CREDENTIALS is not valid JSON at line 1, column 1/);
    expect(bad).not.toContain('pw@');
  });

  it('on a Worker (no readFile), says to use a secret instead', () => {
    expect(problemsOf({ PROXY_CREDENTIALS_FILE: '/run/secrets/credentials' }, true)).toEqual([
      'PROXY_CREDENTIALS_FILE needs a file system: on a Worker, set PROXY_CREDENTIALS as a secret',
    ]);
  });

  it('an empty NAME_FILE is unset, so NAME counts', () => {
    expect(settingText('REDIS_URL', { REDIS_URL_FILE: ' ', REDIS_URL: 'redis://r' }, readFile, [])).toBe('redis://r');
    expect(settingText('REDIS_URL', { REDIS_URL_FILE: '/nope' }, readFile, [])).toBe(INVALID);
  });
});

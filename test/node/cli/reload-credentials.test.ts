/**
 * SIGHUP's credential reload, in-process: the whole configuration read again and checked before
 * anything changes; the callers replaced; the log says who came, went or changed keys (by
 * SecretId, never a key), and which other settings changed without effect until a restart.
 */
import { describe, expect, it } from 'vitest';
import { createReloadableKeyring } from '../../../src/core/legacy/reloadable-keyring.js';
import { effectiveSettings } from '../../../src/config/effective-settings.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { readTextFile, type Environment } from '../../../src/node/cli/env-file.js';
import { credentialsReloader } from '../../../src/node/cli/reload-credentials.js';
import { captureLog } from '../../helpers/log-capture.js';

const callers = (...pairs: [string, string][]) =>
  JSON.stringify(pairs.map(([secretId, secretKey]) => ({ secretId, secretKey })));

function setUp(first: Record<string, string>) {
  let env: Record<string, string> = first;
  const environment = (): Environment => ({ env, fromFile: new Set() });
  const config = loadConfig(env);
  const keyring = createReloadableKeyring(config.credentials);
  const log = captureLog();
  const reload = credentialsReloader({
    environment,
    keyring,
    logger: log.logger,
    credentials: config.credentials,
    settings: effectiveSettings(env, readTextFile),
  });
  return { keyring, log, reload, change: (next: Record<string, string>) => void (env = next) };
}

describe('credentialsReloader', () => {
  it('replaces the callers and logs the differences by SecretId only', () => {
    const { keyring, log, reload, change } = setUp({
      PROXY_CREDENTIALS: callers(['AKIDa', 'keyA1'], ['AKIDb', 'keyB']),
    });
    change({ PROXY_CREDENTIALS: callers(['AKIDa', 'keyA2'], ['AKIDc', 'keyC']) });
    expect(reload()).toBe(true);
    expect(keyring.find('AKIDb')).toBeUndefined();
    expect(keyring.find('AKIDa')?.secretKey).toBe('keyA2');
    expect(keyring.find('AKIDc')).toBeDefined();
    expect(log.records()).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'PROXY_CREDENTIALS reloaded',
        callers: 2,
        added: ['AKIDc'],
        removed: ['AKIDb'],
        changed: ['AKIDa'],
      }),
    ]);
    expect(log.lines.join('\n')).not.toMatch(/keyA|keyB|keyC/);
  });

  it('changes nothing when the configuration read again is not valid, and says why at error', () => {
    const { keyring, log, reload, change } = setUp({ PROXY_CREDENTIALS: callers(['AKIDa', 'keyA']) });
    change({ PROXY_CREDENTIALS: '[{"secretId":"AKIDa","secretKey":"hunter2"' });
    expect(reload()).toBe(false);
    expect(keyring.find('AKIDa')?.secretKey).toBe('keyA');
    const [line] = log.records();
    expect(line).toMatchObject({ level: 50, msg: expect.stringContaining('not reloaded') });
    expect(line!.problems).toEqual([expect.stringMatching(/^PROXY_CREDENTIALS is not valid JSON at line 1/)]);
    expect(log.lines.join('\n')).not.toContain('hunter2');
  });

  it('names the other settings that changed: they wait for a restart', () => {
    const { log, reload, change } = setUp({ PROXY_CREDENTIALS: callers(['AKIDa', 'k']), PORT: '8787' });
    change({ PROXY_CREDENTIALS: callers(['AKIDa', 'k']), PORT: '9000', LOG_LEVEL: 'debug' });
    reload();
    expect(log.records()).toEqual([
      expect.objectContaining({ msg: 'PROXY_CREDENTIALS reloaded', added: [], removed: [], changed: [] }),
      expect.objectContaining({ level: 40, settings: ['PORT', 'LOG_LEVEL'] }),
    ]);
  });
});

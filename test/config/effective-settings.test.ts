/**
 * The settings as they will run, for check-config and SIGHUP: every setting once, where it came
 * from, and a shown value with every key masked (SecretIds stay).
 */
import { describe, expect, it } from 'vitest';
import { effectiveSettings, MASK } from '../../src/config/effective-settings.js';
import { SETTINGS } from '../../src/config/schema.js';

const noFiles = (): string => {
  throw new Error('ENOENT');
};
const rows = (env: Record<string, string>, readFile = noFiles, fromEnvFile = new Set<string>()) =>
  Object.fromEntries(effectiveSettings(env, readFile, fromEnvFile).map((s) => [s.name, s]));

describe('effectiveSettings', () => {
  it('has every setting of the schema, its default where unset', () => {
    const all = effectiveSettings({}, noFiles);
    expect(all.map((s) => s.name)).toEqual(Object.keys(SETTINGS));
    expect(rows({}).PORT).toMatchObject({ text: '8787', shown: '8787', from: 'default' });
  });

  it('says where each value came from: the environment, the env file, a NAME_FILE', () => {
    const found = rows(
      { PORT: '9000', HOST: '127.0.0.1', PROXY_CREDENTIALS_FILE: '/s/c' },
      () => '[{"secretId":"AKIDa","secretKey":"k"}]',
      new Set(['HOST']),
    );
    expect(found.PORT!.from).toBe('environment');
    expect(found.HOST!.from).toBe('env file');
    expect(found.PROXY_CREDENTIALS!.from).toBe('file /s/c');
  });

  it('masks SecretKeys (upstream ones too) and keeps SecretIds', () => {
    const text = JSON.stringify([
      { secretId: 'AKIDa', secretKey: 'hunter2', upstream: { secretId: 'AKIDu', secretKey: 'hunter3' } },
    ]);
    const { shown, text: raw } = rows({ PROXY_CREDENTIALS: text }).PROXY_CREDENTIALS!;
    expect(raw).toBe(text);
    expect(JSON.parse(shown)).toEqual([
      { secretId: 'AKIDa', secretKey: MASK, upstream: { secretId: 'AKIDu', secretKey: MASK } },
    ]);
  });

  it.each([
    ['a broken JSON', '[{"secretId":"a","secretKey":"hunter2"'],
    ['a number for a key', '[{"secretId":"a","secretKey":12345678}]'],
    ['a differently spelled key', '[{"secretId":"a","SecretKey":"hunter2","token":"hunter2"}]'],
  ])('never shows a key in %s', (_name, value) => {
    expect(rows({ PROXY_CREDENTIALS: value }).PROXY_CREDENTIALS!.shown).not.toMatch(/hunter2|12345678/);
  });

  it("masks a Redis URL's password (or a user name alone)", () => {
    expect(rows({ REDIS_URL: 'redis://:hunter2@cache:6379/1' }).REDIS_URL!.shown).toBe(`redis://:${MASK}@cache:6379/1`);
    expect(rows({ REDIS_URL: 'rediss://hunter2@cache:6380' }).REDIS_URL!.shown).toBe(`rediss://${MASK}@cache:6380`);
    expect(rows({ REDIS_URL: 'redis://cache:6379' }).REDIS_URL!.shown).toBe('redis://cache:6379');
    expect(rows({ REDIS_URL: 'redis://:hun ter2@x' }).REDIS_URL!.shown).not.toContain('ter2');
  });
});

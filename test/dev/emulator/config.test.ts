import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../../dev/emulator/accounts.js';
import { loadEmulatorConfig } from '../../../dev/emulator/config.js';

describe('loadEmulatorConfig', () => {
  it('defaults to 127.0.0.1:9000 and the demo accounts', () => {
    expect(loadEmulatorConfig({})).toEqual({
      port: 9000,
      hostname: '127.0.0.1',
      accounts: DEMO_ACCOUNTS,
      demoAccounts: true,
    });
  });

  it('reads EMULATOR_PORT, EMULATOR_HOST and EMULATOR_ACCOUNTS', () => {
    const accounts = [
      { secretId: 'AKIDX', secretKey: 'k', uin: '1' },
      { secretId: 'AKIDY', secretKey: 'k2', uin: '2', token: 't' },
    ];
    const config = loadEmulatorConfig({
      EMULATOR_PORT: '0',
      EMULATOR_HOST: '0.0.0.0',
      EMULATOR_ACCOUNTS: JSON.stringify(accounts),
    });
    expect(config).toEqual({ port: 0, hostname: '0.0.0.0', accounts, demoAccounts: false });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every problem at once, naming the variable', () => {
    const accounts = [
      { secretId: 'AKIDX', secretKey: '', uin: 1 },
      { secretId: 'AKIDY', secretKey: 'k', uin: '2', token: 5 },
    ];
    const load = () => loadEmulatorConfig({ EMULATOR_PORT: 'ninety', EMULATOR_ACCOUNTS: JSON.stringify(accounts) });
    expect(load).toThrow(/EMULATOR_PORT: `ninety`/);
    expect(load).toThrow(/EMULATOR_ACCOUNTS\[0\]: secretKey, uin must be non-empty strings/);
    expect(load).toThrow(/EMULATOR_ACCOUNTS\[1\]: token must be a string/);
  });

  it.each([
    ['not JSON', '[{'],
    ['not an array', '{"secretId":"a"}'],
    ['an empty array', '[]'],
  ])('rejects EMULATOR_ACCOUNTS that is %s', (_name, raw) => {
    expect(() => loadEmulatorConfig({ EMULATOR_ACCOUNTS: raw })).toThrow(/EMULATOR_ACCOUNTS/);
  });

  it('rejects a SecretId given twice and a port out of range', () => {
    const twice = JSON.stringify([
      { secretId: 'A', secretKey: 'k', uin: '1' },
      { secretId: 'A', secretKey: 'k', uin: '2' },
    ]);
    expect(() => loadEmulatorConfig({ EMULATOR_ACCOUNTS: twice })).toThrow(/appears twice/);
    expect(() => loadEmulatorConfig({ EMULATOR_PORT: '70000' })).toThrow(/EMULATOR_PORT/);
  });
});

describe('EMULATOR_FAULT and denied accounts', () => {
  it('reads a fault plan and a denied account', () => {
    const config = loadEmulatorConfig({
      EMULATOR_FAULT: 'slow:0.5:200',
      EMULATOR_ACCOUNTS: '[{"secretId":"AKIDx","secretKey":"k","uin":"1","denied":true}]',
    });
    expect(config.fault).toEqual({ kind: 'slow', probability: 0.5, delayMs: 200 });
    expect(config.accounts[0]).toMatchObject({ secretId: 'AKIDx', denied: true });
  });

  it('names a bad fault plan', () => {
    expect(() => loadEmulatorConfig({ EMULATOR_FAULT: 'explode' })).toThrow(
      /EMULATOR_FAULT: kind must be one of reset, hang/,
    );
    expect(() => loadEmulatorConfig({ EMULATOR_FAULT: 'reset:2' })).toThrow(
      /EMULATOR_FAULT: probability must be from 0 to 1/,
    );
  });
});

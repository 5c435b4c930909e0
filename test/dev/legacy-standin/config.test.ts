/** The stand-in's start-up configuration: PORT, HOST, and the modes to start in, every problem at once. */
import { describe, expect, it } from 'vitest';
import { loadStandinConfig } from '../../../dev/legacy-standin/config.js';

describe('loadStandinConfig: what main.ts starts with', () => {
  it('defaults to 127.0.0.1:9100 with no modes, and lists every bad variable at once', () => {
    expect(loadStandinConfig({})).toEqual({ port: 9100, hostname: '127.0.0.1', disagree: 'none', fail: 'none' });
    expect(loadStandinConfig({ PORT: '0', STANDIN_DISAGREE: 'drop-image' })).toMatchObject({
      port: 0,
      disagree: 'drop-image',
    });
    expect(() => loadStandinConfig({ PORT: '70000', STANDIN_DISAGREE: 'x', STANDIN_FAIL: 'y' })).toThrow(
      /PORT[\s\S]*STANDIN_DISAGREE[\s\S]*STANDIN_FAIL/,
    );
  });
});

describe('loadStandinConfig', () => {
  it('reads HOST and both modes, and is frozen', () => {
    const config = loadStandinConfig({
      HOST: '0.0.0.0',
      PORT: '65535',
      STANDIN_DISAGREE: 'total-count',
      STANDIN_FAIL: 'hang',
    });
    expect(config).toEqual({ port: 65535, hostname: '0.0.0.0', disagree: 'total-count', fail: 'hang' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each(['-1', '1.5', '65536', '123456', 'x'])('refuses PORT=%s', (port) => {
    expect(() => loadStandinConfig({ PORT: port })).toThrow(/^Invalid legacy stand-in configuration:\n {2}PORT: /);
  });

  it('takes empty variables as unset', () => {
    expect(loadStandinConfig({ PORT: '', HOST: '', STANDIN_DISAGREE: '', STANDIN_FAIL: '' })).toEqual({
      port: 9100,
      hostname: '127.0.0.1',
      disagree: 'none',
      fail: 'none',
    });
  });
});

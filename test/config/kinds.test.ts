import { describe, expect, it } from 'vitest';
import { integer, onOff, oneOf } from '../../src/config/kinds.js';
import { INVALID, type Kind } from '../../src/config/setting.js';

function parse<T>(kind: Kind<T>, text: string): { value: T | typeof INVALID; problems: string[] } {
  const problems: string[] = [];
  return { value: kind.parse(text, 'X', problems), problems };
}

describe('kinds', () => {
  it.each([
    ['0', 0],
    ['65535', 65535],
    ['08', 8],
  ])('integer(0, 65535) takes %s', (text, value) => {
    expect(parse(integer(0, 65535), text)).toEqual({ value, problems: [] });
  });

  it.each(['65536', '-1', '1.5', '1e3', '0x10', 'x'])('integer(0, 65535) refuses %s', (text) => {
    expect(parse(integer(0, 65535), text)).toEqual({
      value: INVALID,
      problems: [`X must be an integer from 0 to 65535, got "${text}"`],
    });
  });

  it('oneOf and onOff take their words only (oneOf in any case)', () => {
    expect(parse(oneOf(['a', 'b']), 'b')).toEqual({ value: 'b', problems: [] });
    expect(parse(oneOf(['a', 'b']), 'B')).toEqual({ value: 'b', problems: [] });
    expect(parse(oneOf(['a', 'b']), 'C')).toEqual({ value: INVALID, problems: ['X must be one of a, b, got "C"'] });
    expect(parse(onOff, 'off')).toEqual({ value: false, problems: [] });
    expect(parse(onOff, 'yes')).toEqual({ value: INVALID, problems: ['X must be on or off, got "yes"'] });
  });

  it('quotes a long bad value clipped', () => {
    expect(parse(oneOf(['a']), 'z'.repeat(100)).problems[0]).toBe(`X must be one of a, got "${'z'.repeat(40)}…"`);
  });

  it('says what it accepts, for the page', () => {
    expect([integer(1, 10).accepts, oneOf(['a', 'b']).accepts, onOff.accepts]).toEqual([
      'integer 1–10',
      '`a`, `b`',
      '`on` or `off`',
    ]);
  });
});

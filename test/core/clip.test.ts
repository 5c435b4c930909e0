/** Client input in messages and logs: recognisable, never whole when oversized. */
import { describe, expect, it } from 'vitest';
import { clip } from '../../src/core/clip.js';

describe('clip', () => {
  it.each([
    ['', ''],
    ['short', 'short'],
    ['x'.repeat(40), 'x'.repeat(40)],
    ['x'.repeat(41), `${'x'.repeat(40)}…`],
  ])('%j → %j', (text, expected) => {
    expect(clip(text)).toBe(expected);
  });

  it('takes another bound', () => {
    expect(clip('abcdef', 3)).toBe('abc…');
    expect(clip('abc', 3)).toBe('abc');
  });
});

/** A table lookup that client input cannot turn into a prototype lookup. */
import { describe, expect, it } from 'vitest';
import { lookup } from '../../src/core/lookup.js';

const TABLE: Readonly<Record<string, number>> = { gz: 1, sh: 2 };

describe('lookup', () => {
  it("finds the table's own keys", () => {
    expect(lookup(TABLE, 'gz')).toBe(1);
    expect(lookup(TABLE, 'sh')).toBe(2);
  });

  it.each(['bj', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'GZ'])('%j is not in it', (key) => {
    expect(lookup(TABLE, key)).toBeUndefined();
  });
});

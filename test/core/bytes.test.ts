/** Byte chunks joined as one array, in order, with or without their counted size. */
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../src/core/bytes.js';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('concatBytes', () => {
  it('joins the chunks in order', () => {
    expect(concatBytes([bytes(1, 2), bytes(), bytes(3)])).toEqual(bytes(1, 2, 3));
  });

  it('takes a size the caller counted', () => {
    expect(concatBytes([bytes(4), bytes(5, 6)], 3)).toEqual(bytes(4, 5, 6));
  });

  it('gives an empty array for no chunks', () => {
    expect(concatBytes([])).toEqual(new Uint8Array());
  });
});

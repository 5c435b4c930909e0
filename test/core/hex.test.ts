import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/core/hex.js';

describe('toHex', () => {
  it("agrees with Node's own hex for every byte value and for a digest", () => {
    const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(toHex(everyByte)).toBe(Buffer.from(everyByte).toString('hex'));
    const digest = createHash('sha256').update('legacy').digest();
    expect(toHex(digest)).toBe(createHash('sha256').update('legacy').digest('hex'));
    expect(toHex(new Uint8Array())).toBe('');
  });
});

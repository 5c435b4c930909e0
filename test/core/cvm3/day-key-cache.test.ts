import { describe, expect, it } from 'vitest';
import { createDayKeyCache } from '../../../src/core/cvm3/day-key-cache.js';

describe('createDayKeyCache', () => {
  it('derives once per key, date and service; a new date starts afresh; it stays bounded', () => {
    const derived: string[] = [];
    const key = createDayKeyCache(
      (secretKey, date, service) => (derived.push(`${secretKey}/${date}/${service}`), derived.length),
      2,
    );
    expect(key('k', '2026-11-29', 'cvm')).toBe(1);
    expect(key('k', '2026-11-29', 'cvm')).toBe(1);
    expect(key('k', '2026-11-29', '127')).toBe(2);
    expect(key('k', '2026-11-30', 'cvm')).toBe(3);
    key('a', '2026-11-30', 'cvm');
    key('b', '2026-11-30', 'cvm'); // past the bound of 2: the map starts over
    expect(key('k', '2026-11-30', 'cvm')).toBe(6);
  });
});

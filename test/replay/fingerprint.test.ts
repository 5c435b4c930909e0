import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprint64 } from '../../src/replay/fingerprint.js';

const of = (text: string, seed: number) => {
  const out = new Int32Array(2);
  fingerprint64(text, seed, out);
  return `${out[0]}:${out[1]}`;
};

describe('fingerprint64', () => {
  it('is a function of the text and the seed', () => {
    expect(of('4f2a', 1)).toBe(of('4f2a', 1));
    expect(of('4f2a', 1)).not.toBe(of('4f2a', 2));
    expect(of('4f2a', 1)).not.toBe(of('4f2b', 1));
    expect(of('', 1)).not.toBe(of('0', 1));
  });

  it('gives 300,000 random signatures 300,000 fingerprints, spread evenly over buckets', () => {
    const seen = new Set<string>();
    const buckets = new Uint32Array(1024);
    const out = new Int32Array(2);
    const bytes = randomBytes(32 * 300_000);
    for (let i = 0; i < 300_000; i++) {
      fingerprint64(bytes.toString('hex', i * 32, i * 32 + 32), 99, out);
      seen.add(`${out[0]}:${out[1]}`);
      buckets[out[1]! & 1023]! += 1;
    }
    expect(seen.size).toBe(300_000);
    // About 293 a bucket; a fair hash stays within a few standard deviations (~17).
    expect(Math.max(...buckets)).toBeLessThan(400);
    expect(Math.min(...buckets)).toBeGreaterThan(190);
  });

  it('tells apart ids that differ in one character or in their order', () => {
    const seen = new Set<string>();
    const base = 'a'.repeat(40);
    for (let at = 0; at < 40; at++)
      for (const c of '0123456789bcdef') seen.add(of(base.slice(0, at) + c + base.slice(at + 1), 5));
    expect(seen.size).toBe(40 * 15);
    expect(of('ab'.repeat(20), 5)).not.toBe(of('ba'.repeat(20), 5));
  });
});

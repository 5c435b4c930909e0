/** The table `npm run bench` ends with: each goal met, not met, or not measured in the run. */
import { describe, expect, it } from 'vitest';
import { goals, goalsTable } from '../../scripts/bench/goals.js';

const sustained = { seconds: 310, perSecond: 5042, refused: 0, peakRssMb: 140 };
const full = {
  uncachedRatio: 1.05,
  cacheHitRatio: 2.05,
  callsPerCachedRequest: 0,
  proxyPeakRssMb: 130,
  connections: 50,
  sustained,
};

describe('the bench against the goals', () => {
  it('says met for figures within every goal', () => {
    expect(goals(full).map((g) => g.met)).toEqual([true, true, true, true, true]);
    expect(goalsTable(full)).not.toContain('not met');
  });

  it('says not met at the first figure past a goal, each goal on its own', () => {
    expect(goals({ ...full, uncachedRatio: 0.69 })[0]!.met).toBe(false);
    expect(goals({ ...full, cacheHitRatio: 1.49 })[1]!.met).toBe(false);
    expect(goals({ ...full, callsPerCachedRequest: 0.051 })[2]!.met).toBe(false);
    expect(goals({ ...full, proxyPeakRssMb: 151 })[3]!.met).toBe(false);
    expect(goals({ ...full, cacheHitRatio: 1.49 }).filter((g) => !g.met)).toHaveLength(1);
  });

  it('holds the sustained run to the window, the rate, no 4400 and the memory goal', () => {
    const met = (s: Partial<typeof sustained>) => goals({ ...full, sustained: { ...sustained, ...s } })[4]!.met;
    expect(met({})).toBe(true);
    expect(met({ seconds: 301 })).toBe(false);
    expect(met({ perSecond: 4_999 })).toBe(false);
    expect(met({ refused: 1 })).toBe(false);
    expect(met({ peakRssMb: 151 })).toBe(false);
  });

  it('marks what the run left out as not measured, never as met', () => {
    const table = goalsTable({ connections: 50 });
    expect(table.match(/not measured in this run/g)).toHaveLength(5);
    expect(table).not.toMatch(/\| met \|/);
  });
});

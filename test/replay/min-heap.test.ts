import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../src/replay/min-heap.js';

describe('MinHeap', () => {
  it('gives back what it was given, smallest first, with pushes between pops', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.constant('pop' as const))), (steps) => {
        const heap = new MinHeap();
        const model: number[] = [];
        for (const step of steps) {
          if (step === 'pop') {
            model.sort((a, b) => a - b);
            expect(heap.pop()).toBe(model.shift());
          } else {
            heap.push(step);
            model.push(step);
          }
          expect(heap.size).toBe(model.length);
          expect(heap.peek()).toBe(model.length ? Math.min(...model) : Infinity);
        }
      }),
    );
  });
});

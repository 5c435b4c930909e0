/**
 * How V8 sizes a serving proxy's heap (docs/performance.md#memory). Left to itself, V8 lets the old
 * generation grow to about four times what survived its last full collection before it collects
 * again: the proxy's requests, alive across a scavenge or two, are promoted there and die soon
 * after, so its peak RSS at 50 connections sat near 150 MB for ~15 MB that is really alive.
 * Growing by half what survived keeps it near 115 MB (doubling: ~125 MB, for the same GC CPU as
 * V8's default; by half costs ~2 points more of GC). By half, because the replay store's ~45 MB at
 * 5,000 signed requests a second for a whole window sits on top: 146 MB at its peak, where
 * doubling gave 153 MB (docs/performance.md#sustained).
 *
 * Not a cap (`--max-old-space-size`): a cap is a crash once the scan cache and the live requests
 * need more (CACHE_MAX_IMAGES alone allows ~230 MB), where this only collects sooner. Not a smaller
 * young generation either: that promotes more and costs ~30% CPU. Set here, at the start of the
 * Node entry point, so it holds however the proxy is started (npm start, the container, a CLI).
 */
import { setFlagsFromString } from 'node:v8';

/** The old generation may grow to (1 + this / 100) times what survived the last full collection. */
export const HEAP_GROWING_PERCENT = 50;

export function sizeHeapForServing(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

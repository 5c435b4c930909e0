/**
 * How V8 sizes a serving proxy's heap (docs/performance.md#memory). Left to itself, V8 lets the old
 * generation grow to about four times what survived its last full collection before it collects
 * again: the proxy's requests, alive across a scavenge or two, are promoted there and die soon
 * after, so its peak RSS at 50 connections sat near 150 MB for ~15 MB that is really alive.
 * Doubling instead keeps the peak near 125 MB for the same GC CPU (measured: 14% of the CPU either
 * way; growing by half gives ~115 MB for ~2 points more).
 *
 * Not a cap (`--max-old-space-size`): a cap is a crash once the scan cache and the live requests
 * need more (CACHE_MAX_IMAGES alone allows ~230 MB), where this only collects sooner. Not a smaller
 * young generation either: that promotes more and costs ~30% CPU. Set here, at the start of the
 * Node entry point, so it holds however the proxy is started (npm start, the container, a CLI).
 */
import { setFlagsFromString } from 'node:v8';

/** The old generation may grow to (1 + this / 100) times what survived the last full collection. */
export const HEAP_GROWING_PERCENT = 100;

export function sizeHeapForServing(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

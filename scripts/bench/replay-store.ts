/**
 * The in-memory replay store under a sustained load, with a simulated clock: RATE signed requests
 * a second (default 5,000, spread over CALLERS callers) for SECONDS seconds (default 320, a whole
 * 301 s window and more), each remembered as the gateway does. Prints the cost of a remember, the
 * peak entry count, bytes per entry, and the heap and ArrayBuffer memory at ~1.5 M entries.
 *
 *   npx tsx scripts/bench/replay-store.ts
 *   RATE=8000 SECONDS=320 MAX_ENTRIES=3000000 npx tsx scripts/bench/replay-store.ts
 */
import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createMemoryReplayStore } from '../../src/replay/memory-replay-store.js';
import type { ReplayVerdict } from '../../src/replay/replay-store.js';

const RATE = Number(process.env.RATE ?? 5_000);
const SECONDS = Number(process.env.SECONDS ?? 320);
const MAX_ENTRIES = Number(process.env.MAX_ENTRIES ?? 1_600_000);
const CALLERS = Array.from({ length: Number(process.env.CALLERS ?? 4) }, (_, i) => `AKIDBENCH${i}`);
const WINDOW_SECONDS = 300;
const MiB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

gc();
const before = process.memoryUsage();
let now = Date.UTC(2026, 0, 1);
const start = now;
const store = createMemoryReplayStore({ maxEntries: MAX_ENTRIES, callers: CALLERS, now: () => now });
const verdicts = new Map<ReplayVerdict, number>();
let cpuMicros = 0;
let wallMs = 0;
let slowestBatchCpuMs = 0;
let atWindow: { memory: NodeJS.MemoryUsage; entries: number; bytes: number } | undefined;

for (let second = 0; second < SECONDS; second++) {
  // Signatures as the gateway hands them over: random bytes as one flat hex string (untimed).
  const raw = randomBytes(32 * RATE);
  const ids = Array.from({ length: RATE }, (_, i) => raw.toString('hex', i * 32, i * 32 + 32));
  const cpu = process.cpuUsage();
  const wall = performance.now();
  for (let i = 0; i < RATE; i++) {
    now = start + second * 1_000 + Math.floor((i * 1_000) / RATE);
    const expiresAt = (Math.floor(now / 1_000) + WINDOW_SECONDS + 1) * 1_000;
    const verdict = store.remember(CALLERS[i % CALLERS.length]!, ids[i]!, expiresAt);
    verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
  }
  const batchMs = performance.now() - wall;
  const used = process.cpuUsage(cpu);
  cpuMicros += used.user + used.system;
  wallMs += batchMs;
  slowestBatchCpuMs = Math.max(slowestBatchCpuMs, (used.user + used.system) / 1_000);
  if (second === WINDOW_SECONDS + 2) {
    gc();
    atWindow = { memory: process.memoryUsage(), entries: store.stats().entries, bytes: store.stats().bytes };
  }
}

const stats = store.stats();
const remembered = RATE * SECONDS;
console.log(
  `replay store: ${RATE} remembers a simulated second for ${SECONDS} s, ${CALLERS.length} callers, maxEntries ${MAX_ENTRIES}`,
);
console.log(`  verdicts               ${[...verdicts].map(([v, n]) => `${v} ${n}`).join(', ')}`);
console.log(
  `  per remember           ${((cpuMicros * 1_000) / remembered).toFixed(0)} ns CPU, ${((wallMs * 1e6) / remembered).toFixed(0)} ns wall`,
);
// CPU time, not wall: on a shared machine a batch's wall time is mostly other processes' turns.
console.log(`  slowest second         ${slowestBatchCpuMs.toFixed(1)} ms CPU for ${RATE} remembers`);
console.log(`  peak entries           ${stats.peakEntries}`);
console.log(`  rows swept             ${stats.sweptRows}`);
if (atWindow) {
  const { memory, entries, bytes } = atWindow;
  const heap = memory.heapUsed - before.heapUsed;
  const buffers = memory.arrayBuffers - before.arrayBuffers;
  console.log(`  at ${entries} entries:`);
  console.log(`    store's typed arrays ${mib(bytes)} (${(bytes / entries).toFixed(1)} bytes an entry)`);
  console.log(
    `    heapUsed +${mib(heap)}, arrayBuffers +${mib(buffers)}: ${((heap + buffers) / entries).toFixed(1)} bytes an entry`,
  );
  console.log(`    rss ${mib(memory.rss)} (was ${mib(before.rss)} before the store)`);
}

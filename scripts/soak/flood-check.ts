/**
 * For `npm run soak`: a legitimate caller's latency, alone and under a flood of unsigned 64 KiB
 * requests from another process. One probe at a time, a signed DescribeImages and a /healthz in
 * turn, so that the figures are latencies, not throughput.
 */
import { finished, spawnEntry, waitForLine } from '../../dev/support/run-script.js';

export interface Latencies {
  readonly describeImages: { p50: number; p99: number };
  readonly healthz: { p50: number; p99: number };
  readonly probes: number;
}

export interface FloodFigures {
  readonly alone: Latencies;
  readonly flooded: Latencies;
  readonly floodRequests: number;
  readonly floodSeconds: number;
}

/** `describeImages` sends one signed request and resolves with its legacy code. */
export async function floodCheck(
  url: string,
  describeImages: () => Promise<number>,
  seconds: number,
  connections = 24,
): Promise<FloodFigures> {
  const alone = await probe(url, describeImages, seconds);
  const flooder = spawnEntry('scripts/soak/flooder.ts', [url, String(connections), String(seconds + 1)], {});
  const done = finished(flooder);
  await waitForLine(flooder, /flooding/);
  const flooded = await probe(url, describeImages, seconds);
  const { stdout } = await done;
  const floodRequests = Number(/sent (\d+)/.exec(stdout)?.[1] ?? 0);
  return { alone, flooded, floodRequests, floodSeconds: seconds + 1 };
}

async function probe(url: string, describeImages: () => Promise<number>, seconds: number): Promise<Latencies> {
  const described: number[] = [];
  const health: number[] = [];
  for (const until = Date.now() + seconds * 1000; Date.now() < until;) {
    let started = performance.now();
    const code = await describeImages();
    if (code !== 0) throw new Error(`a good DescribeImages got ${code} in the flood check`);
    described.push(performance.now() - started);
    started = performance.now();
    await (await fetch(`${url}/healthz`)).text();
    health.push(performance.now() - started);
  }
  return { describeImages: quantiles(described), healthz: quantiles(health), probes: described.length };
}

function quantiles(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

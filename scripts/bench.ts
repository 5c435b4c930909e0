/**
 * `npm run bench`: the proxy against a bare pass-through, side by side on this machine. The
 * servers run as their own processes pinned to core 0 (taskset, where present); the emulator and
 * autocannon share core 1. Rounds interleave A/B/A/B; each prints req/s, p50/p99 latency, the ratio
 * to the pass-through, upstream calls per legacy request, and peak RSS.
 *
 *   (a) the proxy translating DescribeImages, scan cache off (every request scans 3.0)
 *   (b) a bare hono pass-through with undici (the ceiling)
 *   (c) repeated identical queries, scan cache on (fresh signatures, same parameters)
 *   (d) a status-filtered query over an account with 500 private images, scan cache on
 *
 * BENCH_SECONDS (default 10 a round), BENCH_ROUNDS (default 2), BENCH_WARMUP_SECONDS (default 5, a case), BENCH_CONNECTIONS (default 50),
 * BENCH_CLIENT (sdk or undici, default undici), BENCH_CASES (letters, default abcd), BENCH_NODE_FLAGS
 * (V8 flags for the three servers under test, e.g. a heap size), BENCH_PROFILE=1
 * writes a CPU profile of the uncached proxy (run it with BENCH_CASES=a, or it is mostly idle).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { DEMO_ACCOUNT_A } from '../dev/emulator/accounts.js';
import { BENCH_ACCOUNT } from './bench/accounts.js';
import { summariseProfile } from './bench/profile.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Each server is driven this long, unmeasured, before the rounds: V8 tiers its hot code up meanwhile. */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const CLIENT = process.env.BENCH_CLIENT ?? 'undici';
const PROFILE = process.env.BENCH_PROFILE === '1';
/** Which cases to run, by letter (e.g. `a` alone, so that a profile of (a) shows only (a)). */
const ONLY = (process.env.BENCH_CASES ?? 'abcd').split('').filter(Boolean);
const pin = (core: number) => (existsSync('/usr/bin/taskset') ? ['taskset', '-c', String(core)] : []);

async function freePort(): Promise<number> {
  const server = createNetServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A server that prints nothing: started on a free port, ready once /healthz answers. */
async function startQuiet(command: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const [file, ...args] = command;
  const child = spawn(file!, args, { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp([url]);
  return { child, url };
}

function start(command: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const [file, ...args] = command;
  const child = spawn(file!, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', function first(chunk: Buffer) {
      const url = /http:\/\/[\d.:]+/.exec(chunk.toString())?.[0];
      if (url) {
        child.stdout!.off('data', first);
        child.stdout!.resume();
        resolve({ child, url });
      }
    });
    child.once('exit', (code) => reject(new Error(`${command.join(' ')} exited with ${code}`)));
  });
}

/** User + system CPU time of a process so far, in ms (/proc/PID/stat, in clock ticks of 10 ms). */
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

console.log('building…');
spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
const upstream = await start([...pin(1), process.execPath, '--import', 'tsx', 'scripts/bench/upstream.ts'], {});
const credentials = JSON.stringify([DEMO_ACCOUNT_A, BENCH_ACCOUNT].map(({ secretId, secretKey }) => ({ secretId, secretKey })));
// Measuring cost, not policy: the per-identity pace (40/s, 3.0's limit) would cap every case at 40 req/s.
const proxyEnv = {
  PORT: '0', HOST: '127.0.0.1', CVM_ENDPOINT: upstream.url, PROXY_CREDENTIALS: credentials, LOG_LEVEL: 'warn', UPSTREAM_CLIENT: CLIENT,
  UPSTREAM_RATE_PER_SECOND: '10000', UPSTREAM_MAX_CONCURRENCY: '1000', UPSTREAM_MAX_QUEUE: '100000', REPLAY_MAX_ENTRIES: '5000000',
};
const profileArgs = PROFILE ? ['--cpu-prof', '--cpu-prof-dir=profiles'] : [];
// (a) is the bare cost of translation: no cache, and no sharing of concurrent identical scans.
// BENCH_NODE_FLAGS (e.g. `--max-old-space-size=96`): V8 flags for the servers under test, all alike.
const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const uncached = await startQuiet([...pin(0), process.execPath, ...nodeFlags, ...profileArgs, 'build/node/main.js'], { ...proxyEnv, CACHE_TTL_MS: '0', SCAN_COALESCING: 'off' });
const cached = await startQuiet([...pin(0), process.execPath, ...nodeFlags, 'build/node/main.js'], { ...proxyEnv, CACHE_TTL_MS: '5000' });
const passthrough = await start([...pin(0), process.execPath, ...nodeFlags, '--import', 'tsx', 'scripts/bench/passthrough.ts'], { UPSTREAM_URL: upstream.url });
await waitUntilUp([passthrough.url]);

/** Unique signed GET paths (a replayed signature would be refused), made before the clock starts. */
function signedPaths(host: string, account: { secretId: string; secretKey: string }, params: Record<string, string>, count: number): string[] {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return Array.from({ length: count }, (_, i) => {
    const all: Record<string, string> = { Action: 'DescribeImages', Region: 'gz', SecretId: account.secretId, Timestamp: timestamp, Nonce: String(i + 1), ...params };
    const text = Object.keys(all).sort().map((k) => `${k}=${all[k]}`).join('&');
    const signature = createHmac('sha1', account.secretKey).update(`GET${host}/v2/index.php?${text}`).digest('base64');
    return `/v2/index.php?${new URLSearchParams({ ...all, Signature: signature })}`;
  });
}

interface Case { name: string; url: string; pid: number; paths?: () => string[] }
const host = (url: string) => new URL(url).host;
const cases: Case[] = [
  { name: '(a) translate, uncached', url: uncached.url, pid: uncached.child.pid!, paths: () => signedPaths(host(uncached.url), DEMO_ACCOUNT_A, { imageType: '2', limit: '20' }, 200_000) },
  { name: '(b) bare pass-through', url: passthrough.url, pid: passthrough.child.pid!, paths: () => ['/'] },
  { name: '(c) repeated identical', url: cached.url, pid: cached.child.pid!, paths: () => signedPaths(host(cached.url), DEMO_ACCOUNT_A, { imageType: '2', limit: '20' }, 200_000) },
  { name: '(d) status=2 over 500 private', url: cached.url, pid: cached.child.pid!, paths: () => signedPaths(host(cached.url), BENCH_ACCOUNT, { imageType: '1', status: '2', limit: '20' }, 200_000) },
];

const chosen = cases.filter((c) => ONLY.includes(c.name[1]!));

interface Result {
  reqPerSec: number; p50: number; p99: number; callsPerRequest: number; peakRssMb: number; non2xx: number; requests: number;
  /** CPU time per request of the server under test, and of the 3.0 emulator behind it: cost, whatever the bottleneck. */
  serverCpuUs: number; upstreamCpuUs: number;
}
const results = new Map<string, Result[]>();

async function runCase(c: Case, seconds = SECONDS): Promise<Result> {
  const paths = c.paths?.() ?? ['/'];
  let next = 0;
  const callsBefore = await upstreamCalls();
  const cpuBefore = { server: cpuMs(c.pid), upstream: cpuMs(upstream.child.pid!) };
  let peakRssMb = rssMb(c.pid);
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb(c.pid))), 100);
  const result = await autocannon({
    url: c.url, connections: CONNECTIONS, duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }],
  });
  clearInterval(sampler);
  const perRequestUs = (ms: number) => (ms * 1000) / Math.max(1, result.requests.total);
  const serverCpuUs = perRequestUs(cpuMs(c.pid) - cpuBefore.server);
  const upstreamCpuUs = perRequestUs(cpuMs(upstream.child.pid!) - cpuBefore.upstream);
  const calls = (await upstreamCalls()) - callsBefore;
  if (paths.length > 1 && next > paths.length) console.warn(`  ${c.name}: ran out of unique signatures (${next} > ${paths.length})`);
  return {
    reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total,
    callsPerRequest: calls / Math.max(1, result.requests.total), peakRssMb, non2xx: result.non2xx, serverCpuUs, upstreamCpuUs,
  };
}

async function upstreamCalls(): Promise<number> {
  return ((await (await fetch(`${upstream.url}/__calls`)).json()) as { calls: number }).calls;
}

async function waitUntilUp(urls: string[]): Promise<void> {
  for (const url of urls) {
    for (let i = 0; i < 100; i++) {
      if (await fetch(`${url}/healthz`).then(() => true, () => false)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

console.log(`bench: ${ROUNDS} rounds × ${chosen.length} cases × ${SECONDS} s, ${CONNECTIONS} connections, client ${CLIENT}, node ${process.version} ${nodeFlags.join(' ')}, ${existsSync('/usr/bin/taskset') ? 'servers pinned to core 0' : 'no taskset'}`);
if (WARMUP_SECONDS > 0) {
  for (const c of chosen) await runCase(c, WARMUP_SECONDS);
  console.log(`  warmed up: ${WARMUP_SECONDS} s a case, not counted`);
}
for (let round = 1; round <= ROUNDS; round++) {
  for (const c of chosen) {
    const result = await runCase(c);
    results.set(c.name, [...(results.get(c.name) ?? []), result]);
    console.log(`  round ${round} ${c.name.padEnd(32)} ${result.reqPerSec.toFixed(0).padStart(6)} req/s  server ${result.serverCpuUs.toFixed(0)} µs CPU/req  3.0 ${result.upstreamCpuUs.toFixed(0)} µs CPU/req  non-2xx ${result.non2xx}`);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ceiling = median(results.get('(b) bare pass-through')?.map((r) => r.reqPerSec) ?? [NaN]);
console.log(`\n| case | req/s | p50 ms | p99 ms | × pass-through | 3.0 calls / request | server CPU µs / request | 3.0 CPU µs / request | peak RSS MB |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|`);
for (const c of chosen) {
  const runs = results.get(c.name)!;
  const rps = median(runs.map((r) => r.reqPerSec));
  const calls = c.paths ? median(runs.map((r) => r.callsPerRequest)).toFixed(3) : '1';
  console.log(`| ${c.name} | ${rps.toFixed(0)} | ${median(runs.map((r) => r.p50))} | ${median(runs.map((r) => r.p99))} | ${(rps / ceiling).toFixed(2)} | ${calls} | ${median(runs.map((r) => r.serverCpuUs)).toFixed(0)} | ${median(runs.map((r) => r.upstreamCpuUs)).toFixed(0)} | ${Math.max(...runs.map((r) => r.peakRssMb)).toFixed(0)} |`);
}

for (const server of [uncached, cached, passthrough, upstream]) server.child.kill('SIGTERM');
if (PROFILE) {
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  console.log('\nCPU profile of (a), self time by function:');
  console.log(summariseProfile('profiles'));
}
process.exit(0);

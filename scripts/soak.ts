/**
 * `npm run soak`: a few minutes of mixed legacy traffic — good, bad, replayed, badly signed and
 * garbage — against the proxy (a separate Node process, as deployed) in front of the emulator,
 * with API 3.0 faults switched on and off as it runs, and waves of connections that never finish
 * their request. Then a legitimate caller's latency alone and under a flood of unsigned 64 KiB
 * requests. It prints what was served, answers by code, latency, the proxy's memory and file
 * descriptors, and fails (exit 1) on any HTTP 5xx, any answer that is not JSON, any 3.0 call made
 * for a request whose signature was wrong, a stalled connection the proxy did not let go, a peak
 * RSS over SOAK_MAX_RSS_MB, or a caller slowed by the flood more than SOAK_FLOOD_MAX_SLOWDOWN times.
 *
 * SOAK_SECONDS (default 180), SOAK_CONCURRENCY (default 16), SOAK_STALLED_WAVE (connections a
 * wave, default 1000, every 10 s; 0: none), SOAK_FLOOD_SECONDS (default 10; 0: no flood check),
 * SOAK_MAX_RSS_MB (default 400), SOAK_FLOOD_MAX_SLOWDOWN (p50 under the flood over p50 alone,
 * default 25: before the parameter cap a signed request took 2.8–5.5 s under such a flood).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { FaultPlan } from '../dev/emulator/faults.js';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B, type EmulatorAccount } from '../dev/emulator/accounts.js';
import { DEMO_CATALOGUE } from '../dev/emulator/catalogue.js';
import { startEmulatorServer } from '../dev/emulator/server.js';
import { signLegacyRequest } from '../dev/legacy-client/sign-request.js';
import { spawnEntry, waitForLine } from '../dev/support/run-script.js';
import { floodCheck } from './soak/flood-check.js';
import { startStalledWaves } from './soak/stalled-waves.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 16);
const STALLED_WAVE = Number(process.env.SOAK_STALLED_WAVE ?? 1000);
const STALLED_EVERY_MS = 10_000;
const FLOOD_SECONDS = Number(process.env.SOAK_FLOOD_SECONDS ?? 10);
const MAX_RSS_MB = Number(process.env.SOAK_MAX_RSS_MB ?? 400);
const FLOOD_MAX_SLOWDOWN = Number(process.env.SOAK_FLOOD_MAX_SLOWDOWN ?? 25);
/** Short, so that stalled connections come and go many times in a run. */
const CLIENT_TIMEOUT_MS = 5_000;
/** Requests from this caller are always signed with a wrong key: none may reach API 3.0. */
const BAD_SIGNER: EmulatorAccount = {
  secretId: 'AKIDSOAKBADSIGNATURE0000000000000001',
  secretKey: 'soakKeyKnownToTheProxyOnly0000001',
  uin: '100000000009',
};
const FAULTS: Array<FaultPlan | undefined> = [
  undefined,
  { kind: 'reset', probability: 0.2 },
  { kind: 'http500', probability: 0.2 },
  undefined,
  { kind: 'slow', probability: 0.3, delayMs: 400 },
  { kind: 'hang', probability: 0.05 },
  { kind: 'truncated', probability: 0.1 },
  { kind: 'rate-limit', probability: 0.3 },
  { kind: 'cut-body', probability: 0.2 },
];

const emulator = await startEmulatorServer({
  port: 0,
  accounts: [DEMO_ACCOUNT_A, DEMO_ACCOUNT_B, BAD_SIGNER],
  catalogue: DEMO_CATALOGUE,
});
const proxyProcess = spawnEntry('src/node/main.ts', [], {
  // No scan cache: every good request meets API 3.0, and so its faults (the cache would hide most).
  PORT: '0',
  HOST: '127.0.0.1',
  CVM_ENDPOINT: emulator.url,
  UPSTREAM_TIMEOUT_MS: '2000',
  LOG_LEVEL: 'info',
  CACHE_TTL_MS: '0',
  CLIENT_TIMEOUT_MS: String(CLIENT_TIMEOUT_MS),
  PROXY_CREDENTIALS: JSON.stringify(
    [DEMO_ACCOUNT_A, DEMO_ACCOUNT_B, BAD_SIGNER].map(({ secretId, secretKey }) => ({ secretId, secretKey })),
  ),
});
const exit = new Promise<{ code: number | null }>((resolve) => proxyProcess.once('exit', (code) => resolve({ code })));
const { url } = JSON.parse(await waitForLine(proxyProcess, /proxy listening/)) as { url: string };
// Its log is read and dropped from here on (the line reader rescans all it has read on every
// chunk), but for its count of connections refused past MAX_CONNECTIONS.
proxyProcess.stdout!.removeAllListeners('data');
let refusedConnections = 0;
proxyProcess.stdout!.on('data', (chunk: Buffer) => {
  for (const m of chunk.toString().matchAll(/"suppressed":(\d+),"msg":"connection refused: MAX_CONNECTIONS are open"/g))
    refusedConnections += 1 + Number(m[1]);
});
const host = new URL(url).host;
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${proxyProcess.pid}/status`, 'utf8'))?.[1]) / 1024;
const fds = () => readdirSync(`/proc/${proxyProcess.pid}/fd`).length;

const byCode = new Map<string, number>();
const latencies: number[] = [];
const problems = { http5xx: 0, notJson: 0 };
const replayable: Array<{ method: 'GET' | 'POST'; params: Record<string, string> }> = [];
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

async function oneRequest(): Promise<void> {
  const roll = Math.random();
  let method = pick(['GET', 'POST'] as const);
  let kind: string;
  let params: Record<string, string>;
  if (roll < 0.1 && replayable.length > 0) {
    kind = 'replay';
    ({ params, method } = pick(replayable));
  } else if (roll < 0.2) {
    kind = 'bad signature';
    params = await sign(method, { ...BAD_SIGNER, secretKey: 'wrong' }, { imageType: 1 });
  } else if (roll < 0.25) {
    kind = 'garbage';
    params = {
      [pick(['Action', 'imageType', 'x', ''])]: pick(['', '%', '1', 'DescribeImages', '\u0000', 'z'.repeat(3000)]),
    };
  } else if (roll < 0.4) {
    kind = 'bad parameters';
    const bad: Array<Record<string, string | number>> = [
      { imageType: 9 },
      { imageType: 1, limit: 500 },
      { imageType: 3 },
      { imageType: 1, 'imageIds.0': 'img-1' },
    ];
    params = await sign(method, pick([DEMO_ACCOUNT_A, DEMO_ACCOUNT_B]), pick(bad));
  } else {
    kind = 'good';
    params = await sign(method, pick([DEMO_ACCOUNT_A, DEMO_ACCOUNT_B]), {
      imageType: pick([1, 2, 4]),
      status: pick([0, 0, 1, 2, 3, 4]),
      offset: pick([0, 0, 20, 100]),
      limit: pick([1, 20, 100]),
    });
  }
  const started = performance.now();
  const form = new URLSearchParams(params).toString();
  let response: Response;
  let text: string;
  try {
    response =
      method === 'GET'
        ? await fetch(`${url}/v2/index.php?${form}`)
        : await fetch(`${url}/v2/index.php`, {
            method,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: form,
          });
    text = await response.text();
  } catch {
    problems.notJson += 1; // no answer at all is worse than a non-JSON one
    return;
  }
  latencies.push(performance.now() - started);
  if (response.status >= 500) problems.http5xx += 1;
  let code = 'not JSON';
  try {
    code = String(JSON.parse(text).code);
  } catch {
    problems.notJson += 1;
  }
  const key = `${kind} → ${code}`;
  byCode.set(key, (byCode.get(key) ?? 0) + 1);
  // Replayed only once answered: sent again before the proxy had seen it, it would be the first.
  if (kind === 'good' && replayable.length < 500) replayable.push({ method, params });
}

function sign(
  method: 'GET' | 'POST',
  account: { secretId: string; secretKey: string },
  params: Record<string, string | number>,
) {
  return signLegacyRequest({
    method,
    host,
    path: '/v2/index.php',
    secretId: account.secretId,
    secretKey: account.secretKey,
    params: { Action: 'DescribeImages', Region: 'gz', ...params },
  });
}

console.log(`load average before: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
console.log(
  `soak: ${SECONDS} s, ${CONCURRENCY} clients, proxy pid ${proxyProcess.pid} at ${url}, faults cycling every ${SECONDS / FAULTS.length} s`,
);
await new Promise((resolve) => setTimeout(resolve, 500));
const rssStart = rssMb();
let rssPeak = rssStart;
const fdsStart = fds();
let fdsPeak = fdsStart;
let floodRssPeak = 0;
let flooding = false;
const sampler = setInterval(() => {
  const rss = rssMb();
  if (flooding) floodRssPeak = Math.max(floodRssPeak, rss);
  else rssPeak = Math.max(rssPeak, rss);
  fdsPeak = Math.max(fdsPeak, fds());
}, 250);
const endAt = Date.now() + SECONDS * 1000;
const faultTimer = setInterval(() => {
  const elapsed = 1 - (endAt - Date.now()) / (SECONDS * 1000);
  emulator.faults.set(FAULTS[Math.min(FAULTS.length - 1, Math.floor(elapsed * FAULTS.length))]);
}, 250);
const stalled =
  STALLED_WAVE > 0 ? startStalledWaves(Number(new URL(url).port), STALLED_WAVE, STALLED_EVERY_MS) : undefined;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < endAt) await oneRequest();
  }),
);
clearInterval(faultTimer);
emulator.faults.set(undefined);
// Every stalled connection must have been let go by the proxy: it closes them, this side follows.
const stalledLeft = (await stalled?.stop(CLIENT_TIMEOUT_MS + 10_000)) ?? 0;
const fdsAfterStalled = fds();
flooding = true;
const flood =
  FLOOD_SECONDS > 0
    ? await floodCheck(
        url,
        async () => {
          const params = await sign('GET', DEMO_ACCOUNT_A, { imageType: 2, limit: 20 });
          return (
            (await (await fetch(`${url}/v2/index.php?${new URLSearchParams(params)}`)).json()) as { code: number }
          ).code;
        },
        FLOOD_SECONDS,
      )
    : undefined;
clearInterval(sampler);
const rssEnd = rssMb();
const badSignerCalls = emulator.emulator.requests.filter((r) => r.secretId === BAD_SIGNER.secretId).length;
proxyProcess.kill('SIGTERM');
const { code: proxyExitCode } = await exit;
await emulator.close();

latencies.sort((a, b) => a - b);
const percentile = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);
console.log(
  `\nrequests served: ${latencies.length} (${(latencies.length / SECONDS).toFixed(0)}/s)   latency p50 ${percentile(0.5)} ms, p99 ${percentile(0.99)} ms`,
);
console.log(
  `proxy RSS: start ${rssStart.toFixed(0)} MB, peak ${rssPeak.toFixed(0)} MB (${floodRssPeak.toFixed(0)} MB in the flood check), end ${rssEnd.toFixed(0)} MB`,
);
console.log(
  `faults injected: ${Object.entries(emulator.faults.injected)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')}`,
);
console.log('\nanswers (traffic kind → legacy code):');
for (const [key, count] of [...byCode].sort()) console.log(`  ${key.padEnd(28)} ${count}`);
if (stalled) {
  const { opened, answered408, refused } = stalled.counts;
  console.log(
    `\nstalled connections (never finished, never closed by the client), ${STALLED_WAVE} every ${STALLED_EVERY_MS / 1000} s, CLIENT_TIMEOUT_MS=${CLIENT_TIMEOUT_MS}:`,
  );
  console.log(
    `  opened ${opened}, answered 408 and closed by the proxy ${answered408}, closed unanswered ${refused} (the proxy counted ${refusedConnections} refused past MAX_CONNECTIONS), still opening at the end ${stalledLeft}`,
  );
}
console.log(
  `proxy file descriptors: start ${fdsStart}, peak ${fdsPeak}, after the last stalled wave ${fdsAfterStalled}`,
);
const slowdown = flood ? flood.flooded.describeImages.p50 / flood.alone.describeImages.p50 : 0;
if (flood) {
  const line = (l: typeof flood.alone) =>
    `DescribeImages p50 ${l.describeImages.p50.toFixed(1)} ms, p99 ${l.describeImages.p99.toFixed(1)} ms; /healthz p50 ${l.healthz.p50.toFixed(1)} ms, p99 ${l.healthz.p99.toFixed(1)} ms (${l.probes} probes)`;
  console.log(`\na caller alone:                ${line(flood.alone)}`);
  console.log(
    `under the unsigned 64 KiB flood (${(flood.floodRequests / flood.floodSeconds).toFixed(0)} req/s from 24 connections): ${line(flood.flooded)}`,
  );
  console.log(`  DescribeImages p50 ${slowdown.toFixed(1)} times as long`);
}
console.log(`load average after: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
console.log(
  `\nHTTP 5xx: ${problems.http5xx}   not JSON: ${problems.notJson}   3.0 calls for badly signed requests: ${badSignerCalls}   proxy exit after SIGTERM: ${proxyExitCode}`,
);
// Judged on the proxy's side: a connection still opening here (its SYN retried while the backlog was full) is not one it holds.
const leaked = fdsAfterStalled > fdsStart + 50;
const rssOver = Math.max(rssPeak, floodRssPeak) > MAX_RSS_MB;
const failed =
  problems.http5xx + problems.notJson + badSignerCalls > 0 ||
  proxyExitCode !== 0 ||
  leaked ||
  rssOver ||
  slowdown > FLOOD_MAX_SLOWDOWN;
if (leaked) console.log('stalled connections were not all let go');
if (rssOver) console.log(`peak RSS over SOAK_MAX_RSS_MB (${MAX_RSS_MB})`);
if (slowdown > FLOOD_MAX_SLOWDOWN)
  console.log(`the flood slowed a caller more than SOAK_FLOOD_MAX_SLOWDOWN (${FLOOD_MAX_SLOWDOWN}) times`);
console.log(failed ? 'SOAK FAILED' : 'soak passed');
process.exit(failed ? 1 : 0);

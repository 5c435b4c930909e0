/**
 * `npm run soak`: a few minutes of mixed legacy traffic — good, bad, replayed, badly signed and
 * garbage — against the proxy (a separate Node process, as deployed) in front of the emulator,
 * with API 3.0 faults switched on and off as it runs. It prints what was served, answers by
 * code, latency and the proxy's memory, and fails (exit 1) on any HTTP 5xx, any answer that is
 * not JSON, or any 3.0 call made for a request whose signature was wrong.
 *
 * SOAK_SECONDS (default 180), SOAK_CONCURRENCY (default 16).
 */
import { readFileSync } from 'node:fs';
import type { FaultPlan } from '../dev/emulator/faults.js';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B, type EmulatorAccount } from '../dev/emulator/accounts.js';
import { DEMO_CATALOGUE } from '../dev/emulator/catalogue.js';
import { startEmulatorServer } from '../dev/emulator/server.js';
import { signLegacyRequest } from '../dev/legacy-client/sign-request.js';
import { finished, spawnEntry, waitForLine } from '../dev/support/run-script.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 16);
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
  PROXY_CREDENTIALS: JSON.stringify(
    [DEMO_ACCOUNT_A, DEMO_ACCOUNT_B, BAD_SIGNER].map(({ secretId, secretKey }) => ({ secretId, secretKey })),
  ),
});
const exit = finished(proxyProcess);
const { url } = JSON.parse(await waitForLine(proxyProcess, /proxy listening/)) as { url: string };
const host = new URL(url).host;
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${proxyProcess.pid}/status`, 'utf8'))?.[1]) / 1024;

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
    if (replayable.length < 500) replayable.push({ method, params });
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

console.log(
  `soak: ${SECONDS} s, ${CONCURRENCY} clients, proxy pid ${proxyProcess.pid} at ${url}, faults cycling every ${SECONDS / FAULTS.length} s`,
);
await new Promise((resolve) => setTimeout(resolve, 500));
const rssStart = rssMb();
let rssPeak = rssStart;
const endAt = Date.now() + SECONDS * 1000;
const faultTimer = setInterval(() => {
  const elapsed = 1 - (endAt - Date.now()) / (SECONDS * 1000);
  emulator.faults.set(FAULTS[Math.min(FAULTS.length - 1, Math.floor(elapsed * FAULTS.length))]);
  rssPeak = Math.max(rssPeak, rssMb());
}, 250);
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < endAt) await oneRequest();
  }),
);
clearInterval(faultTimer);
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
console.log(`proxy RSS: start ${rssStart.toFixed(0)} MB, peak ${rssPeak.toFixed(0)} MB, end ${rssEnd.toFixed(0)} MB`);
console.log(
  `faults injected: ${Object.entries(emulator.faults.injected)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')}`,
);
console.log('\nanswers (traffic kind → legacy code):');
for (const [key, count] of [...byCode].sort()) console.log(`  ${key.padEnd(28)} ${count}`);
console.log(
  `\nHTTP 5xx: ${problems.http5xx}   not JSON: ${problems.notJson}   3.0 calls for badly signed requests: ${badSignerCalls}   proxy exit after SIGTERM: ${proxyExitCode}`,
);
const failed = problems.http5xx + problems.notJson + badSignerCalls > 0 || proxyExitCode !== 0;
console.log(failed ? 'SOAK FAILED' : 'soak passed');
process.exit(failed ? 1 : 0);

/**
 * `npm run demo`: the whole product on one machine, no cloud account needed. It starts the
 * built-in CVM 3.0 emulator and the proxy wired to it, sends real signed legacy requests the
 * way an unchanged legacy client would, prints each with its legacy answer, then keeps serving
 * so that you can point your own legacy client at it. `--once` exits after the tour. A stand-in
 * for the legacy 2.0 host shows pass-through and the shadow comparison (SHADOW_SAMPLE=1 here).
 */
import { loadConfig } from '../../src/config/load-config.js';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../emulator/accounts.js';
import { TOUR } from './tour.js';
import { startEmulatorServer } from '../emulator/server.js';
import { createLogger } from '../../src/observability/logger.js';
import { LEGACY_PATH } from '../../src/core/legacy/endpoint.js';
import { signLegacyRequest } from '../legacy-client/sign-request.js';
import { startProxyServer } from '../../src/node/server.js';
import { startFailure } from '../../src/node/start-failure.js';
import { printAnswer, printRequest } from './print.js';
import { startLegacyStandin } from '../legacy-standin/server.js';

const once = process.argv.includes('--once');
const emulator = await startEmulatorServer({ port: Number(process.env.EMULATOR_PORT ?? 0) });
// The legacy API 2.0 host, played by the stand-in: untranslated Actions and shadow comparisons go there.
const legacyHost = await startLegacyStandin({
  ...(process.env.STANDIN_DISAGREE === 'change-field' ? { disagree: 'change-field' as const } : {}),
});
const config = loadConfig({
  PORT: '8787',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  ...process.env,
  CVM_ENDPOINT: emulator.url,
  LEGACY_ENDPOINT: legacyHost.url,
  SHADOW_SAMPLE: process.env.SHADOW_SAMPLE ?? '1',
  PROXY_CREDENTIALS: JSON.stringify(
    [DEMO_ACCOUNT_A, DEMO_ACCOUNT_B].map(({ secretId, secretKey }) => ({ secretId, secretKey })),
  ),
});
const proxy = await startProxyServer(config, createLogger(config.logLevel)).catch(async (error: Error) => {
  console.error(`${startFailure(error, config)} (set PORT and ADMIN_PORT to free ports, or PORT=0 for both)`);
  await Promise.all([emulator.close(), legacyHost.close()]);
  process.exit(1);
});
const host = new URL(proxy.url).host;
console.log(
  `CVM 3.0 emulator: ${emulator.url}\nlegacy 2.0 host:  ${legacyHost.url} (a stand-in)\nlegacy proxy:     ${proxy.url}${LEGACY_PATH}\nadmin listener:   ${proxy.adminUrl} (/metrics, /migration, /readyz)\n`,
);

for (const step of TOUR) {
  const params = await signLegacyRequest({
    method: step.method,
    host,
    path: LEGACY_PATH,
    secretId: step.account.secretId,
    secretKey: step.account.secretKey,
    signatureMethod: step.signatureMethod,
    params: { Action: 'DescribeImages', Region: 'gz', ...step.params },
  });
  printRequest(step.title, step.method, `${proxy.url}${LEGACY_PATH}`, params);
  for (let send = step.replay ? 2 : 1; send > 0; send--)
    printAnswer(await sendLegacy(step.method, `${proxy.url}${LEGACY_PATH}`, params));
}

// Shadow comparisons run after the answers: wait (a little) until each translated request has one.
let counters: string[] = [];
for (let wait = 0; wait < 40; wait++) {
  counters = (await (await fetch(`${proxy.adminUrl}/metrics`)).text())
    .split('\n')
    .filter((line) => /^(legacy_requests_total|shadow_)/.test(line));
  const sum = (pattern: RegExp) =>
    counters.filter((line) => pattern.test(line)).reduce((total, line) => total + Number(line.split(' ').pop()), 0);
  if (sum(/^shadow_comparisons_total/) >= sum(/route="translated"/)) break;
  await new Promise((resolve) => setTimeout(resolve, 50));
}
console.log(
  `── What ${proxy.adminUrl}/metrics counts (the page ${proxy.adminUrl}/migration draws it, with the API 3.0 plan of each call; both on the admin listener only)\n${counters.map((line) => `   ${line}`).join('\n')}\n`,
);

if (once) {
  await proxy.close();
  await Promise.all([emulator.close(), legacyHost.close()]);
} else {
  console.log(
    `The proxy keeps serving at ${proxy.url}${LEGACY_PATH} (Ctrl-C stops it). Point a legacy client at it with:`,
  );
  for (const { secretId, secretKey } of [DEMO_ACCOUNT_A, DEMO_ACCOUNT_B])
    console.log(`  SecretId ${secretId}  SecretKey ${secretKey}`);
  console.log(
    `  e.g. qcloudapi-sdk: new QcloudApi({ SecretId, SecretKey, protocol: 'http', host: '${host}', Region: 'gz' })`,
  );
  const stop = () =>
    void Promise.all([proxy.close(), emulator.close(), legacyHost.close()]).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function sendLegacy(method: 'GET' | 'POST', url: string, params: Record<string, string>): Promise<unknown> {
  const form = new URLSearchParams(params).toString();
  const response =
    method === 'GET'
      ? await fetch(`${url}?${form}`)
      : await fetch(url, { method, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  return response.json();
}

/**
 * The `qcloud-legacy-proxy` command as a process, as an operator runs it: --help, --version and a
 * refused argument never start a server, even with credentials set; check-config; the start-up
 * line (version, the addresses bound, the replica) and the PROXY_HOSTS warning; a client's
 * X-Request-Id echoed and logged; request lines at info, warn by outcome; and SIGHUP reloading
 * PROXY_CREDENTIALS_FILE while a request is in flight, which finishes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B, type EmulatorAccount } from '../../dev/emulator/accounts.js';
import { startEmulatorServer, type EmulatorServer } from '../../dev/emulator/server.js';
import { finished, spawnEntry, waitForLine } from '../../dev/support/run-script.js';
import { SETTINGS } from '../../src/config/schema.js';
import { packageVersion } from '../../src/observability/version.js';
import { signedLegacyUrl } from '../helpers/signed-url.js';

const CLI = 'src/node/cli.ts';
const dir = mkdtempSync(join(tmpdir(), 'cli-'));
const pair = ({ secretId, secretKey }: EmulatorAccount) => ({ secretId, secretKey });
const CREDENTIALS = JSON.stringify([{ secretId: 'AKIDa', secretKey: 'keyThatMustNotBePrinted' }]);

let emulator: EmulatorServer;
beforeAll(async () => {
  emulator = await startEmulatorServer({ port: 0, rateLimitPerSecond: 0 });
});
afterAll(() => emulator.close());

describe('commands that do not serve', () => {
  it('--help lists every setting and exits 0, without starting, even with credentials set', async () => {
    const run = await finished(spawnEntry(CLI, ['--help'], { PROXY_CREDENTIALS: CREDENTIALS, PORT: '0' }));
    expect(run.code).toBe(0);
    for (const name of Object.keys(SETTINGS)) expect(run.stdout).toContain(`  ${name} `);
    expect(run.stdout).not.toContain('proxy listening');
  });

  it('--version prints the version, and the commit when the build names one', async () => {
    const plain = await finished(spawnEntry(CLI, ['--version'], {}));
    expect(plain).toMatchObject({
      code: 0,
      stdout: `qcloud-legacy-proxy ${packageVersion()} on Node ${process.version}\n`,
    });
    const withCommit = await finished(spawnEntry(CLI, ['-v'], { GIT_COMMIT: '0123abc' }));
    expect(withCommit.stdout).toBe(
      `qcloud-legacy-proxy ${packageVersion()} (commit 0123abc) on Node ${process.version}\n`,
    );
  });

  it('refuses an unknown argument with status 2 and never starts against the default endpoint', async () => {
    const run = await finished(spawnEntry(CLI, ['--config', 'x.yaml'], { PROXY_CREDENTIALS: CREDENTIALS, PORT: '0' }));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^qcloud-legacy-proxy: unknown option "--config"/);
    expect(run.stdout).toBe('');
  });

  it('check-config: 0 with the credentials from a file, masked; 1 on a bad value', async () => {
    const file = join(dir, 'credentials.json');
    writeFileSync(file, CREDENTIALS);
    const good = await finished(
      spawnEntry(CLI, ['check-config'], { PROXY_CREDENTIALS_FILE: file, PROXY_HOSTS: 'proxy.internal' }),
    );
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('[{"secretId":"AKIDa","secretKey":"****"}]');
    const bad = await finished(spawnEntry(CLI, ['check-config'], { PROXY_CREDENTIALS_FILE: file, LOG_LEVEL: 'loud' }));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('LOG_LEVEL must be one of');
    expect(good.stdout + bad.stdout + bad.stderr).not.toContain('keyThatMustNotBePrinted');
  });

  it('translate is dispatched to its own command', async () => {
    const run = await finished(spawnEntry(CLI, ['translate', '--whatever'], {}));
    expect(run.stderr).toContain('translate');
    expect(run.stdout).not.toContain('proxy listening');
  });
});

/** Starts the command with the emulator as API 3.0 and returns the parsed lines it has written so far. */
async function startProxy(env: Record<string, string>) {
  const child = spawnEntry(CLI, [], {
    PORT: '0',
    HOST: '127.0.0.1',
    CVM_ENDPOINT: emulator.url,
    UPSTREAM_RETRIES: '0',
    ...env,
  });
  const done = finished(child);
  let stdout = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  const start = JSON.parse(await waitForLine(child, /proxy listening/)) as Record<string, unknown> & { url: string };
  const lines = () =>
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const stop = async () => {
    child.kill('SIGTERM');
    return done;
  };
  return { child, start, lines, stop };
}

/** A signed DescribeImages: its legacy code, and the X-Request-Id it was answered with. */
async function legacyGet(
  url: string,
  account: EmulatorAccount,
  headers: Record<string, string> = {},
): Promise<{ code: number; requestId: string | null }> {
  const response = await fetch(await signedLegacyUrl(url, { account }), { headers });
  const { code } = (await response.json()) as { code: number };
  return { code, requestId: response.headers.get('x-request-id') };
}

describe('serve', () => {
  it('says what runs and where it listens, warns of an empty PROXY_HOSTS, and every line names the replica', async () => {
    const proxy = await startProxy({ HOST: '0.0.0.0', PROXY_CREDENTIALS: JSON.stringify([pair(DEMO_ACCOUNT_A)]) });
    try {
      const port = new URL(proxy.start.url).port;
      expect(proxy.start).toMatchObject({
        version: packageVersion(),
        listen: [`http://0.0.0.0:${port}`],
        url: `http://127.0.0.1:${port}`,
        node: process.version,
      });
      const health = (await (await fetch(`${proxy.start.url}/healthz`)).json()) as Record<string, unknown>;
      expect(health).toEqual({ status: 'ok', version: packageVersion() });
    } finally {
      await proxy.stop();
    }
    const lines = proxy.lines();
    expect(lines.find((l) => String(l.msg).startsWith('PROXY_HOSTS is empty'))).toMatchObject({ level: 40 });
    for (const line of lines) expect(line).toMatchObject({ pid: proxy.child.pid, hostname: hostname() });
  });

  it("keeps a client's X-Request-Id, and logs requests at info or warn by outcome", async () => {
    // No scan cache: the second request must reach API 3.0 to meet its fault.
    const proxy = await startProxy({ PROXY_CREDENTIALS: JSON.stringify([pair(DEMO_ACCOUNT_A)]), CACHE_TTL_MS: '0' });
    try {
      const answered = await legacyGet(proxy.start.url, DEMO_ACCOUNT_A, { 'X-Request-Id': 'ops-trace-42' });
      expect(answered).toMatchObject({ code: 0, requestId: 'ops-trace-42' });
      // A key pair the proxy does not know (4104), then API 3.0 resetting the connection (6200).
      expect(await legacyGet(proxy.start.url, DEMO_ACCOUNT_B)).toMatchObject({ code: 4104 });
      emulator.faults.set({ kind: 'reset', times: 1 });
      expect(await legacyGet(proxy.start.url, DEMO_ACCOUNT_A)).toMatchObject({ code: 6200 });
    } finally {
      emulator.faults.set(undefined);
      await proxy.stop();
    }
    const requests = proxy.lines().filter((l) => l.msg === 'legacy request');
    expect(requests.map((l) => [l.code, l.level])).toEqual([
      [0, 30],
      [4104, 30],
      [6200, 40],
    ]);
    expect(requests[0]).toMatchObject({ requestId: 'ops-trace-42' });
  });

  it('SIGHUP reloads PROXY_CREDENTIALS_FILE; the request in flight finishes, and no request fails for it', async () => {
    const file = join(dir, 'reloaded.json');
    writeFileSync(file, JSON.stringify([pair(DEMO_ACCOUNT_A)]));
    const proxy = await startProxy({ PROXY_CREDENTIALS_FILE: file });
    try {
      expect(await legacyGet(proxy.start.url, DEMO_ACCOUNT_B)).toMatchObject({ code: 4104 });
      // Slow enough for the reload to happen while it waits on API 3.0 (it passes either way: never flaky).
      emulator.faults.set({ kind: 'slow', delayMs: 2_500 });
      const reached = emulator.faults.injected.slow;
      const inFlight = legacyGet(proxy.start.url, DEMO_ACCOUNT_A);
      for (let i = 0; i < 200 && emulator.faults.injected.slow === reached; i++)
        await new Promise((resolve) => setTimeout(resolve, 25));
      emulator.faults.set(undefined);
      // A replaces its own key by B's pair: the request A already signed must still be answered.
      writeFileSync(file, JSON.stringify([pair(DEMO_ACCOUNT_B)]));
      const reloaded = waitForLine(proxy.child, /PROXY_CREDENTIALS reloaded/);
      proxy.child.kill('SIGHUP');
      expect(JSON.parse(await reloaded)).toMatchObject({
        callers: 1,
        added: [DEMO_ACCOUNT_B.secretId],
        removed: [DEMO_ACCOUNT_A.secretId],
      });
      expect(await inFlight).toMatchObject({ code: 0 });
      expect(await legacyGet(proxy.start.url, DEMO_ACCOUNT_B)).toMatchObject({ code: 0 });
      expect(await legacyGet(proxy.start.url, DEMO_ACCOUNT_A)).toMatchObject({ code: 4104 });
      // A bad file changes nothing: B is still served.
      writeFileSync(file, '[{"secretId":');
      const refused = waitForLine(proxy.child, /not reloaded/);
      proxy.child.kill('SIGHUP');
      await refused;
      expect(await legacyGet(proxy.start.url, DEMO_ACCOUNT_B)).toMatchObject({ code: 0 });
    } finally {
      emulator.faults.set(undefined);
      const run = await proxy.stop();
      expect(run.code).toBe(0);
      expect(run.stdout).not.toMatch(new RegExp(`${DEMO_ACCOUNT_A.secretKey}|${DEMO_ACCOUNT_B.secretKey}`));
    }
  });
});

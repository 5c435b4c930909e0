/**
 * The production start, with production dependencies only (what `npm ci --omit=dev` leaves, as on
 * a VM, a systemd host or the image): build once, then `npm start` and the bin run the compiled
 * output and serve a real legacy request. Offline: the production dependencies are the lock file's
 * non-dev packages, linked from this checkout into a folder of their own, beside a fresh build.
 * (`.ci/run` also does it for real, with `npm ci --omit=dev`: scripts/check-production-install.sh.)
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A } from '../../dev/emulator/accounts.js';
import { startEmulatorServer, type EmulatorServer } from '../../dev/emulator/server.js';
import { finished, waitForLine } from '../../dev/support/run-script.js';
import { packageVersion } from '../../src/observability/version.js';
import { signedLegacyUrl } from '../helpers/signed-url.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean }>;
};

/** The top-level packages `npm ci --omit=dev` installs (nested ones come along inside them). */
function productionPackages(): string[] {
  return Object.entries(lock.packages)
    .filter(([path, entry]) => /^node_modules\/(?:@[^/]+\/)?[^/]+$/.test(path) && !entry.dev)
    .map(([path]) => path.slice('node_modules/'.length));
}

let app: string;
let emulator: EmulatorServer;

beforeAll(async () => {
  app = mkdtempSync(join(tmpdir(), 'production-start-'));
  const tsc = spawnSync(
    join(ROOT, 'node_modules/.bin/tsc'),
    ['-p', 'tsconfig.build.json', '--outDir', join(app, 'build')],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
  cpSync(join(ROOT, 'package.json'), join(app, 'package.json'));
  for (const name of productionPackages()) {
    mkdirSync(dirname(join(app, 'node_modules', name)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), join(app, 'node_modules', name), 'dir');
  }
  emulator = await startEmulatorServer({ port: 0, rateLimitPerSecond: 0 });
}, 120_000);
afterAll(() => emulator?.close());

/** A command in the production folder, with PATH and `env` only (no NODE_PATH, no dev tools). */
function run(command: string, args: string[], env: Record<string, string> = {}) {
  return spawn(command, args, {
    cwd: app,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('production dependencies only', () => {
  it('has none of the dev tools: no compiler, no tsx, no test runner', () => {
    const installed = new Set(productionPackages());
    for (const tool of ['typescript', 'tsx', 'vitest', 'wrangler', 'playwright-core'])
      expect(installed.has(tool), tool).toBe(false);
    expect(Object.keys(pkg.devDependencies).filter((name) => installed.has(name))).toEqual([]);
  });

  it('npm start runs the compiled output, building nothing', () => {
    expect(pkg.scripts.prestart).toBeUndefined();
    expect(pkg.scripts.start).toBe(`node ${pkg.bin['qcloud-legacy-proxy']}`);
  });

  it('the bin prints its version', async () => {
    const done = await finished(run(process.execPath, [pkg.bin['qcloud-legacy-proxy']!, '--version']));
    expect(done).toMatchObject({ code: 0, stdout: expect.stringContaining(`qcloud-legacy-proxy ${packageVersion()}`) });
    expect(readFileSync(join(app, pkg.bin['qcloud-legacy-proxy']!), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it('npm start serves a signed legacy request, then drains and exits 0 on SIGTERM', async () => {
    const credentials = JSON.stringify([{ secretId: DEMO_ACCOUNT_A.secretId, secretKey: DEMO_ACCOUNT_A.secretKey }]);
    // `npm start` with its own process group: npm and the node under it are stopped together.
    const child = spawn('npm', ['start', '--silent'], {
      cwd: app,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        HOST: '127.0.0.1',
        CVM_ENDPOINT: emulator.url,
        PROXY_CREDENTIALS: credentials,
      },
    });
    const done = finished(child);
    try {
      const { url } = JSON.parse(await waitForLine(child, /proxy listening/)) as { url: string };
      const answer = (await (await fetch(await signedLegacyUrl(url))).json()) as {
        code: number;
        imageSet: unknown[];
      };
      expect(answer.code).toBe(0);
      expect(answer.imageSet).toHaveLength(1);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
    const ended = await done;
    expect(ended.stdout).toMatch(/"msg":"stopped"/);
  }, 60_000);
});

/**
 * The Node entry point as a process (src/node/main.ts, the same command as src/node/cli.ts):
 * configuration checked once at start-up, a health check once it listens, and a clean stop on SIGTERM.
 */
import { describe, expect, it } from 'vitest';
import { finished, spawnCommand, spawnEntry, waitForLine } from '../../dev/support/run-script.js';

const CREDENTIALS = JSON.stringify([{ secretId: 'AKIDa', secretKey: 'keyThatMustNotBePrinted' }]);
/** Starting a process (tsx, or a build first) takes seconds on a busy 2-core machine: more than the default 20 s allows. */
const PROCESS_TEST_MS = 60_000;

describe('the Node entry point', () => {
  it(
    'refuses to start on bad configuration, naming every bad variable and no secret',
    async () => {
      const run = await finished(
        spawnEntry('src/node/main.ts', [], {
          PORT: 'eighty',
          CVM_ENDPOINT: 'ftp://x',
          PROXY_CREDENTIALS: '[{"secretId":"a","secretKey":"keyThatMustNotBePrinted","upstream":1}]',
        }),
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/PORT must be an integer/);
      expect(run.stderr).toMatch(/CVM_ENDPOINT must be an http:\/\/ or https:\/\/ URL/);
      expect(run.stderr).toMatch(/PROXY_CREDENTIALS\[0\]\.upstream must be an object/);
      expect(run.stderr + run.stdout).not.toContain('keyThatMustNotBePrinted');
    },
    PROCESS_TEST_MS,
  );

  it(
    'refuses to start without PROXY_CREDENTIALS',
    async () => {
      const run = await finished(spawnEntry('src/node/main.ts', [], {}));
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/PROXY_CREDENTIALS is required/);
    },
    PROCESS_TEST_MS,
  );

  it(
    'names HOST and PORT when it cannot listen',
    async () => {
      // An address of TEST-NET-1 (RFC 5737): never this machine's, and no DNS is asked.
      const run = await finished(
        spawnEntry('src/node/main.ts', [], { HOST: '192.0.2.1', PORT: '0', PROXY_CREDENTIALS: CREDENTIALS }),
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^cannot listen on HOST=192\.0\.2\.1 PORT=0: /);
    },
    PROCESS_TEST_MS,
  );

  it(
    'built by npm run build, its earlier name build/node/main.js answers /healthz once listening, and exits 0 on SIGTERM',
    async () => {
      // build/node/main.js is kept for existing units and scripts (`npm start` runs build/node/cli.js); node is signalled directly, as in a container.
      expect((await finished(spawnCommand('npm', ['run', 'build', '--silent'], {}))).code).toBe(0);
      const child = spawnCommand(process.execPath, ['build/node/main.js'], {
        PORT: '0',
        HOST: '127.0.0.1',
        PROXY_CREDENTIALS: CREDENTIALS,
      });
      const done = finished(child);
      const line = await waitForLine(child, /proxy listening/);
      const { url } = JSON.parse(line);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
      child.kill('SIGTERM');
      const run = await done;
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain('keyThatMustNotBePrinted');
    },
    PROCESS_TEST_MS,
  );
});

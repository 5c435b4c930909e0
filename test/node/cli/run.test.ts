/**
 * The command's dispatch, in-process with a stand-in for serve: a refused command line never
 * reaches serve; serve gets the environment (with the env file read anew on each call, for SIGHUP).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Environment } from '../../../src/node/cli/env-file.js';
import { runCli, type ServeCommand } from '../../../src/node/cli/run.js';
import { captured } from './output.js';

function serveSpy() {
  const calls: Array<() => Environment> = [];
  const serve: ServeCommand = async (environment) => {
    calls.push(environment);
    return undefined;
  };
  return { serve, calls };
}

describe('runCli', () => {
  it('refuses a bad command line with 2 and never serves', async () => {
    const io = captured();
    const { serve, calls } = serveSpy();
    expect(await runCli(['--config', 'x.yaml'], { ...io, env: { PROXY_CREDENTIALS: '[]' } }, serve)).toBe(2);
    expect(calls).toEqual([]);
    expect(io.err()).toContain("Try 'qcloud-legacy-proxy --help'.");
  });

  it('serves by default, the env file read again on each call, the environment winning', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'run-')), 'proxy.env');
    writeFileSync(file, 'PORT=9000\nHOST=127.0.0.1\n');
    const { serve, calls } = serveSpy();
    expect(await runCli(['--env-file', file], { ...captured(), env: { HOST: '0.0.0.0' } }, serve)).toBeUndefined();
    expect(calls[0]!().env).toMatchObject({ PORT: '9000', HOST: '0.0.0.0' });
    writeFileSync(file, 'PORT=9001\n');
    expect(calls[0]!().env).toMatchObject({ PORT: '9001' });
  });

  it('check-config with an env file it cannot read: 1, naming the file', async () => {
    const io = captured();
    expect(
      await runCli(['check-config', '--env-file', '/nonexistent/proxy.env'], { ...io, env: {} }, serveSpy().serve),
    ).toBe(1);
    expect(io.err()).toBe('cannot read --env-file /nonexistent/proxy.env (ENOENT)\n');
  });
});

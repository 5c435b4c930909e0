/**
 * deploy/systemd/qcloud-legacy-proxy.service, read as systemd would: the compiled bin started with
 * production dependencies, a non-root user, the secrets from files, reload as SIGHUP, a stop that
 * outlasts the drain, no restart loop on a bad configuration, and the sandbox. `systemd-analyze
 * verify` checks the syntax where it is installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../src/config/schema.js';
import { ROOT, readText } from './deploy-files.js';

const UNIT = 'deploy/systemd/qcloud-legacy-proxy.service';

/** The unit's sections, each key with every value it was given (systemd allows repeats). */
function readUnit(text: string): Record<string, Record<string, string[]>> {
  const sections: Record<string, Record<string, string[]>> = {};
  let current: Record<string, string[]> = {};
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line || line.startsWith('#')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) sections[section[1]!] = current = {};
    else {
      const [, key = '', value = ''] = /^([^=]+)=(.*)$/.exec(line) ?? [];
      (current[key.trim()] ??= []).push(value.trim());
    }
  }
  return sections;
}

const unit = readUnit(readText(UNIT));
const service = unit.Service!;
const one = (key: string) => service[key]?.at(-1);
const pkg = JSON.parse(readText('package.json')) as { bin: Record<string, string>; files: string[] };

describe('the systemd unit', () => {
  it("runs the package's bin with node, from the release folder, as a user of its own", () => {
    expect(one('ExecStart')).toBe(`/usr/bin/node ${pkg.bin['qcloud-legacy-proxy']} serve`);
    expect(one('WorkingDirectory')).toMatch(/^\//);
    expect(one('User')).toBeTruthy();
    expect(one('User')).not.toMatch(/^(root|0)$/);
    expect(unit.Install?.WantedBy).toEqual(['multi-user.target']);
  });

  it('reads the settings from an environment file and the credentials from a file of their own', () => {
    expect(one('EnvironmentFile')).toMatch(/^\/etc\//);
    expect(service.Environment).toContain(
      `PROXY_CREDENTIALS_FILE=${one('EnvironmentFile')!.replace(/env$/, 'credentials.json')}`,
    );
    expect(service.Environment!.some((e) => e.startsWith('PROXY_CREDENTIALS='))).toBe(false);
  });

  it('reloads with SIGHUP, stops with SIGTERM after the drain, and never loops on a bad configuration', () => {
    expect(one('ExecReload')).toBe('/bin/kill -HUP $MAINPID');
    expect(one('KillSignal')).toBe('SIGTERM');
    expect(Number(one('TimeoutStopSec')) * 1000).toBeGreaterThan(Number(SETTINGS.SHUTDOWN_GRACE_MS.default));
    expect(one('Restart')).toBe('on-failure');
    expect(one('RestartPreventExitStatus')!.split(/\s+/)).toEqual(expect.arrayContaining(['1', '2']));
  });

  it('runs sandboxed: no new privileges, a read-only system, no capabilities', () => {
    expect(service).toMatchObject({
      NoNewPrivileges: ['yes'],
      ProtectSystem: ['strict'],
      PrivateTmp: ['yes'],
      CapabilityBoundingSet: [''],
    });
  });

  it('ships in the package, beside the environment file it names', () => {
    expect(pkg.files).toEqual(expect.arrayContaining(['deploy/systemd/', 'deploy/env.example']));
  });

  it.skipIf(!existsSync('/usr/bin/systemd-analyze'))('passes systemd-analyze verify', () => {
    const verify = spawnSync('/usr/bin/systemd-analyze', ['verify', join(ROOT, UNIT)], { encoding: 'utf8' });
    // Complaints about this machine (no such user, no /opt/qcloud-legacy-proxy) are not the unit's.
    const problems = verify.stderr
      .split('\n')
      .filter((l) => l.trim() && !/user|group|No such file|not executable|Failed to prepare/i.test(l));
    expect(problems).toEqual([]);
  });
});

/** What legacy_proxy_build_info reports: the package version found from src/ or build/, and the commit from the environment. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildInfo, packageVersion } from '../../src/observability/version.js';

const ROOT_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
const scratch = mkdtempSync(join(tmpdir(), 'qlp-version-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A package laid out as the container image lays it out: package.json beside build/observability/. */
function packageWith(manifest: unknown): string {
  const root = mkdtempSync(join(scratch, 'pkg-'));
  writeFileSync(join(root, 'package.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  const built = join(root, 'build', 'observability');
  mkdirSync(built, { recursive: true });
  return built;
}

describe('package version', () => {
  it("is this repository's package.json version, read from src/", () => {
    expect(ROOT_VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(packageVersion()).toBe(ROOT_VERSION);
    expect(buildInfo({}).version).toBe(ROOT_VERSION);
  });

  it('is found by walking up from build/observability/ as well', () => {
    expect(packageVersion(packageWith({ name: 'qcloud-legacy-proxy', version: '3.4.5' }))).toBe('3.4.5');
  });

  it.each([
    ['no version', { name: 'x' }],
    ['a version that is not a string', { version: 1 }],
    ['a package.json that is not JSON', '{ nope'],
  ])("is 'unknown' for %s, and start-up goes on", (_, manifest) => {
    expect(packageVersion(packageWith(manifest))).toBe('unknown');
  });
});

describe('build info', () => {
  it.each([
    [{ GIT_COMMIT: 'a1b2c3d' }, 'a1b2c3d'],
    [{ SOURCE_COMMIT: 'feedbeef' }, 'feedbeef'],
    [{ GIT_COMMIT: 'a1b2c3d', SOURCE_COMMIT: 'feedbeef' }, 'a1b2c3d'],
    [{ GIT_COMMIT: '  ', SOURCE_COMMIT: ' feedbeef\n' }, 'feedbeef'],
    [{}, 'unknown'],
    [{ GIT_COMMIT: 'f'.repeat(100) }, 'f'.repeat(64)],
  ])('commit from %j is %j', (env, commit) => {
    expect(buildInfo(env)).toEqual({ version: ROOT_VERSION, commit, node: process.version });
  });
});

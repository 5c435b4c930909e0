/** The README's first command, run as a person runs it (with `--once`, so that it ends). */
import { describe, expect, it } from 'vitest';
import { finished, spawnEntry } from './helpers/run-script.js';

describe('npm run demo', () => {
  it('starts the emulator and the proxy, and shows real legacy answers', async () => {
    const run = await finished(spawnEntry('src/demo.ts', ['--once'], { PORT: '0' }));
    expect(run.stderr).not.toMatch(/Error|at .*:\d+/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/→ code 0, totalCount 38, 5 in imageSet/);
    expect(run.stdout).toMatch(/img-31tjrtph {2}status 2 .* CentOS 7\.2 64位/);
    expect(run.stdout).toMatch(/→ code 4500 \(ReplayAttack\)/);
    expect(run.stdout).toMatch(/→ code 6100 \(UnsupportedOperation\)/);
    expect(run.stdout).toMatch(/→ code 4000 \(InvalidParameter\): imageType: must be from 1 to 4, got 9/);
    expect(run.stdout).not.toMatch(/Signature=[^…]/);
  });
});

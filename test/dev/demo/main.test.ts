/** The README's first command, run as a person runs it (with `--once`, so that it ends). */
import { describe, expect, it } from 'vitest';
import { finished, spawnEntry } from '../../../dev/support/run-script.js';

describe('npm run demo', () => {
  it('starts the emulator and the proxy, and shows real legacy answers', async () => {
    const run = await finished(spawnEntry('dev/demo/main.ts', ['--once'], { PORT: '0' }));
    expect(run.stderr).not.toMatch(/Error|at .*:\d+/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/→ code 0, totalCount 38, 5 in imageSet/);
    expect(run.stdout).toMatch(/img-31tjrtph {2}status 2 .* CentOS 7\.2 64位/);
    expect(run.stdout).toMatch(/→ code 4500 \(ReplayAttack\)/);
    expect(run.stdout).toMatch(/→ code 6100 \(UnsupportedOperation\)/);
    expect(run.stdout).toMatch(/→ code 4000 \(InvalidParameter\): imageType: must be from 1 to 4, got 9/);
    expect(run.stdout).toMatch(/→ code 0, totalCount 7, ins-\w+, ins-\w+, ins-\w+ \(from the legacy host\)/);
    expect(run.stdout).toMatch(/→ 3\.0 answer: TotalCount 1, img-31tjrtph/);
    expect(run.stdout).toMatch(
      /legacy_requests_total\{action="DescribeInstances",caller="AKID\w+",route="passthrough",code="0"\} 1/,
    );
    expect(run.stdout).toMatch(/shadow_comparisons_total\{outcome="agree"\} 8/);
    expect(run.stdout).not.toMatch(/Signature=[^…]/);
  }, 60_000); // three servers and a client in a tsx process: seconds on a busy 2-core machine
});

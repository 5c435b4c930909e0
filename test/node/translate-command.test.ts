/**
 * `qcloud-legacy-proxy translate`: a URL, a query string or a POST body on stdin in; the plan out,
 * as text or JSON, the same plan /migration shows for the call's shape; never a secret; exit codes.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { finished, spawnEntry } from '../../dev/support/run-script.js';
import { collectParams } from '../../src/core/legacy/params.js';
import { callShapeOf } from '../../src/core/migration/call-shape.js';
import { migrationPlan } from '../../src/core/migration/plan.js';
import { shapeParams } from '../../src/core/migration/shape-params.js';
import { runTranslateCommand } from '../../src/node/translate-command.js';

const SIGNED =
  'SecretId=AKIDsecretid0001&Signature=c2lnbmF0dXJlLXZhbHVl&Nonce=424242&Timestamp=1700000000&Token=session-token-value&SecretKey=oops-a-pasted-key';

async function translate(args: string[], stdin = '') {
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
  let stdout = '';
  let stderr = '';
  io.stdout.on('data', (chunk) => (stdout += chunk));
  io.stderr.on('data', (chunk) => (stderr += chunk));
  io.stdin.end(stdin);
  const code = await runTranslateCommand(args, io);
  return { code, stdout, stderr };
}

describe('translate command', () => {
  it('prints the plan of a legacy URL: the 3.0 request, the steps, tccli and Node, and never a secret', async () => {
    const { code, stdout, stderr } = await translate([
      `https://image.api.qcloud.com/v2/index.php?Action=DescribeImages&Region=gz&imageType=1&status=2&limit=3&${SIGNED}`,
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(
      /^Legacy call: DescribeImages Region=gz SecretKey Token imageType=1 limit=3 status=2\nRoute: DescribeImages translated by the proxy to API 3\.0\n/,
    );
    expect(stdout).toContain('{"Filters":[{"Name":"image-type","Values":["PRIVATE_IMAGE"]}],"Offset":0,"Limit":100}');
    expect(stdout).toContain('1. keep ImageState in NORMAL: status=2 is ImageState NORMAL');
    expect(stdout).toContain('tccli cvm DescribeImages --region ap-guangzhou --version 2017-03-12');
    expect(stdout).toContain('const tencentcloud = require("tencentcloud-sdk-nodejs");');
    expect(stdout).not.toMatch(/AKIDsecretid0001|c2lnbmF0dXJl|424242|session-token-value|oops-a-pasted-key/);
  });

  it('reads a POST body from stdin (no argument, or -)', async () => {
    for (const args of [[], ['-']]) {
      const { code, stdout } = await translate(
        args,
        `Action=DescribeImages&Region=ap-guangzhou&imageType=2&imageIds.0=img-31tjrtph&${SIGNED}\n`,
      );
      expect(code).toBe(0);
      expect(stdout).toContain('{"ImageIds":["img-31tjrtph"],"Offset":0,"Limit":100}');
    }
  });

  it("prints the same plan /migration shows for the call's shape, as JSON with --json", async () => {
    const query = 'Action=DescribeImages&Region=gz&imageType=4&offset=20&limit=10&SignatureMethod=HmacSHA256';
    const { code, stdout } = await translate(['--json', `/v2/index.php?${query}&${SIGNED}`]);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout);
    const params = collectParams([...new URLSearchParams(`${query}&${SIGNED}`)]);
    expect(printed.plan).toEqual(JSON.parse(JSON.stringify(await migrationPlan(shapeParams(callShapeOf(params))))));
    expect(printed.call).toEqual({
      action: 'DescribeImages',
      params: callShapeOf(params).params,
      example: { offset: '20', limit: '10' },
    });
    expect(printed.tccli).toMatch(/^# bash/);
    expect(printed.node).toMatch(/^\/\/ npm install tencentcloud-sdk-nodejs/);
    expect(stdout).not.toMatch(/AKIDsecretid0001|c2lnbmF0dXJl|session-token-value|oops-a-pasted-key/);
  });

  it('exits 1 with the reason when the proxy would refuse the call; 2 for input that is no call', async () => {
    const refused = await translate(['Action=DescribeImages&Region=usw&imageType=3']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/6100 imageType=3: North America has no service market/);
    const passthrough = await translate(['Action=DescribeInstances&Region=gz']);
    expect(passthrough.code).toBe(0);
    expect(passthrough.stdout).toMatch(/DescribeInstances passed through to the legacy API unchanged/);
    for (const args of [['not a call'], ['https://exa mple'], ['a', 'b'], ['--bogus']]) {
      const bad = await translate(args);
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stderr).toMatch(/^translate: .*\n\nUsage: qcloud-legacy-proxy translate/);
    }
    const twice = await translate(['Action=DescribeImages&imageType=1&imageType=2']);
    expect(twice).toMatchObject({ code: 2, stderr: expect.stringMatching(/imageType: is given more than once/) });
    expect((await translate(['--help'])).stdout).toMatch(/^Usage: qcloud-legacy-proxy translate/);
  });

  it('refuses an endless stdin past 1 MB', async () => {
    const { code, stderr } = await translate([], `Action=DescribeImages&x=${'y'.repeat(1_100_000)}`);
    expect(code).toBe(2);
    expect(stderr).toMatch(/over 1048576 bytes/);
  });

  it('runs as a script until the CLI dispatches to it', async () => {
    const run = await finished(
      spawnEntry('src/node/translate-command.ts', ['Action=DescribeImages&Region=gz&imageType=2&limit=1'], {}),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Legacy call: DescribeImages Region=gz imageType=2 limit=1\n/);
  }, 30_000);
});

/**
 * The plan is right, not just plausible: for every successful contract case, the 3.0 request(s)
 * that `translate --json` prints, sent to the emulator through the official SDK, with the listed
 * client-side steps applied (by an interpreter of this test's own), give the legacy answer's images
 * and totalCount, as the proxy answered them. The printed Node program and the tccli loop (with a
 * stand-in tccli on the same SDK, and jq) give them too, run as they are printed.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as tencentcloud from 'tencentcloud-sdk-nodejs-cvm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A } from '../../../dev/emulator/accounts.js';
import type { Cvm3DescribeImagesResponse, Cvm3Image } from '../../../src/core/cvm3/types.js';
import { SNIPPET_ENDPOINT_LINE } from '../../../src/core/migration/node-snippet.js';
import type { ClientStep, MigrationPlan, PlannedCall } from '../../../src/core/migration/plan-types.js';
import { runTranslateCommand } from '../../../src/node/translate-command.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import { LEGACY_CASES, TABLE_ACCOUNTS, type LegacyCase } from '../../shared/legacy-cases.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SUCCESSES = LEGACY_CASES.filter((c) => !/^\d{4} /.test(c.name));
const hasJq = await run('jq', ['--version']).then(
  () => true,
  () => false,
);

interface Printed {
  plan: MigrationPlan;
  tccli: string | null;
  node: string | null;
}
interface Legacy {
  totalCount: number;
  ids: string[];
}

let h: Harness;
let sandbox: string;

beforeAll(async () => {
  h = await startHarness({ emulator: { accounts: TABLE_ACCOUNTS } });
  // The printed program requires tencentcloud-sdk-nodejs; the sliced package has the same cvm API.
  sandbox = mkdtempSync(join(tmpdir(), 'qlp-plan-run-'));
  mkdirSync(join(sandbox, 'node_modules'));
  symlinkSync(
    join(ROOT, 'node_modules/tencentcloud-sdk-nodejs-cvm'),
    join(sandbox, 'node_modules/tencentcloud-sdk-nodejs'),
  );
  mkdirSync(join(sandbox, 'bin'));
  writeFileSync(
    join(sandbox, 'bin/tccli'),
    `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'test/helpers/fake-tccli.cjs')}" "$@"\n`,
  );
  chmodSync(join(sandbox, 'bin/tccli'), 0o755);
}, 60_000);

afterAll(() => h?.close());

const accountOf = (c: LegacyCase) => TABLE_ACCOUNTS.find((a) => a.secretId === (c.account ?? DEMO_ACCOUNT_A).secretId)!;

/** What `translate --json` prints for the case's (unsigned) call. */
async function printed(c: LegacyCase): Promise<Printed> {
  const query = new URLSearchParams(
    Object.entries({ Action: 'DescribeImages', Region: 'gz', ...c.params }).map(([k, v]) => [k, String(v)]),
  );
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk) => (text += chunk));
  const code = await runTranslateCommand(['--json', `https://image.api.qcloud.com/v2/index.php?${query}`], {
    stdin: new PassThrough(),
    stdout,
    stderr: new PassThrough(),
  });
  expect(code, c.name).toBe(0);
  return JSON.parse(text) as Printed;
}

async function legacyAnswer(c: LegacyCase): Promise<Legacy> {
  const answer = await h.legacy({
    params: c.params,
    account: c.account,
    method: c.method,
    signatureMethod: c.signatureMethod,
  });
  expect(answer.code, c.name).toBe(0);
  return { totalCount: answer.totalCount, ids: answer.imageSet.map((i: { unImgId: string }) => i.unImgId) };
}

/** The printed 3.0 call(s), as printed: once, or every page until TotalCount. */
async function callThreeZero(call: PlannedCall, c: LegacyCase): Promise<Cvm3Image[]> {
  const account = accountOf(c);
  const endpoint = new URL(h.emulator.url);
  const client = new tencentcloud.cvm.v20170312.Client({
    credential: {
      secretId: account.secretId,
      secretKey: account.secretKey,
      token: c.params.Token === undefined ? undefined : account.token,
    },
    region: call.region,
    profile: { httpProfile: { endpoint: endpoint.host, protocol: 'http://' } },
  });
  const ask = (request: object) => client.DescribeImages(request) as unknown as Promise<Cvm3DescribeImagesResponse>;
  if (call.paging === 'once') return (await ask(call.request)).ImageSet;
  const images: Cvm3Image[] = [];
  for (let offset = call.request.Offset ?? 0; ;) {
    const page = await ask({ ...call.request, Offset: offset });
    images.push(...page.ImageSet);
    offset += page.ImageSet.length;
    if (page.ImageSet.length === 0 || offset >= page.TotalCount) return images;
  }
}

/** The listed steps, read literally. */
function applySteps(images: Cvm3Image[], steps: readonly ClientStep[]): Legacy {
  let kept = images.filter((image, i) => images.findIndex((other) => other.ImageId === image.ImageId) === i);
  let totalCount = -1;
  for (const step of steps) {
    if (step.kind === 'keep') kept = kept.filter((image) => step.values.includes(String(image[step.field])));
    else if (step.kind === 'count') totalCount = kept.length;
    else kept = kept.slice(step.offset, step.offset + step.limit);
  }
  return { totalCount, ids: kept.map((image) => image.ImageId) };
}

function credentialsEnv(c: LegacyCase): Record<string, string> {
  const account = accountOf(c);
  return {
    PATH: `${join(sandbox, 'bin')}:${process.env.PATH ?? ''}`,
    TENCENTCLOUD_SECRET_ID: account.secretId,
    TENCENTCLOUD_SECRET_KEY: account.secretKey,
    ...(c.params.Token !== undefined && account.token ? { TENCENTCLOUD_SESSION_TOKEN: account.token } : {}),
    TCCLI_ENDPOINT: h.emulator.url,
  };
}

describe('the printed plan, run against the emulator, gives the legacy answer', () => {
  it.each(SUCCESSES.map((c) => [c.name, c] as const))(
    '%s: the 3.0 request(s) and the listed steps',
    async (_name, c) => {
      const { plan } = await printed(c);
      expect(plan.kind).toBe('translated');
      if (plan.kind !== 'translated') return;
      expect(applySteps(await callThreeZero(plan.call, c), plan.steps)).toEqual(await legacyAnswer(c));
    },
  );

  it.each(SUCCESSES.map((c) => [c.name, c] as const))(
    '%s: the printed Node program',
    async (_name, c) => {
      const { node } = await printed(c);
      const file = join(sandbox, `${c.name.replace(/\W+/g, '-')}.cjs`);
      const endpoint = new URL(h.emulator.url);
      writeFileSync(
        file,
        node!.replace(
          SNIPPET_ENDPOINT_LINE,
          `  profile: { httpProfile: { endpoint: "${endpoint.host}", protocol: "http://" } },`,
        ),
      );
      const { stdout } = await run(process.execPath, [file], { cwd: sandbox, env: credentialsEnv(c) });
      const shown = JSON.parse(stdout) as { totalCount: number; imageSet: Cvm3Image[] };
      expect({ totalCount: shown.totalCount, ids: shown.imageSet.map((i) => i.ImageId) }).toEqual(
        await legacyAnswer(c),
      );
    },
    30_000,
  );

  it.skipIf(!hasJq).each(SUCCESSES.map((c) => [c.name, c] as const))(
    '%s: the printed tccli loop (jq)',
    async (_name, c) => {
      const { tccli } = await printed(c);
      const { stdout } = await run('bash', ['-c', tccli!], { cwd: sandbox, env: credentialsEnv(c) });
      const shown = JSON.parse(stdout) as { totalCount: number; imageSet: Cvm3Image[] };
      expect({ totalCount: shown.totalCount, ids: shown.imageSet.map((i) => i.ImageId) }).toEqual(
        await legacyAnswer(c),
      );
    },
    60_000,
  );

  it('a 3.0-style call: the printed request, sent once, is the 3.0 answer the proxy passed on', async () => {
    const c: LegacyCase = {
      name: 'transitional',
      params: {
        Version: '2017-03-12',
        Region: 'ap-guangzhou',
        'Filters.0.Name': 'image-type',
        'Filters.0.Values.0': 'PUBLIC_IMAGE',
        Limit: 7,
      },
    };
    const { plan } = await printed(c);
    if (plan.kind !== 'transitional') throw new Error(plan.kind);
    const proxied = await h.legacy({ params: c.params });
    expect((await callThreeZero(plan.call, c)).map((i) => i.ImageId)).toEqual(
      proxied.Response.ImageSet.map((i: Cvm3Image) => i.ImageId),
    );
  });
});

/**
 * The migration plan, from the same code that answers calls: each route, the 3.0 calls the
 * pipeline makes (recorded, not described), the steps and notes from the contract's tables; a
 * shape's plan is its latest call's plan, for every call of the demo's tour.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOUR } from '../../../dev/demo/tour.js';
import type { Cvm3Image } from '../../../src/core/cvm3/types.js';
import { collectParams } from '../../../src/core/legacy/params.js';
import { callShapeOf } from '../../../src/core/migration/call-shape.js';
import { LEGACY_FIELD_SOURCES } from '../../../src/core/migration/field-names.js';
import { nodeSnippet } from '../../../src/core/migration/node-snippet.js';
import { EXAMPLE_TOTAL, migrationPlan } from '../../../src/core/migration/plan.js';
import { planText } from '../../../src/core/migration/plan-text.js';
import { shapeParams } from '../../../src/core/migration/shape-params.js';
import { shellQuote, tccliCommand } from '../../../src/core/migration/tccli-command.js';
import { toLegacyImage } from '../../../src/core/translate/legacy-image.js';

const plan = (params: Record<string, string | number>) =>
  migrationPlan(
    collectParams(
      Object.entries({ Action: 'DescribeImages', Region: 'gz', ...params }).map(
        ([k, v]) => [k, String(v)] as [string, string],
      ),
    ),
  );

describe('migration plan', () => {
  it("a listing: the pipeline's own 3.0 requests, every page of 100, then the steps on the answers", async () => {
    const p = await plan({ imageType: 1, status: 2, offset: 10, limit: 5 });
    expect(p.kind).toBe('translated');
    if (p.kind !== 'translated') return;
    expect(p.call).toEqual({
      action: 'DescribeImages',
      version: '2017-03-12',
      region: 'ap-guangzhou',
      paging: 'every-page',
      request: { Filters: [{ Name: 'image-type', Values: ['PRIVATE_IMAGE'] }], Offset: 0, Limit: 100 },
      exampleOffsets: [0, 100, 200],
      exampleTotal: EXAMPLE_TOTAL,
    });
    expect(p.steps.map((s) => s.kind)).toEqual(['keep', 'count', 'slice']);
    expect(p.steps[0]).toMatchObject({ field: 'ImageState', values: ['NORMAL'] });
    expect(p.steps[2]).toMatchObject({ offset: 10, limit: 5 });
    expect(p.notes.map((n) => n.topic)).toEqual(
      expect.arrayContaining(['signature', 'region', 'fields', 'time', 'type', 'status', 'count', 'errors']),
    );
    expect(p.notes.map((n) => n.topic)).not.toContain('shortcut');
  });

  it('ids: ImageIds alone, the type checked on the answers, every visible state kept', async () => {
    const p = await plan({ imageType: 2, 'imageIds.1': 'img-31tjrtph', 'imageIds.2': 'img-9id7emv7' });
    if (p.kind !== 'translated') throw new Error(p.kind);
    expect(p.call.request).toEqual({ ImageIds: ['img-31tjrtph', 'img-9id7emv7'], Offset: 0, Limit: 100 });
    expect(p.call.exampleOffsets).toEqual([0]);
    expect(p.steps[0]).toMatchObject({ kind: 'keep', field: 'ImageType', values: ['PUBLIC_IMAGE'] });
    expect(p.steps[1]).toMatchObject({
      kind: 'keep',
      field: 'ImageState',
      values: ['CREATING', 'IMPORTING', 'NORMAL', 'USING', 'SYNCING'],
    });
  });

  it('status 5 keeps nothing; status 0 without ids offers the one-call shortcut', async () => {
    const five = await plan({ imageType: 1, status: 5 });
    expect(five.kind === 'translated' && five.steps[0]).toMatchObject({ kind: 'keep', values: [] });
    const zero = await plan({ imageType: 4 });
    expect(zero.notes.find((n) => n.topic === 'shortcut')?.text).toMatch(/Offset=0 and Limit=20/);
  });

  it('a 3.0-style call is sent once, as it is; another Version or Action is passed through', async () => {
    const t = await plan({
      Version: '2017-03-12',
      Region: 'ap-guangzhou',
      'Filters.0.Name': 'image-type',
      'Filters.0.Values.0': 'PUBLIC_IMAGE',
      Limit: 50,
    });
    expect(t).toMatchObject({
      kind: 'transitional',
      call: {
        paging: 'once',
        region: 'ap-guangzhou',
        request: { Filters: [{ Name: 'image-type', Values: ['PUBLIC_IMAGE'] }], Limit: 50 },
      },
      steps: [],
    });
    expect(await plan({ Version: '2016-01-01' })).toMatchObject({ kind: 'passthrough' });
    expect(await plan({ Action: 'DescribeInstances' })).toMatchObject({
      kind: 'passthrough',
      action: 'DescribeInstances',
    });
  });

  it('what the proxy refuses is refused here, with the same code and message', async () => {
    expect(await plan({ imageType: 3, Region: 'usw' })).toMatchObject({
      kind: 'refused',
      code: 6100,
      message: expect.stringMatching(/North America has no service market/),
    });
    expect(await plan({ imageType: 9 })).toMatchObject({
      kind: 'refused',
      code: 4000,
      message: 'imageType: must be from 1 to 4, got 9',
    });
    expect(await plan({ imageType: 1, Region: 'moon' })).toMatchObject({ kind: 'refused', code: 4000 });
    expect(await plan({ Version: '2017-03-12', Region: 'ap-guangzhou', Bogus: '1' })).toMatchObject({
      kind: 'refused',
      message: expect.stringMatching(/UnknownParameter/),
    });
  });

  it("a shape's plan is its latest call's plan, for every call of the demo's tour", async () => {
    for (const step of TOUR) {
      const params = collectParams(
        Object.entries({
          Action: 'DescribeImages',
          Region: 'gz',
          SecretId: 'AKIDx',
          Signature: 'sig',
          Nonce: '1',
          Timestamp: '2',
          ...step.params,
        }).map(([k, v]) => [k, String(v)] as [string, string]),
      );
      expect(await migrationPlan(shapeParams(callShapeOf(params))), step.title).toEqual(await migrationPlan(params));
    }
  });

  it("names each legacy field's 3.0 source as the translation maps it", () => {
    const image: Cvm3Image = {
      ImageId: 'img-abcdefgh',
      OsName: 'os',
      ImageType: 'PRIVATE_IMAGE',
      CreatedTime: '2024-01-01T00:00:00Z',
      ImageName: 'name',
      ImageDescription: 'desc',
      ImageState: 'NORMAL',
      ImageCreator: '100',
    };
    const legacy = toLegacyImage(image)! as unknown as Record<string, unknown>;
    expect(LEGACY_FIELD_SOURCES.map(([field]) => field).sort()).toEqual(Object.keys(legacy).sort());
    for (const [field, source] of LEGACY_FIELD_SOURCES) {
      if (field === 'imageType' || field === 'status' || field === 'createTime') continue; // mapped values: the notes say how
      expect(legacy[field], field).toBe(image[source]);
    }
  });

  it('renders a runnable Node program and a tccli command that quote what they carry', async () => {
    const p = await plan({ imageType: 1, status: 1, limit: 3 });
    const dir = mkdtempSync(join(tmpdir(), 'qlp-plan-'));
    writeFileSync(join(dir, 'plan.cjs'), nodeSnippet(p)!);
    expect(() => execFileSync(process.execPath, ['--check', join(dir, 'plan.cjs')])).not.toThrow();
    expect(tccliCommand(p)).toContain(
      `--Filters '[{"Name":"image-type","Values":["PRIVATE_IMAGE"]}]' --Offset "$offset" --Limit 100`,
    );
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('ap-guangzhou')).toBe('ap-guangzhou');
    const transitional = await plan({ Version: '2017-03-12', Region: 'ap-guangzhou', 'ImageIds.0': 'img-31tjrtph' });
    expect(tccliCommand(transitional)).toBe(
      `tccli cvm DescribeImages --region ap-guangzhou --version 2017-03-12 --ImageIds '["img-31tjrtph"]'`,
    );
    expect(nodeSnippet(await plan({ Action: 'DescribeInstances' }))).toBeUndefined();
    expect(planText(p)).toMatch(/^Route: DescribeImages translated by the proxy to API 3\.0\n/);
  });

  it('with a Token, the program passes one from the environment, never a value', async () => {
    const p = await plan({ imageType: 2, Token: 'session-token-value' });
    expect(nodeSnippet(p)).toContain('token: process.env.TENCENTCLOUD_SESSION_TOKEN');
    expect(JSON.stringify(p) + nodeSnippet(p) + tccliCommand(p)).not.toContain('session-token-value');
  });
});

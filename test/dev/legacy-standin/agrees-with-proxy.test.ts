/**
 * The cross-check: the proxy (translating to 3.0, paging the emulator over HTTP) and the legacy
 * stand-in (its own reading of the legacy page and the contract, straight from the emulator's
 * catalogue: dev/legacy-standin/describe-images.ts) must give the same legacy answers. The two
 * share no translation code, so agreement means something. Successes must be equal field for
 * field; errors must agree on `code` and `codeDesc` (each words its messages its own way, and the
 * shadow comparison also compares errors by code).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B, accountUins } from '../../../dev/emulator/accounts.js';
import { buildCatalogue, defaultCatalogueSpec, visibleImages } from '../../../dev/emulator/catalogue.js';
import { startHarness, type Harness } from '../../helpers/harness.js';
import {
  LEGACY_CASES,
  TABLE_ACCOUNTS,
  runCase,
  type LegacyCase,
  type LegacyTarget,
} from '../../shared/legacy-cases.js';
import { NOW_SECONDS, STANDIN_HOST, sendTo, standin } from './helpers.js';

// One clock for the proxy, the stand-in and the Timestamps: the answers then cannot depend on a
// second ticking over between two readings (a 4200 names both the Timestamp and the server time).
let proxy: Harness;
beforeAll(async () => {
  proxy = await startHarness({ emulator: { accounts: TABLE_ACCOUNTS }, now: () => NOW_SECONDS * 1000 });
});
afterAll(() => proxy.close());

const { app } = standin({ accounts: TABLE_ACCOUNTS });
const standinTarget: LegacyTarget = { host: STANDIN_HOST, send: (method, params) => sendTo(app, method, params) };
const proxyTarget = (): LegacyTarget => ({
  host: 'image.api.qcloud.com',
  send: (method, params) => proxy.sendSigned(method, params),
});

/** Errors the proxy passes on from 3.0 carry the 3.0 code as codeDesc: there only the legacy code must agree. */
const FROM_CVM3 = new Set([4101, 4105]);
const successes: Array<{ name: string; imageCount: number }> = [];

async function expectAgreement(legacyCase: LegacyCase): Promise<void> {
  const [fromProxy] = await runCase(proxyTarget(), legacyCase, NOW_SECONDS);
  const [fromStandin] = await runCase(standinTarget, legacyCase, NOW_SECONDS);
  expect(fromStandin?.status).toBe(200);
  const expected = fromProxy?.body as { code: number; codeDesc: string; imageSet?: unknown[] };
  const actual = fromStandin?.body as typeof expected;
  if (expected.code === 0) {
    expect(actual).toStrictEqual(expected);
    successes.push({ name: legacyCase.name, imageCount: expected.imageSet?.length ?? 0 });
  } else if (FROM_CVM3.has(expected.code)) {
    expect(actual.code).toBe(expected.code);
  } else {
    expect({ code: actual.code, codeDesc: actual.codeDesc }).toEqual({
      code: expected.code,
      codeDesc: expected.codeDesc,
    });
  }
}

/** The shared table of legacy requests: replays (the stand-in keeps no replay memory) and other Actions differ on purpose. */
const comparable = (c: LegacyCase) => (c.sends ?? 1) === 1 && c.params['Action'] === undefined;

describe('the stand-in agrees with the proxy on the shared legacy cases', () => {
  it.each(LEGACY_CASES.filter(comparable).map((c) => [c.name, c] as const))('%s', async (_name, legacyCase) => {
    await expectAgreement(legacyCase);
  });
});

// Ids picked from what each account sees, so the id cases mix visible, hidden, other types and other accounts.
const catalogue = buildCatalogue(defaultCatalogueSpec(accountUins(TABLE_ACCOUNTS)));
const seenByA = visibleImages(catalogue, DEMO_ACCOUNT_A.uin);
const idsOf = (type: string, states: (state: string) => boolean) =>
  seenByA.filter((i) => i.ImageType === type && states(i.ImageState)).map((i) => i.ImageId);
const failed = (state: string) => state.endsWith('FAILED');
const aPrivate = idsOf('PRIVATE_IMAGE', (s) => !failed(s));
const aHidden = idsOf('PRIVATE_IMAGE', failed);
const aShared = idsOf('SHARED_IMAGE', () => true);
const publicIds = idsOf('PUBLIC_IMAGE', () => true);
const bPrivate = visibleImages(catalogue, DEMO_ACCOUNT_B.uin)
  .filter((i) => i.ImageType === 'PRIVATE_IMAGE')
  .map((i) => i.ImageId);
const mixedIds = [
  aPrivate[0]!,
  aHidden[0]!,
  aShared[0]!,
  publicIds[0]!,
  aPrivate[5]!,
  bPrivate[0]!,
  'img-zzzzzzzz',
  aShared[3]!,
];
const indexed = (ids: readonly string[], first = 0, name = 'imageIds.') =>
  Object.fromEntries(ids.map((id, i) => [`${name}${i + first}`, id]));

type Params = LegacyCase['params'];
const cases: Array<[string, Params, typeof DEMO_ACCOUNT_A?]> = [];
for (const account of [DEMO_ACCOUNT_A, DEMO_ACCOUNT_B]) {
  for (const imageType of [1, 2, 4]) {
    for (const status of [0, 1, 2, 3, 4, 5])
      cases.push([
        `account ${account.uin.slice(-1)}, imageType ${imageType}, status ${status}`,
        { imageType, status, limit: 100 },
        account,
      ]);
  }
}
for (const [offset, limit] of [
  [0, 1],
  [19, 1],
  [20, 20],
  [95, 10],
  [99, 2],
  [100, 100],
  [101, 3],
  [103, 100],
  [104, 1],
  [1000, 5],
] as const) {
  cases.push([`private, offset ${offset} limit ${limit}`, { imageType: 1, offset, limit }]);
}
cases.push(
  ['private, defaults (offset 0, limit 20)', { imageType: 1 }],
  ['private, status 2, offset 50 limit 30', { imageType: 1, status: 2, offset: 50, limit: 30 }],
  ['shared, status 4, offset 0 limit 1', { imageType: 4, status: 4, limit: 1 }],
  ['public, a 3.0 region name', { imageType: 2, Region: 'ap-singapore', limit: 50 }],
  ['public, North America', { imageType: 2, Region: 'usw', offset: 30 }],
  ['leading zero in a number', { imageType: '01', limit: '007' }],
  ...[1, 2, 4].map((imageType): [string, Params] => [
    `mixed ids, imageType ${imageType}`,
    { imageType, ...indexed(mixedIds) },
  ]),
  ['mixed ids, 1-based', { imageType: 1, ...indexed(mixedIds, 1) }],
  ['mixed ids, PHP spelling imageIds_n', { imageType: 4, ...indexed(mixedIds, 0, 'imageIds_') }],
  [
    'ids with gaps and a duplicate',
    { imageType: 1, 'imageIds.3': aPrivate[2]!, 'imageIds.7': aPrivate[1]!, 'imageIds.9': aPrivate[2]! },
  ],
  [
    'ten ids, status 2, offset 1 limit 3',
    { imageType: 1, status: 2, offset: 1, limit: 3, ...indexed(aPrivate.slice(10, 20)) },
  ],
  ['only hidden ids', { imageType: 1, ...indexed(aHidden.slice(0, 4)) }],
  ["another account's private ids", { imageType: 1, ...indexed(bPrivate.slice(0, 3)) }],
  ["account B sees A's shares as shared", { imageType: 4, limit: 100 }, DEMO_ACCOUNT_B],
);
const errors: Array<[string, Params]> = [
  ['no imageType', {}],
  ['imageType 0', { imageType: 0 }],
  ['imageType 5', { imageType: 5 }],
  ['imageType x', { imageType: 'x' }],
  ['imageType 1.0', { imageType: '1.0' }],
  ['status 6', { imageType: 1, status: 6 }],
  ['status -1', { imageType: 1, status: -1 }],
  ['limit 0', { imageType: 1, limit: 0 }],
  ['limit 101', { imageType: 1, limit: 101 }],
  ['offset -1', { imageType: 1, offset: -1 }],
  ['offset abc', { imageType: 1, offset: 'abc' }],
  ['eleven distinct ids', { imageType: 1, ...indexed(aPrivate.slice(0, 11)) }],
  ['a malformed id', { imageType: 1, 'imageIds.0': 'img-ABCDEFGH' }],
  ['imageIds without an index', { imageType: 1, imageIds: aPrivate[0]! }],
  ['an unknown region', { imageType: 1, Region: 'moon' }],
  ['an empty region', { imageType: 1, Region: '' }],
  ['service market', { imageType: 3 }],
  ['service market in North America', { imageType: 3, Region: 'na-toronto' }],
  ['service market with a bad limit: the parameter error first', { imageType: 3, limit: 500 }],
];

describe('the stand-in agrees with the proxy on a representative set of requests', () => {
  it.each(cases)('%s', async (name, params, account) => {
    await expectAgreement({ name, params, ...(account ? { account } : {}) });
  });

  it.each(errors)('error: %s', async (name, params) => {
    await expectAgreement({ name, params });
  });

  it('is not vacuous: most successful answers list images, and every status shows up', () => {
    expect(successes.length).toBeGreaterThanOrEqual(cases.length);
    expect(successes.filter((s) => s.imageCount > 0).length).toBeGreaterThan(successes.length / 2);
    for (const status of [1, 2, 3, 4]) {
      expect(
        successes.some((s) => s.name.endsWith(`status ${status}`) && s.imageCount > 0),
        `status ${status}`,
      ).toBe(true);
    }
  });
});

/**
 * One table of legacy requests that every runtime of the proxy must answer alike (Node and the
 * Worker): successes, paging past 100, two accounts, and the proxy's own error codes.
 */
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B, DEMO_ACCOUNTS, type EmulatorAccount } from '../../dev/emulator/accounts.js';
import { DEMO_CATALOGUE, visibleImages } from '../../dev/emulator/catalogue.js';
import type { LegacySignatureMethod } from '../../src/core/legacy/signature.js';
import { signLegacyRequest } from '../../dev/legacy-client/sign-request.js';

export interface LegacyCase {
  readonly name: string;
  readonly account?: { secretId: string; secretKey: string };
  readonly method?: 'GET' | 'POST';
  readonly signatureMethod?: LegacySignatureMethod;
  readonly params: Record<string, string | number>;
  /** Seconds added to the clock reading (`nowSeconds` of `runCase`) for the Timestamp. */
  readonly skewSeconds?: number;
  /** Send the same signed request this many times (a replay from the second on). */
  readonly sends?: number;
}

/** Two more emulator accounts: one on temporary credentials, one whose CAM policy says no. */
export const TOKEN_ACCOUNT: EmulatorAccount = {
  secretId: 'AKIDDEMOTOKENTOKENTOKENTOKENTOKEN0002',
  secretKey: 'demoSecretKeyTTTTTTTTTTTTTTTTTTTT',
  uin: '100000000005',
  token: 'session-token-2',
};
export const DENIED_ACCOUNT: EmulatorAccount = {
  secretId: 'AKIDDEMODENIEDDENIEDDENIEDDENIED0002',
  secretKey: 'demoSecretKeyDDDDDDDDDDDDDDDDDDDD',
  uin: '100000000006',
  denied: true,
};
export const TABLE_ACCOUNTS: readonly EmulatorAccount[] = [...DEMO_ACCOUNTS, TOKEN_ACCOUNT, DENIED_ACCOUNT];
export const TABLE_CREDENTIALS = JSON.stringify(
  TABLE_ACCOUNTS.map(({ secretId, secretKey }) => ({ secretId, secretKey })),
);

const aPrivate = visibleImages(DEMO_CATALOGUE, DEMO_ACCOUNT_A.uin)
  .filter((i) => i.ImageType === 'PRIVATE_IMAGE')
  .map((i) => i.ImageId);

export const LEGACY_CASES: readonly LegacyCase[] = [
  { name: 'public images, GET, HmacSHA1', params: { imageType: 2, limit: 5 } },
  {
    name: 'private, status 2, POST, HmacSHA256',
    method: 'POST',
    signatureMethod: 'HmacSHA256',
    params: { imageType: 1, status: 2, limit: 10 },
  },
  { name: 'paging past 100', params: { imageType: 1, offset: 100, limit: 100 } },
  { name: 'every private image, page 1', params: { imageType: 1, limit: 100 } },
  {
    name: 'ids, 1-based, 3.0 region name',
    params: { Region: 'ap-guangzhou', imageType: 2, 'imageIds.1': 'img-31tjrtph', 'imageIds.2': 'img-9id7emv7' },
  },
  { name: 'ids with the PHP spelling', method: 'POST', params: { imageType: 2, imageIds_0: 'img-b1ve77s9' } },
  { name: 'shared, status 1', params: { imageType: 4, status: 1 } },
  { name: 'status 5 is empty', params: { imageType: 1, status: 5 } },
  { name: 'account B, private', account: DEMO_ACCOUNT_B, params: { imageType: 1, limit: 100 } },
  {
    name: "account B asks for A's private ids",
    account: DEMO_ACCOUNT_B,
    params: { imageType: 1, ...Object.fromEntries(aPrivate.slice(0, 3).map((id, i) => [`imageIds.${i}`, id])) },
  },
  { name: '4000 missing imageType', params: {} },
  { name: '4000 limit over 100', params: { imageType: 1, limit: 500 } },
  { name: '4000 unknown region', params: { imageType: 1, Region: 'moon' } },
  { name: '4000 malformed id', params: { imageType: 1, 'imageIds.0': 'img-x' } },
  {
    name: '4100 wrong key',
    account: { secretId: DEMO_ACCOUNT_A.secretId, secretKey: 'not-the-key' },
    params: { imageType: 1 },
  },
  { name: '4104 unknown SecretId', account: { secretId: 'AKIDunknown', secretKey: 'k' }, params: { imageType: 1 } },
  { name: '4200 stale Timestamp', skewSeconds: -3600, params: { imageType: 1 } },
  { name: '4500 replay', sends: 2, params: { imageType: 2, limit: 1 } },
  {
    name: 'a Token passed on to 3.0',
    account: TOKEN_ACCOUNT,
    params: { imageType: 2, limit: 2, Token: 'session-token-2' },
  },
  { name: '4105 from 3.0: a wrong Token', account: TOKEN_ACCOUNT, params: { imageType: 2, Token: 'session-token-x' } },
  { name: '4101 from 3.0: not allowed by CAM', account: DENIED_ACCOUNT, params: { imageType: 2 } },
  { name: '6100 unknown Action', params: { Action: 'DescribeInstances' } },
  { name: '6100 service market in North America', params: { imageType: 3, Region: 'usw' } },
];

/**
 * Failures only a misbehaving API 3.0 gives, chosen by region: a scripted upstream answers each
 * region with one of them (see `scriptedFailure`).
 */
export const FAILURE_BY_REGION: Readonly<
  Record<string, { legacy: number; reply: { status?: number; contentType?: string; body: string } }>
> = {
  'ap-shanghai': { legacy: 5000, reply: cvm3ErrorBody('ResourceNotFound') },
  'ap-beijing': { legacy: 5100, reply: cvm3ErrorBody('FailedOperation') },
  'ap-chengdu': { legacy: 6000, reply: cvm3ErrorBody('InternalError') },
  'ap-chongqing': { legacy: 6100, reply: cvm3ErrorBody('InvalidAction') },
  'ap-hongkong': { legacy: 6200, reply: cvm3ErrorBody('ServiceUnavailable') },
  'ap-tokyo': { legacy: 4400, reply: cvm3ErrorBody('RequestLimitExceeded') },
  'ap-singapore': { legacy: 6200, reply: { contentType: 'text/html', body: '<html>502 Bad Gateway</html>' } },
  'ap-seoul': { legacy: 6200, reply: { status: 500, body: 'internal' } },
  'ap-mumbai': { legacy: 6200, reply: { body: '{"Response":{"TotalCount":3,"Ima' } },
};

function cvm3ErrorBody(code: string) {
  return {
    body: JSON.stringify({
      Response: { Error: { Code: code, Message: `scripted ${code}` }, RequestId: 'req-scripted' },
    }),
  };
}

export const FAILURE_CASES: readonly LegacyCase[] = Object.entries(FAILURE_BY_REGION).map(([region, { legacy }]) => ({
  name: `${legacy} from a failing 3.0 in ${region}`,
  params: { imageType: 2, Region: region },
}));

/** A target: where signed requests go, and the host a client addressing it signs. */
export interface LegacyTarget {
  readonly host: string;
  send(method: 'GET' | 'POST', params: Record<string, string>): Promise<Response>;
}

/**
 * Every answer the target gave for the case: its status, content type and exact text, with what
 * differs by nature (3.0 RequestIds, the host the client addressed) masked. To compare two
 * targets, read the clock once and pass the same `nowSeconds` to both: a Timestamp read twice can
 * differ by a second, and a 4200 names it.
 */
export async function runCase(
  target: LegacyTarget,
  legacyCase: LegacyCase,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<Array<{ status: number; contentType: string | null; text: string; body: unknown }>> {
  const method = legacyCase.method ?? 'GET';
  const account = legacyCase.account ?? DEMO_ACCOUNT_A;
  const params = await signLegacyRequest({
    method,
    host: target.host,
    path: '/v2/index.php',
    secretId: account.secretId,
    secretKey: account.secretKey,
    signatureMethod: legacyCase.signatureMethod,
    timestamp: nowSeconds + (legacyCase.skewSeconds ?? 0),
    params: { Action: 'DescribeImages', Region: 'gz', ...legacyCase.params },
  });
  const answers = [];
  for (let i = 0; i < (legacyCase.sends ?? 1); i++) {
    const response = await target.send(method, params);
    const text = (await response.text())
      .replaceAll(target.host, '<host>')
      .replace(/\[RequestId [^\]]*\]/g, '[RequestId …]');
    answers.push({
      status: response.status,
      contentType: response.headers.get('content-type'),
      text,
      body: JSON.parse(text),
    });
  }
  return answers;
}

/**
 * The demo's tour: the legacy requests `npm run demo` sends, each with its title. Its own module so
 * that tests can send the same traffic (the migration assistant must plan every shape in it).
 * Every request is DescribeImages in Region gz unless its params say otherwise.
 */
import type { LegacySignatureMethod } from '../../src/core/legacy/signature.js';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../emulator/accounts.js';

export interface Tour {
  title: string;
  account: typeof DEMO_ACCOUNT_A;
  method: 'GET' | 'POST';
  signatureMethod?: LegacySignatureMethod;
  params: Record<string, string | number>;
  replay?: boolean;
}

export const TOUR: readonly Tour[] = [
  {
    title: 'Public images (imageType=2), first 5, GET signed with HmacSHA1',
    account: DEMO_ACCOUNT_A,
    method: 'GET',
    params: { imageType: 2, limit: 5 },
  },
  {
    title: 'Private images in state "normal" (status=2), POST signed with HmacSHA256',
    account: DEMO_ACCOUNT_A,
    method: 'POST',
    signatureMethod: 'HmacSHA256',
    params: { imageType: 1, status: 2, limit: 3 },
  },
  {
    title: 'Paging past 100: offset=100, limit=100 (the proxy pages API 3.0 itself)',
    account: DEMO_ACCOUNT_A,
    method: 'GET',
    params: { imageType: 1, offset: 100, limit: 100 },
  },
  {
    title: 'By id, 1-based (imageIds.1, imageIds.2), with the 3.0 region name',
    account: DEMO_ACCOUNT_A,
    method: 'GET',
    params: { Region: 'ap-guangzhou', imageType: 2, 'imageIds.1': 'img-31tjrtph', 'imageIds.2': 'img-9id7emv7' },
  },
  {
    title: 'Another account sees only its own private images',
    account: DEMO_ACCOUNT_B,
    method: 'GET',
    params: { imageType: 1, limit: 3 },
  },
  {
    title: 'The same signed request sent twice: the second is a replay',
    account: DEMO_ACCOUNT_A,
    method: 'GET',
    params: { imageType: 4, limit: 2 },
    replay: true,
  },
  {
    title: 'Service market (imageType=3) has no 3.0 equivalent',
    account: DEMO_ACCOUNT_A,
    method: 'GET',
    params: { imageType: 3 },
  },
  { title: 'A bad parameter', account: DEMO_ACCOUNT_A, method: 'GET', params: { imageType: 9 } },
  {
    title: 'An Action the proxy does not translate passes through to the legacy host, re-signed',
    account: DEMO_ACCOUNT_B,
    method: 'GET',
    params: { Action: 'DescribeInstances', limit: 3 },
  },
  {
    title: 'A 3.0-style call on the legacy path (Version=2017-03-12) goes to API 3.0 as it is',
    account: DEMO_ACCOUNT_A,
    method: 'GET',
    params: { Version: '2017-03-12', Region: 'ap-guangzhou', 'ImageIds.0': 'img-31tjrtph' },
  },
];

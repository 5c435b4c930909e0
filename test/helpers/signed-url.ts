/**
 * A legacy GET as an unchanged legacy client sends it to a proxy running at `base`: its parameters
 * signed with the caller's key for the proxy's own host (as a legacy SDK signs the host it calls),
 * as the URL to fetch. By default DescribeImages of one public image in gz, by the first demo caller.
 */
import { DEMO_ACCOUNT_A } from '../../dev/emulator/accounts.js';
import { signLegacyRequest } from '../../dev/legacy-client/sign-request.js';
import { LEGACY_PATH } from '../../src/core/legacy/endpoint.js';

export const ONE_PUBLIC_IMAGE = { Action: 'DescribeImages', Region: 'gz', imageType: 2, limit: 1 } as const;

export interface SignedUrlOptions {
  readonly account?: { readonly secretId: string; readonly secretKey: string };
  readonly params?: Readonly<Record<string, string | number>>;
}

export async function signedLegacyUrl(
  base: string,
  { account = DEMO_ACCOUNT_A, params = ONE_PUBLIC_IMAGE }: SignedUrlOptions = {},
): Promise<string> {
  const signed = await signLegacyRequest({
    method: 'GET',
    host: new URL(base).host,
    path: LEGACY_PATH,
    secretId: account.secretId,
    secretKey: account.secretKey,
    params,
  });
  return `${base}${LEGACY_PATH}?${new URLSearchParams(signed)}`;
}

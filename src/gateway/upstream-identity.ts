/**
 * Whose key pair signs a request's 3.0 calls (docs/contract.md#b11): the caller's own, with its
 * Token, unless its credential entry names another.
 */
import type { UpstreamIdentity } from '../upstream/cvm3/client.js';
import type { AuthenticatedRequest } from '../core/legacy/caller.js';
import type { LegacyParams } from '../core/legacy/params.js';

export function upstreamIdentityOf({
  auth,
  params,
}: {
  readonly auth: AuthenticatedRequest;
  readonly params: LegacyParams;
}): UpstreamIdentity {
  return (
    auth.caller.upstream ?? {
      secretId: auth.caller.secretId,
      secretKey: auth.caller.secretKey,
      token: params.get('Token') || undefined,
    }
  );
}

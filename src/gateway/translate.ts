/**
 * Legacy DescribeImages translated to API 3.0 and back (Part B): the full scan, shared through
 * the scan cache, then the legacy slice of it. The identity that signs the 3.0 call is the
 * caller's own key pair (and Token), or the upstream pair its credential names (B.11).
 */
import { parseDescribeImages } from '../core/legacy/describe-images-request.js';
import { legacySuccess, type LegacyEnvelope } from '../core/legacy/envelope.js';
import { LegacyError } from '../core/errors.js';
import { answerFrom, cvm3RequestFor, legacyVisible, scanAll } from '../core/translate/describe-images.js';
import { upstreamUnavailable } from '../core/translate/upstream-errors.js';
import type { ScanCache } from './scan-cache.js';
import type { Cvm3Client, UpstreamIdentity } from '../upstream/cvm3/client.js';
import type { RouteContext } from './context.js';

export interface TranslateDeps {
  readonly cvm: Cvm3Client;
  readonly scans: ScanCache;
}

export function upstreamIdentityOf({ auth, params }: RouteContext): UpstreamIdentity {
  const token = params.get('Token');
  return auth.caller.upstream ?? { secretId: auth.caller.secretId, secretKey: auth.caller.secretKey, ...(token ? { token } : {}) };
}

export async function translateDescribeImages(context: RouteContext, deps: TranslateDeps): Promise<LegacyEnvelope> {
  const { facts, signal, deadline } = context;
  const query = parseDescribeImages(context.params);
  facts.region = query.region;
  const identity = upstreamIdentityOf(context);
  const onRetry = () => void (facts.upstreamRetries += 1);
  const listing = cvm3RequestFor(query);
  // Never shared across identities: the key starts with the identity (and its token, if any).
  const key = JSON.stringify([identity.secretId, identity.token ?? '', query.region, query.imageType, listing]);
  const { value: visible, source } = await deps.scans.load(key, async () => {
    const images = await scanAll(listing, async (pageRequest) => {
      // A page that came back after the deadline does not get a successor.
      if (signal.aborted) throw upstreamUnavailable('no answer before the deadline');
      facts.upstreamCalls += 1;
      const page = await deps.cvm.describeImages({ identity, region: query.region, request: pageRequest, signal, deadline, onRetry });
      facts.upstreamRequestIds.push(page.RequestId);
      return page;
    });
    return legacyVisible(images, query.imageType);
  }, signal).catch((error: unknown) => {
    // Left waiting on another request's scan until this one's deadline: the signal's reason.
    throw signal.aborted && !(error instanceof LegacyError) ? upstreamUnavailable('no answer before the deadline', error) : error;
  });
  facts.scan = source;
  const result = answerFrom(visible, query);
  return legacySuccess({ totalCount: result.totalCount, imageSet: result.imageSet });
}

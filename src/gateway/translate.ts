/**
 * Legacy DescribeImages translated to API 3.0 and back (docs/contract.md#b4 to #b7): the core's
 * pipeline, given its I/O here: 3.0 pages from the client, full scans shared through the scan
 * cache. The identity that signs the 3.0 call is the caller's own key pair (and Token), or the
 * upstream pair its credential names (docs/contract.md#b11).
 */
import { parseDescribeImages } from '../core/legacy/describe-images-request.js';
import { legacySuccess, type LegacyEnvelope } from '../core/legacy/envelope.js';
import { LegacyError } from '../core/errors.js';
import { describeImages, type FetchImagesPage, type LoadVisible } from '../core/translate/describe-images.js';
import { upstreamUnavailable } from '../core/translate/upstream-errors.js';
import type { ScanCache } from './scan-cache.js';
import type { Cvm3Client, UpstreamIdentity } from '../upstream/cvm3/client.js';
import type { RouteContext } from './context.js';
import { upstreamIdentityOf } from './upstream-identity.js';

export interface TranslateDeps {
  readonly cvm: Cvm3Client;
  readonly scans: ScanCache;
}

export async function translateDescribeImages(context: RouteContext, deps: TranslateDeps): Promise<LegacyEnvelope> {
  // context.signal is read only where this request waits on I/O: a cache hit never makes one (deadline.ts).
  const { record, deadline } = context;
  const query = parseDescribeImages(context.params);
  record.inRegion(query.region);
  const identity = upstreamIdentityOf(context);

  const fetchPage: FetchImagesPage = async (request) => {
    // A page that came back after the deadline does not get a successor.
    if (context.signal.aborted) throw upstreamUnavailable('no answer before the deadline');
    return record.upstreamCall(() =>
      deps.cvm.describeImages({
        identity,
        region: query.region,
        request,
        signal: context.signal,
        deadline,
        onRetry: () => record.retried(),
      }),
    );
  };

  const sharedScan: LoadVisible = async (listing, scan) => {
    // Never shared across identities: the key starts with the identity (and its token, if any).
    const key = JSON.stringify([identity.secretId, identity.token ?? '', query.region, query.imageType, listing]);
    const { value, source } = await deps.scans
      .load(key, scan, () => context.signal)
      .catch((error: unknown) => {
        // Left waiting on another request's scan until this one's deadline: the signal's reason.
        throw context.signal.aborted && !(error instanceof LegacyError)
          ? upstreamUnavailable('no answer before the deadline', error)
          : error;
      });
    record.scanned(source);
    return value;
  };

  const result = await describeImages(query, fetchPage, sharedScan);
  return legacySuccess({ totalCount: result.totalCount, imageSet: result.imageSet });
}

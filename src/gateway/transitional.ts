/**
 * A transitional call (`Version=2017-03-12`, docs/contract.md#a1): DescribeImages with its
 * 3.0-style parameters goes to API 3.0 as it is, one call, and its 3.0 answer comes back in the
 * 3.0 shape.
 */
import { cvm3Success, type Cvm3Answer } from '../core/transitional/cvm3-answer.js';
import { parseTransitionalDescribeImages } from '../core/transitional/describe-images-3.js';
import type { Cvm3Client } from '../upstream/cvm3/client.js';
import type { RouteContext } from './context.js';
import { upstreamIdentityOf } from './upstream-identity.js';

export async function transitionalDescribeImages(context: RouteContext, cvm: Cvm3Client): Promise<Cvm3Answer> {
  const { record, signal, deadline } = context;
  const { region, request } = parseTransitionalDescribeImages(context.params);
  record.inRegion(region);
  const identity = upstreamIdentityOf(context);
  const answer = await record.upstreamCall(() =>
    cvm.describeImages({ identity, region, request, signal, deadline, onRetry: () => record.retried() }),
  );
  return cvm3Success({ TotalCount: answer.TotalCount, ImageSet: answer.ImageSet }, answer.RequestId);
}

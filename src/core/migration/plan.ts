/**
 * The migration plan of one legacy call: what it became on API 3.0 and what its caller must do
 * itself afterwards. It is not a second description of the translation: the route comes from the
 * gateway's own rule (requestRoute), the parameters from the parsers that answer calls, and the
 * 3.0 calls are the ones the DescribeImages pipeline itself makes, run here against a stand-in 3.0
 * that only records what it is asked (docs/migration.md#assistant).
 */
import {
  CVM3_VERSION,
  DESCRIBE_IMAGES,
  type Cvm3DescribeImagesRequest,
  type Cvm3DescribeImagesResponse,
  type Cvm3Image,
} from '../cvm3/types.js';
import { LegacyError } from '../errors.js';
import { parseDescribeImages } from '../legacy/describe-images-request.js';
import type { DescribeImagesQuery } from '../legacy/describe-images-query.js';
import type { LegacyParams } from '../legacy/params.js';
import { DEFAULT_ACTION_ROUTES, parseActionRoutes } from '../routing/action-routes.js';
import { requestRoute } from '../routing/request-route.js';
import { parseTransitionalDescribeImages } from '../transitional/describe-images-3.js';
import { describeImages } from '../translate/describe-images.js';
import { clientSteps } from './client-steps.js';
import { passThroughNotes, refusedNotes, transitionalNotes, translatedNotes } from './plan-notes.js';
import type { MigrationPlan, PlannedCall } from './plan-types.js';

/** What the proxy can translate: a team's ACTION_ROUTES may send DescribeImages through, but its 3.0 equivalent is the same. */
const TRANSLATABLE = parseActionRoutes(DEFAULT_ACTION_ROUTES);
/** The listing the plan's example calls are counted for: enough for three 3.0 pages. */
export const EXAMPLE_TOTAL = 250;

export async function migrationPlan(params: LegacyParams): Promise<MigrationPlan> {
  const action = params.get('Action') ?? '';
  const version = params.get('Version');
  try {
    switch (requestRoute(TRANSLATABLE, action, version)) {
      case 'passthrough':
        return { kind: 'passthrough', action, notes: passThroughNotes(action, version) };
      case 'transitional': {
        const { region, request } = parseTransitionalDescribeImages(params);
        const call: PlannedCall = {
          action,
          version: CVM3_VERSION,
          region,
          request,
          paging: 'once',
          exampleOffsets: [request.Offset ?? 0],
          exampleTotal: EXAMPLE_TOTAL,
        };
        return { kind: 'transitional', action, call, steps: [], notes: transitionalNotes(params, region) };
      }
      case 'translated': {
        const query = parseDescribeImages(params);
        const sent = await callsFor(query);
        const call: PlannedCall = {
          action: DESCRIBE_IMAGES,
          version: CVM3_VERSION,
          region: query.region,
          request: sent[0]!,
          paging: 'every-page',
          exampleOffsets: sent.map((request) => request.Offset ?? 0),
          exampleTotal: exampleTotal(query),
        };
        return { kind: 'translated', action, call, steps: clientSteps(query), notes: translatedNotes(query, params) };
      }
    }
  } catch (error) {
    if (!(error instanceof LegacyError)) throw error;
    return {
      kind: 'refused',
      action,
      code: error.code,
      message: error.message,
      notes: refusedNotes(error.code, params.get('imageType')),
    };
  }
}

/** By ids, 3.0 can only answer the ids asked for. */
function exampleTotal(query: DescribeImagesQuery): number {
  return query.imageIds.length > 0 ? query.imageIds.length : EXAMPLE_TOTAL;
}

/**
 * The 3.0 requests the translation sends for this query, when 3.0 holds `exampleTotal` matching
 * images: the pipeline itself, against a 3.0 that records each request and answers with filler.
 */
async function callsFor(query: DescribeImagesQuery): Promise<Cvm3DescribeImagesRequest[]> {
  const total = exampleTotal(query);
  const sent: Cvm3DescribeImagesRequest[] = [];
  await describeImages(query, async (request): Promise<Cvm3DescribeImagesResponse> => {
    sent.push(request);
    const offset = request.Offset ?? 0;
    const count = Math.max(0, Math.min(request.Limit ?? total, total - offset));
    return {
      TotalCount: total,
      ImageSet: Array.from({ length: count }, (_, i) => filler(offset + i)),
      RequestId: 'plan',
    };
  });
  return sent;
}

function filler(n: number): Cvm3Image {
  return {
    ImageId: `img-plan${n}`,
    OsName: '',
    ImageType: '',
    CreatedTime: null,
    ImageName: '',
    ImageDescription: '',
    ImageState: '',
    ImageCreator: null,
  };
}

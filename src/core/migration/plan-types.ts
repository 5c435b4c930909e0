/**
 * A migration plan as plain data: what one legacy call became on API 3.0, and what its caller must
 * do itself once it calls 3.0 directly. Types only, shared by the builder (plan.ts), the renderers
 * (tccli, Node, text) and the page, without tying any of them to another.
 */
import type { Cvm3DescribeImagesRequest } from '../cvm3/types.js';

/** One 3.0 DescribeImages call, or a run of them, as the proxy makes it. */
export interface PlannedCall {
  readonly action: string;
  readonly version: string;
  /** The 3.0 region name. */
  readonly region: string;
  /** The first call exactly as sent (with its Offset and Limit when the proxy sets them). */
  readonly request: Cvm3DescribeImagesRequest;
  /**
   * `once`: the request is sent as it is. `every-page`: the same request is sent again with Offset
   * moved on by the images received, Limit unchanged, until Offset reaches 3.0's TotalCount.
   */
  readonly paging: 'once' | 'every-page';
  /** The Offsets of the calls for an example listing of `exampleTotal` images. */
  readonly exampleOffsets: readonly number[];
  readonly exampleTotal: number;
}

/** What the caller does with the images of every page, in this order, to get the legacy answer's images. */
export type ClientStep =
  /** Keep only the images whose `field` is one of `values` (none: no image is kept). */
  | {
      readonly kind: 'keep';
      readonly field: 'ImageState' | 'ImageType';
      readonly values: readonly string[];
      readonly why: string;
    }
  /** The legacy `totalCount`: how many images are left at this point. */
  | { readonly kind: 'count'; readonly why: string }
  /** The legacy `imageSet`: the images from `offset` (0-based), at most `limit` of them. */
  | { readonly kind: 'slice'; readonly offset: number; readonly limit: number; readonly why: string };

/** Something the caller handles itself after moving, in a sentence. */
export interface PlanNote {
  readonly topic:
    | 'fields'
    | 'time'
    | 'type'
    | 'status'
    | 'count'
    | 'errors'
    | 'market'
    | 'shortcut'
    | 'token'
    | 'region'
    | 'signature'
    | 'answer';
  readonly text: string;
}

export type MigrationPlan =
  /** DescribeImages translated by the proxy: the 3.0 calls it made and the steps it took on their answers. */
  | {
      readonly kind: 'translated';
      readonly action: string;
      readonly call: PlannedCall;
      readonly steps: readonly ClientStep[];
      readonly notes: readonly PlanNote[];
    }
  /** A 3.0-style call (`Version=2017-03-12`): sent to 3.0 as it is. */
  | {
      readonly kind: 'transitional';
      readonly action: string;
      readonly call: PlannedCall;
      readonly steps: readonly ClientStep[];
      readonly notes: readonly PlanNote[];
    }
  /** An Action the proxy does not translate: it went to the legacy API unchanged. */
  | { readonly kind: 'passthrough'; readonly action: string; readonly notes: readonly PlanNote[] }
  /** A call the proxy answers with an error of its own before any 3.0 call. */
  | {
      readonly kind: 'refused';
      readonly action: string;
      readonly code: number;
      readonly message: string;
      readonly notes: readonly PlanNote[];
    };

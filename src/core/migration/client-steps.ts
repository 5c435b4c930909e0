/**
 * What a translated DescribeImages does on 3.0's answer that a caller must do itself once it calls
 * 3.0 directly: the legacy visibility rule and the status filter (docs/contract.md#b5), the type
 * check of ids (#b6), the count and the slice (#b7). Read from the same tables the translation
 * uses; a test runs these steps on the emulator's answers and gets the proxy's answers.
 */
import type { DescribeImagesQuery } from '../legacy/describe-images-query.js';
import { CVM3_IMAGE_TYPE, LEGACY_STATUS } from '../translate/tables.js';
import type { ClientStep } from './plan-types.js';

/** The 3.0 states with a legacy status, in the table's order. */
const VISIBLE_STATES = Object.keys(LEGACY_STATUS);

export function clientSteps(query: DescribeImagesQuery): ClientStep[] {
  const steps: ClientStep[] = [];
  if (query.imageIds.length > 0 && query.imageType !== 3) {
    const type = CVM3_IMAGE_TYPE[query.imageType];
    steps.push({
      kind: 'keep',
      field: 'ImageType',
      values: [type],
      why: `imageType=${query.imageType}: 3.0 takes ImageIds or Filters, never both, so the type is checked here`,
    });
  }
  if (query.status === 0) {
    steps.push({
      kind: 'keep',
      field: 'ImageState',
      values: VISIBLE_STATES,
      why: 'legacy clients never saw images in any other state (CREATEFAILED, IMPORTFAILED, …)',
    });
  } else {
    const states = VISIBLE_STATES.filter((state) => LEGACY_STATUS[state] === query.status);
    const why =
      states.length > 0
        ? `status=${query.status} is ImageState ${states.join(' or ')}`
        : `status=${query.status}: no 3.0 state has this status, so no image is kept`;
    steps.push({ kind: 'keep', field: 'ImageState', values: states, why });
  }
  steps.push({ kind: 'count', why: "the legacy totalCount; 3.0's TotalCount also counts the images dropped above" });
  steps.push({
    kind: 'slice',
    offset: query.offset,
    limit: query.limit,
    why: `offset=${query.offset}, limit=${query.limit}, applied to the images kept, not to 3.0's pages`,
  });
  return steps;
}

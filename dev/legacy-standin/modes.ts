/**
 * The ways a test can make the stand-in misbehave, so that the proxy's shadow comparison and
 * pass-through can be tested against a legacy host that disagrees or fails. Each mode's effect is
 * fixed and written here, so a test can predict the exact difference.
 */
import type { StandinImagesAnswer } from './describe-images.js';

/**
 * How DescribeImages answers differ from the truth (successful answers only):
 * - `none`: the true answer;
 * - `drop-image`: the last image of the page is left out (`totalCount` unchanged; an empty page stays empty);
 * - `change-field`: the first image of the page has `CHANGED_OS_SUFFIX` appended to its `osName`;
 * - `total-count`: `totalCount` is one more than the truth.
 */
export const DISAGREE_MODES = ['none', 'drop-image', 'change-field', 'total-count'] as const;
export type DisagreeMode = (typeof DISAGREE_MODES)[number];

/**
 * How every request to the legacy path is answered instead of the legacy answer (after it is recorded):
 * - `none`: the legacy answer;
 * - `http500`: HTTP 500 with a plain-text body;
 * - `hang`: no answer at all until the client gives up (closes the connection or aborts its signal)
 *   or the server closes;
 * - `garbage`: HTTP 200 labelled `application/json` whose body is a PHP error page, not JSON.
 */
export const FAIL_MODES = ['none', 'http500', 'hang', 'garbage'] as const;
export type FailMode = (typeof FAIL_MODES)[number];

export const CHANGED_OS_SUFFIX = ' (changed by the stand-in)';

export function isDisagreeMode(value: string): value is DisagreeMode {
  return (DISAGREE_MODES as readonly string[]).includes(value);
}

export function isFailMode(value: string): value is FailMode {
  return (FAIL_MODES as readonly string[]).includes(value);
}

/** The answer as the mode makes it; the input is left as it was. */
export function disagreeWith(truth: StandinImagesAnswer, mode: DisagreeMode): StandinImagesAnswer {
  switch (mode) {
    case 'none':
      return truth;
    case 'drop-image':
      return { totalCount: truth.totalCount, imageSet: truth.imageSet.slice(0, -1) };
    case 'change-field': {
      const [first, ...rest] = truth.imageSet;
      if (!first) return truth;
      return {
        totalCount: truth.totalCount,
        imageSet: [{ ...first, osName: first.osName + CHANGED_OS_SUFFIX }, ...rest],
      };
    }
    case 'total-count':
      return { totalCount: truth.totalCount + 1, imageSet: truth.imageSet };
  }
}

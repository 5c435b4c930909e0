/**
 * Legacy DescribeImages as the legacy host would answer it, computed from the emulator's catalogue
 * with the proxy's own pure translation: the legacy parameters parsed by the core, the 3.0 listing
 * the proxy would ask for answered by the emulator's pure DescribeImages (no HTTP), then the same
 * scan, visibility and slicing. So by default a correct proxy and the stand-in agree exactly.
 */
import { parseDescribeImages } from '../../src/core/legacy/describe-images-request.js';
import type { LegacyParams } from '../../src/core/legacy/params.js';
import { answerFrom, cvm3RequestFor, legacyVisible, scanAll, type DescribeImagesResult } from '../../src/core/translate/describe-images.js';
import { fromCvm3Error } from '../../src/core/translate/upstream-errors.js';
import type { Catalogue } from '../emulator/catalogue.js';
import { describeImages as emulatedDescribeImages } from '../emulator/describe-images.js';
import { Cvm3Error } from '../emulator/errors.js';

/** Stands where a 3.0 RequestId would be; nothing here went through 3.0. */
const LOCAL_REQUEST_ID = 'legacy-standin';

export async function describeImagesFromCatalogue(catalogue: Catalogue, uin: string, params: LegacyParams): Promise<DescribeImagesResult> {
  const query = parseDescribeImages(params);
  const listing = cvm3RequestFor(query);
  const images = await scanAll(listing, async (page) => {
    try {
      return { ...emulatedDescribeImages(catalogue, uin, page), RequestId: LOCAL_REQUEST_ID };
    } catch (error) {
      // A listing the emulator refuses becomes the legacy error the proxy would give for it.
      if (error instanceof Cvm3Error) throw fromCvm3Error(error.code, error.message, LOCAL_REQUEST_ID);
      throw error;
    }
  });
  return answerFrom(legacyVisible(images, query.imageType), query);
}

/**
 * Golden translation fixtures (test/fixtures/translation/*.json): each case's legacy answer was
 * written by hand from the contract (docs/contract.md Part B) and the legacy DescribeImages page,
 * never by running the code, so this is an oracle independent of the translation it checks. Each
 * case goes through the pure core: legacy parameters parsed, the 3.0 requests made and answered
 * with the recorded 3.0 pages, the legacy envelope built. The answer must equal the fixture's, and
 * the 3.0 requests the fixture's. The format is described in the fixtures folder's README.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Cvm3DescribeImagesRequest, Cvm3DescribeImagesResponse } from '../../../src/core/cvm3/types.js';
import { LegacyError } from '../../../src/core/errors.js';
import { parseDescribeImages } from '../../../src/core/legacy/describe-images-request.js';
import { legacyFailure, legacySuccess, type LegacyEnvelope } from '../../../src/core/legacy/envelope.js';
import { collectParams } from '../../../src/core/legacy/params.js';
import { describeImages } from '../../../src/core/translate/describe-images.js';
import { fromCvm3Error } from '../../../src/core/translate/upstream-errors.js';

type Cvm3Page =
  | { Response: Cvm3DescribeImagesResponse }
  | { Response: { Error: { Code: string; Message: string }; RequestId: string } };

interface TranslationFixture {
  readonly case: string;
  readonly contract: readonly string[];
  readonly source: string;
  readonly legacyRequest: Readonly<Record<string, string>>;
  readonly cvm3Requests: readonly Cvm3DescribeImagesRequest[];
  readonly cvm3Pages: readonly Cvm3Page[];
  /** Where the contract fixes what a message says but not its words: `legacyAnswer` then has no `message`. */
  readonly messageContains?: readonly string[];
  readonly legacyAnswer: Readonly<Record<string, unknown>>;
}

const FOLDER = new URL('../../fixtures/translation/', import.meta.url);
const fixtures = readdirSync(FOLDER)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => [name, JSON.parse(readFileSync(new URL(name, FOLDER), 'utf8')) as TranslationFixture] as const);

/**
 * The one place that wires the core for a fixture: if the core's pipeline is renamed or reshaped,
 * only this changes. The upstream answers page n of the scan with the fixture's n-th 3.0 page; a
 * 3.0 error becomes a LegacyError as the 3.0 clients make it (B.10).
 */
async function translate(legacyRequest: Readonly<Record<string, string>>, pages: readonly Cvm3Page[]) {
  const asked: Cvm3DescribeImagesRequest[] = [];
  const fetchPage = async (request: Cvm3DescribeImagesRequest): Promise<Cvm3DescribeImagesResponse> => {
    asked.push(structuredClone(request));
    const page = pages[asked.length - 1];
    if (!page) throw new Error(`the core asked for 3.0 page ${asked.length}; the fixture records ${pages.length}`);
    const response = page.Response;
    if ('Error' in response) throw fromCvm3Error(response.Error.Code, response.Error.Message, response.RequestId);
    return structuredClone(response);
  };
  let answer: LegacyEnvelope;
  try {
    const query = parseDescribeImages(collectParams(Object.entries(legacyRequest)));
    const { totalCount, imageSet } = await describeImages(query, fetchPage);
    answer = legacySuccess({ totalCount, imageSet });
  } catch (error) {
    if (!(error instanceof LegacyError)) throw error;
    answer = legacyFailure(error);
  }
  return { answer, asked };
}

const CONTRACT_ANCHOR = /^docs\/contract\.md#(a[12]|b([1-9]|1[0-2]))$/;

describe('golden translation fixtures (test/fixtures/translation)', () => {
  it('are there, and each names the contract rules it checks and where its values come from', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
    for (const [name, fixture] of fixtures) {
      expect(fixture.case, name).toEqual(expect.any(String));
      expect(fixture.source.length, name).toBeGreaterThan(40);
      expect(fixture.contract.length, name).toBeGreaterThan(0);
      for (const anchor of fixture.contract) expect(anchor, name).toMatch(CONTRACT_ANCHOR);
      // Parameters arrive as text on the wire.
      for (const value of Object.values(fixture.legacyRequest)) expect(typeof value, name).toBe('string');
      expect('message' in fixture.legacyAnswer, `${name}: message given exactly and by fragments`).toBe(
        !fixture.messageContains,
      );
    }
  });

  it.each(fixtures)('%s', async (_name, fixture) => {
    const { answer, asked } = await translate(fixture.legacyRequest, fixture.cvm3Pages);

    const { message, ...rest } = answer;
    if (fixture.messageContains) {
      expect(rest).toStrictEqual(fixture.legacyAnswer);
      for (const fragment of fixture.messageContains) expect(message).toContain(fragment);
    } else {
      expect(answer).toStrictEqual(fixture.legacyAnswer);
    }

    expect(asked).toStrictEqual(fixture.cvm3Requests);
    for (const request of asked) {
      // B.6, B.7: ImageIds never together with Filters; never more than 3.0's Limit of 100.
      expect(request.ImageIds !== undefined && request.Filters !== undefined).toBe(false);
      expect(request.Limit).toBeLessThanOrEqual(100);
    }
  });
});

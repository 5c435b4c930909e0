import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LegacyEnvelope } from '../../src/core/legacy/envelope.js';
import { envelopeBytes } from '../../src/http/envelope-json.js';

const envelopeJson = (envelope: LegacyEnvelope): string => new TextDecoder().decode(envelopeBytes(envelope));

const image = fc.record({
  imageId: fc.string(),
  osName: fc.string(),
  imageSize: fc.integer(),
  createTime: fc.string(),
  extra: fc.option(fc.jsonValue(), { nil: undefined }),
});

describe('envelopeBytes', () => {
  it('is JSON.stringify of the envelope, byte for byte, whatever its fields and images', () => {
    const envelope = fc.record({
      code: fc.constantFrom(0, 4000),
      message: fc.string(),
      codeDesc: fc.string(),
      totalCount: fc.option(fc.nat(), { nil: undefined }),
      imageSet: fc.array(fc.oneof(image, fc.jsonValue())),
    });
    fc.assert(
      fc.property(envelope, (e) => {
        expect(envelopeJson(e as LegacyEnvelope)).toBe(JSON.stringify(e));
        expect(envelopeJson(e as LegacyEnvelope)).toBe(JSON.stringify(e)); // again, from the kept texts
      }),
      { numRuns: 300 },
    );
  });

  it('serialises an image once however many answers share it, so slices of a scan reuse its text', () => {
    const serialised = [0, 0, 0, 0, 0];
    const images = serialised.map((_, i) => ({
      imageId: `img-${i}`,
      toJSON: () => ((serialised[i]! += 1), { imageId: `img-${i}` }),
    }));
    const answer = (from: number, to: number) =>
      ({
        code: 0,
        message: '',
        codeDesc: 'Success',
        totalCount: 5,
        imageSet: images.slice(from, to),
      }) as LegacyEnvelope;
    expect(envelopeJson(answer(0, 3))).toBe(
      '{"code":0,"message":"","codeDesc":"Success","totalCount":5,"imageSet":[{"imageId":"img-0"},{"imageId":"img-1"},{"imageId":"img-2"}]}',
    );
    envelopeJson(answer(2, 5));
    envelopeJson(answer(0, 5));
    expect(serialised).toEqual([1, 1, 1, 1, 1]);
  });

  it('gives the same page asked again as the same bytes, and another head or page as its own', () => {
    const images = [{ imageId: 'a' }, { imageId: 'b' }, { imageId: 'c' }];
    const answer = (totalCount: number, page: object[]) =>
      ({ code: 0, message: '', codeDesc: 'Success', totalCount, imageSet: page }) as LegacyEnvelope;
    const first = envelopeBytes(answer(3, images.slice(0, 2)));
    expect(envelopeBytes(answer(3, images.slice(0, 2)))).toBe(first);
    expect(envelopeJson(answer(2, images.slice(0, 2)))).toBe(JSON.stringify(answer(2, images.slice(0, 2))));
    expect(envelopeJson(answer(3, images.slice(0, 3)))).toBe(JSON.stringify(answer(3, images.slice(0, 3))));
  });

  it('falls back to JSON.stringify when the images are not the last field', () => {
    const e = { code: 0, imageSet: [{ a: 1 }], message: 'x' } as unknown as LegacyEnvelope;
    expect(envelopeJson(e)).toBe(JSON.stringify(e));
  });
});

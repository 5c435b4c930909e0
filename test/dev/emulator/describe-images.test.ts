import { describe, expect, it } from 'vitest';
import type { Cvm3Image } from '../../../src/core/cvm3/types.js';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../../dev/emulator/accounts.js';
import { DEMO_CATALOGUE } from '../../../dev/emulator/catalogue.js';
import { describeImages } from '../../../dev/emulator/describe-images.js';

const A = DEMO_ACCOUNT_A.uin;
const B = DEMO_ACCOUNT_B.uin;
const entries = DEMO_CATALOGUE.images;
const ownIds = (uin: string) => entries.filter((e) => e.owner === uin).map((e) => e.image.ImageId);
const sharedIds = (uin: string) => entries.filter((e) => e.sharedWith.includes(uin)).map((e) => e.image.ImageId);
const publicIds = entries.filter((e) => e.owner === null).map((e) => e.image.ImageId);
const describeA = (body: unknown) => describeImages(DEMO_CATALOGUE, A, body);
const ids = (images: Cvm3Image[]) => images.map((i) => i.ImageId);

const someId = ownIds(A)[0]!;
const filter = (Name: string, ...Values: string[]) => ({ Name, Values });

describe('answers: paging', () => {
  const all = [...ownIds(A), ...sharedIds(A), ...publicIds];

  it('defaults to Offset 0, Limit 20, and counts every match', () => {
    const answer = describeA({});
    expect(answer.TotalCount).toBe(all.length);
    expect(ids(answer.ImageSet)).toEqual(all.slice(0, 20));
  });

  it('pages through every visible image once, in a stable order', () => {
    const pages = [0, 100, 200].map((Offset) => describeA({ Offset, Limit: 100 }));
    expect(pages.map((p) => p.TotalCount)).toEqual([all.length, all.length, all.length]);
    expect(pages.flatMap((p) => ids(p.ImageSet))).toEqual(all);
  });

  it('answers an empty page past the end', () => {
    expect(describeA({ Offset: all.length, Limit: 5 })).toEqual({ TotalCount: all.length, ImageSet: [] });
  });

  it('hands out copies: changing an answer does not change the next one', () => {
    const first = describeA({ Limit: 1 }).ImageSet[0]!;
    first.ImageName = 'changed';
    expect(describeA({ Limit: 1 }).ImageSet[0]!.ImageName).not.toBe('changed');
  });
});

describe('answers: filters', () => {
  const count = (...filters: { Name: string; Values: string[] }[]) =>
    describeA({ Filters: filters, Limit: 100 }).TotalCount;
  const all = (...filters: { Name: string; Values: string[] }[]) => {
    const first = describeA({ Filters: filters, Limit: 100 });
    const rest = first.TotalCount > 100 ? describeA({ Filters: filters, Limit: 100, Offset: 100 }).ImageSet : [];
    return [...first.ImageSet, ...rest];
  };
  const privateA = entries.filter((e) => e.owner === A).map((e) => e.image);

  it('image-type selects by visibility, values OR', () => {
    expect(ids(all(filter('image-type', 'PRIVATE_IMAGE')))).toEqual(ownIds(A));
    expect(ids(all(filter('image-type', 'SHARED_IMAGE')))).toEqual(sharedIds(A));
    expect(ids(all(filter('image-type', 'PUBLIC_IMAGE')))).toEqual(publicIds);
    expect(count(filter('image-type', 'PRIVATE_IMAGE', 'SHARED_IMAGE'))).toBe(ownIds(A).length + sharedIds(A).length);
    expect(all(filter('image-type', 'SHARED_IMAGE')).every((i) => i.ImageCreator === B)).toBe(true);
  });

  it('different filters AND', () => {
    const windowsPrivate = privateA.filter((i) => i.Platform === 'Windows').length;
    expect(windowsPrivate).toBeGreaterThan(0);
    expect(count(filter('image-type', 'PRIVATE_IMAGE'), filter('platform', 'windows'))).toBe(windowsPrivate);
  });

  it('image-name and platform match fuzzily (case-insensitive substring)', () => {
    const centosNamed = all(filter('image-name', 'CENTOS'));
    expect(centosNamed.length).toBeGreaterThan(0);
    expect(centosNamed.every((i) => i.ImageName.toLowerCase().includes('centos'))).toBe(true);
    expect(
      centosNamed.some((i) => i.ImageType === 'PUBLIC_IMAGE') &&
        centosNamed.some((i) => i.ImageType === 'PRIVATE_IMAGE'),
    ).toBe(true);
    expect(all(filter('image-name', '测试')).every((i) => i.ImageName.includes('测试'))).toBe(true);
    expect(count(filter('image-name', '测试'))).toBeGreaterThan(0);
    // The legacy table: 3 openSUSE (platform OpenSUSE, which contains SUSE) + 2 SUSE Linux Enterprise.
    expect(count(filter('platform', 'SUSE'))).toBe(5);
  });

  it('tag-key, tag-value and tag:<key> match tags', () => {
    const tagsOf = (i: Cvm3Image) => (i['Tags'] ?? []) as { Key: string; Value: string }[];
    const expected = (pred: (t: { Key: string; Value: string }) => boolean) =>
      [...privateA, ...entries.filter((e) => e.sharedWith.includes(A)).map((e) => e.image)].filter((i) =>
        tagsOf(i).some(pred),
      ).length;
    expect(count(filter('tag-key', 'team'))).toBe(expected((t) => t.Key === 'team'));
    expect(count(filter('tag-value', 'prod'))).toBe(expected((t) => t.Value === 'prod'));
    expect(count(filter('tag:env', 'test'))).toBe(expected((t) => t.Key === 'env' && t.Value === 'test'));
    expect(count(filter('tag:env', 'test'))).toBeGreaterThan(0);
    expect(count(filter('tag:team', 'prod'))).toBe(0);
  });

  it('image-id selects ids; dedicated-cluster-id and cdc-cache-status match nothing', () => {
    expect(ids(all(filter('image-id', publicIds[3]!, someId)))).toEqual([someId, publicIds[3]]);
    expect(count(filter('dedicated-cluster-id', 'cluster-12345678'))).toBe(0);
    expect(count(filter('cdc-cache-status', 'CACHED'))).toBe(0);
  });
});

describe('answers: ImageIds and account isolation', () => {
  it('returns the visible images among the ids; unknown and foreign private ids are absent', () => {
    const foreign = ownIds(B).find((id) => !sharedIds(A).includes(id))!;
    const unknown = 'img-zzzzzzzz';
    const answer = describeA({ ImageIds: [publicIds[0], foreign, unknown, someId, sharedIds(A)[0]] });
    expect(ids(answer.ImageSet)).toEqual([someId, sharedIds(A)[0], publicIds[0]]);
    expect(answer.TotalCount).toBe(3);
    expect(answer.ImageSet[1]?.ImageType).toBe('SHARED_IMAGE');
  });

  it('never shows B the private images A did not share', () => {
    const seenByB = describeImages(DEMO_CATALOGUE, B, { ImageIds: ownIds(A).slice(0, 20) });
    expect(ids(seenByB.ImageSet)).toEqual(
      ownIds(A)
        .slice(0, 20)
        .filter((id) => sharedIds(B).includes(id)),
    );
    const everythingB = describeImages(DEMO_CATALOGUE, B, { Limit: 100 });
    expect(everythingB.TotalCount).toBe(ownIds(B).length + sharedIds(B).length + publicIds.length);
    expect(everythingB.ImageSet.filter((i) => i.ImageCreator === A).every((i) => i.ImageType === 'SHARED_IMAGE')).toBe(
      true,
    );
  });
});

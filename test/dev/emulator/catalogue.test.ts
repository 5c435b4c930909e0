import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../../dev/emulator/accounts.js';
import {
  DEMO_CATALOGUE,
  buildCatalogue,
  defaultCatalogueSpec,
  visibleImages,
} from '../../../dev/emulator/catalogue.js';
import { IMAGE_STATES } from '../../../dev/emulator/image-factory.js';

const A = DEMO_ACCOUNT_A.uin;
const B = DEMO_ACCOUNT_B.uin;
const entries = DEMO_CATALOGUE.images;
const publicEntries = entries.filter((e) => e.owner === null);
const privateOf = (uin: string) => entries.filter((e) => e.owner === uin);
const sharedWith = (uin: string) => entries.filter((e) => e.sharedWith.includes(uin));

/** The legacy document's table, parsed from the verbatim copy (tabs trimmed). */
function legacyTable(): { id: string; name: string }[] {
  const html = readFileSync(new URL('./fixtures/legacy-public-images.html', import.meta.url), 'utf8');
  return [...html.matchAll(/<tr><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => ({
    name: (m[1] ?? '').trim(),
    id: (m[2] ?? '').trim(),
  }));
}

/** `YYYY-MM-DD` of an instant in China Standard Time (UTC+8). */
const chinaDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

describe('public images', () => {
  it('are exactly the legacy table, in its order, names as written', () => {
    const table = legacyTable();
    expect(table).toHaveLength(38);
    expect(publicEntries.map((e) => ({ id: e.image.ImageId, name: e.image.ImageName }))).toEqual(table);
    for (const { image } of publicEntries) expect(image.OsName).toBe(image.ImageName);
    expect(publicEntries.some((e) => e.image.ImageName === 'Windows Server 2012 R2 标准版 64位中文版')).toBe(true);
  });

  it('carry the fields of an official image', () => {
    const platforms = new Set(['CentOS', 'Debian', 'Ubuntu', 'OpenSUSE', 'SUSE', 'FreeBSD', 'CoreOS', 'Windows']);
    for (const { image } of publicEntries) {
      expect(image).toMatchObject({
        ImageType: 'PUBLIC_IMAGE',
        ImageCreator: null,
        ImageState: 'NORMAL',
        ImageSource: 'OFFICIAL',
      });
      expect(platforms.has(image.Platform ?? '')).toBe(true);
      expect(image.Architecture).toBe(image.ImageName.includes('32位') ? 'i386' : 'x86_64');
      expect(image.CreatedTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(image.ImageSize).toBeGreaterThan(0);
    }
    const platformOf = (name: string) => publicEntries.find((e) => e.image.ImageName === name)?.image.Platform;
    expect(platformOf('openSUSE 13.2 64位')).toBe('OpenSUSE');
    expect(platformOf('SUSE Linux Enterprise Server 12 64位')).toBe('SUSE');
    expect(platformOf('Ubuntu Server 12.04 LTS 64位 (Docker)')).toBe('Ubuntu');
  });
});

describe('private and shared images', () => {
  it('give account A more than one 3.0 page (100) of private images, in every state', () => {
    const own = privateOf(A);
    expect(own.length).toBeGreaterThan(100);
    expect(new Set(own.map((e) => e.image.ImageState))).toEqual(new Set(IMAGE_STATES));
    for (const { image } of own) expect(image.ImageCreator).toBe(A);
  });

  it('give account B a smaller, disjoint set in several states', () => {
    const own = privateOf(B);
    expect(own.length).toBeGreaterThan(0);
    expect(own.length).toBeLessThan(privateOf(A).length);
    expect(new Set(own.map((e) => e.image.ImageState)).size).toBeGreaterThanOrEqual(3);
    const idsOfA = new Set(privateOf(A).map((e) => e.image.ImageId));
    expect(own.filter((e) => idsOfA.has(e.image.ImageId))).toEqual([]);
    for (const { image } of own) expect(image.ImageCreator).toBe(B);
  });

  it('share a few images each way, in more than one state', () => {
    for (const [viewer, owner] of [
      [A, B],
      [B, A],
    ] as const) {
      const shared = sharedWith(viewer);
      expect(shared.length).toBeGreaterThanOrEqual(2);
      expect(shared.every((e) => e.owner === owner)).toBe(true);
      expect(new Set(shared.map((e) => e.image.ImageState)).size).toBeGreaterThan(1);
    }
  });

  it('mix null, `Z` and `+00:00` times, some of them on another date in UTC+8', () => {
    const times = privateOf(A).map((e) => e.image.CreatedTime);
    expect(times).toContain(null);
    const present = times.filter((t): t is string => t !== null);
    expect(present.some((t) => /T\d{2}:\d{2}:\d{2}Z$/.test(t))).toBe(true);
    expect(present.some((t) => /T\d{2}:\d{2}:\d{2}\+00:00$/.test(t))).toBe(true);
    expect(present.some((t) => chinaDate(t) !== t.slice(0, 10))).toBe(true);
    expect(present.some((t) => chinaDate(t) === t.slice(0, 10))).toBe(true);
  });

  it('give a few images tags', () => {
    const tagged = privateOf(A).filter(
      (e) => Array.isArray(e.image['Tags']) && (e.image['Tags'] as unknown[]).length > 0,
    );
    expect(tagged.length).toBeGreaterThan(0);
  });
});

describe('image ids', () => {
  it('are img- + 8 of [a-z0-9], unique across the catalogue', () => {
    const ids = entries.map((e) => e.image.ImageId);
    for (const id of ids) expect(id).toMatch(/^img-[a-z0-9]{8}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('are the same on every build (no randomness)', () => {
    const again = buildCatalogue(defaultCatalogueSpec([A, B]));
    expect(again).toEqual(DEMO_CATALOGUE);
  });
});

describe('buildCatalogue', () => {
  it('takes the number of private images per account as a parameter (e.g. 500 for a benchmark)', () => {
    const catalogue = buildCatalogue({ accounts: [{ uin: '100000000500', privateCount: 500 }] });
    const own = catalogue.images.filter((e) => e.owner === '100000000500');
    expect(own).toHaveLength(500);
    expect(new Set(catalogue.images.map((e) => e.image.ImageId)).size).toBe(538);
  });

  it('is frozen, so no request can change it', () => {
    const first = entries[0]!;
    expect(Object.isFrozen(first.image)).toBe(true);
    expect(() => {
      (first.image as { ImageName: string }).ImageName = 'changed';
    }).toThrow(TypeError);
  });
});

describe('visibleImages', () => {
  it('lists own private, then shared, then public images', () => {
    const seen = visibleImages(DEMO_CATALOGUE, A);
    const own = privateOf(A).length;
    const shared = sharedWith(A).length;
    expect(seen).toHaveLength(own + shared + publicEntries.length);
    expect(seen.slice(0, own).every((i) => i.ImageType === 'PRIVATE_IMAGE')).toBe(true);
    expect(seen.slice(own, own + shared).every((i) => i.ImageType === 'SHARED_IMAGE' && i.ImageCreator === B)).toBe(
      true,
    );
    expect(seen.slice(own + shared).map((i) => i.ImageId)).toEqual(publicEntries.map((e) => e.image.ImageId));
  });

  it('shows an image shared by A to B as B-shared and A-private', () => {
    const entry = sharedWith(B)[0]!;
    const byId = (uin: string) => visibleImages(DEMO_CATALOGUE, uin).find((i) => i.ImageId === entry.image.ImageId);
    expect(byId(A)?.ImageType).toBe('PRIVATE_IMAGE');
    expect(byId(B)?.ImageType).toBe('SHARED_IMAGE');
    expect(byId(B)?.ImageCreator).toBe(A);
  });

  it('shows an unknown account only the public images', () => {
    expect(visibleImages(DEMO_CATALOGUE, '999').map((i) => i.ImageType)).toEqual(
      publicEntries.map(() => 'PUBLIC_IMAGE'),
    );
  });
});

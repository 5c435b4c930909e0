/** Deterministic image records: the hash against FNV-1a's published vectors, ids, times, states, platforms. */
import { describe, expect, it } from 'vitest';
import {
  IMAGE_STATES,
  fnv1a,
  imageIdFor,
  isoUtc,
  platformOf,
  privateImage,
  publicImage,
  stateOfPrivateImage,
} from '../../../dev/emulator/image-factory.js';

describe('fnv1a (32 bits)', () => {
  // The FNV reference test vectors (Noll, "FNV-1a 32 bit").
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('%j → %i', (text, hash) => {
    expect(fnv1a(text)).toBe(hash);
  });
});

describe('imageIdFor', () => {
  it('is img- and 8 of [a-z0-9], the same for the same seed, different for others', () => {
    const ids = Array.from({ length: 500 }, (_, i) => imageIdFor(`seed/${i}`));
    expect(ids.every((id) => /^img-[a-z0-9]{8}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(500);
    expect(imageIdFor('seed/7')).toBe(ids[7]);
  });
});

describe('isoUtc', () => {
  it("writes 3.0's two UTC forms without milliseconds", () => {
    const ms = Date.UTC(2024, 5, 30, 23, 30, 5, 678);
    expect(isoUtc(ms)).toBe('2024-06-30T23:30:05Z');
    expect(isoUtc(ms, '+00:00')).toBe('2024-06-30T23:30:05+00:00');
  });
});

describe('stateOfPrivateImage', () => {
  it('goes through every 3.0 state within any ten consecutive images', () => {
    for (const start of [0, 3, 17]) {
      const states = new Set(Array.from({ length: 10 }, (_, i) => stateOfPrivateImage(start + i)));
      expect([...states].sort()).toEqual([...IMAGE_STATES].sort());
    }
  });
});

describe('platformOf', () => {
  it.each([
    ['CentOS 7.2 64位', 'CentOS'],
    ['openSUSE 13.2 64位', 'OpenSUSE'],
    ['SUSE Linux Enterprise Server 12 64位', 'SUSE'],
    ['Windows Server 2012 R2 标准版 64位英文版', 'Windows'],
    ['Ubuntu Server 14.04.1 LTS 32位', 'Ubuntu'],
    ['Plan 9', 'Other'],
  ])('%s → %s', (name, platform) => {
    expect(platformOf(name)).toBe(platform);
  });
});

describe('images', () => {
  it("a public image has no creator and the legacy table's name as name and OS", () => {
    expect(publicImage('img-31tjrtph', 'CentOS 7.2 64位', 0)).toMatchObject({
      ImageId: 'img-31tjrtph',
      ImageName: 'CentOS 7.2 64位',
      OsName: 'CentOS 7.2 64位',
      ImageType: 'PUBLIC_IMAGE',
      ImageState: 'NORMAL',
      ImageCreator: null,
      Platform: 'CentOS',
    });
  });

  it("a private image is its owner's, in the state of its index, the same on every call", () => {
    const image = privateImage('100000000001', 8, 'img-aaaaaaaa');
    expect(image).toMatchObject({
      ImageId: 'img-aaaaaaaa',
      ImageType: 'PRIVATE_IMAGE',
      ImageCreator: '100000000001',
      ImageState: stateOfPrivateImage(8),
    });
    expect(privateImage('100000000001', 8, 'img-aaaaaaaa')).toEqual(image);
    expect(privateImage('100000000001', 4, 'img-bbbbbbbb').CreatedTime).toBeNull();
  });
});

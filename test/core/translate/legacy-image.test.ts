/** One 3.0 image as a legacy imageSet item, or null when legacy clients do not see it (B.5, B.8). */
import { describe, expect, it } from 'vitest';
import type { Cvm3Image } from '../../../src/core/cvm3/types.js';
import { toLegacyImage } from '../../../src/core/translate/legacy-image.js';

const image = (over: Partial<Cvm3Image>): Cvm3Image => ({
  ImageId: 'img-aaaaaaaa',
  OsName: 'CentOS 7.2 64位',
  ImageType: 'PRIVATE_IMAGE',
  CreatedTime: '2014-09-27T02:11:00Z',
  ImageName: 'test',
  ImageDescription: 'desc',
  ImageState: 'NORMAL',
  ImageCreator: '1000',
  ...over,
});

describe('a 3.0 image as a legacy item (B.5, B.8)', () => {
  it('maps every field, creator twice', () => {
    expect(toLegacyImage(image({}))).toEqual({
      unImgId: 'img-aaaaaaaa',
      imageName: 'test',
      imageDescription: 'desc',
      osName: 'CentOS 7.2 64位',
      imageType: 1,
      createTime: '2014-09-27 10:11:00',
      creator: '1000',
      createor: '1000',
      status: 2,
    });
  });

  it.each([
    ['CREATING', 1],
    ['IMPORTING', 1],
    ['NORMAL', 2],
    ['USING', 3],
    ['SYNCING', 4],
  ])('state %s is status %i', (ImageState, status) => {
    expect(toLegacyImage(image({ ImageState }))?.status).toBe(status);
  });

  it.each(['CREATEFAILED', 'IMPORTFAILED', 'DELETING', 'constructor', ''])('state %j is invisible', (ImageState) => {
    expect(toLegacyImage(image({ ImageState }))).toBeNull();
  });

  it.each([
    ['PRIVATE_IMAGE', 1],
    ['PUBLIC_IMAGE', 2],
    ['SHARED_IMAGE', 4],
  ])('type %s is imageType %i', (ImageType, legacy) => {
    expect(toLegacyImage(image({ ImageType }))?.imageType).toBe(legacy);
  });

  it('gives strings for string fields, whatever 3.0 sent', () => {
    const odd = image({
      ImageName: 123 as unknown as string,
      OsName: undefined as unknown as string,
      ImageCreator: 7 as unknown as string,
    });
    expect(toLegacyImage(odd)).toMatchObject({ imageName: '123', osName: '', creator: '7', createor: '7' });
  });

  it('hides a type with no legacy number, and reads a null creator as ""', () => {
    expect(toLegacyImage(image({ ImageType: 'MARKET_IMAGE' }))).toBeNull();
    expect(toLegacyImage(image({ ImageCreator: null, CreatedTime: null }))).toMatchObject({
      creator: '',
      createor: '',
      createTime: '',
    });
  });
});

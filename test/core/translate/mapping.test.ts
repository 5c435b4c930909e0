import { describe, expect, it } from 'vitest';
import type { Cvm3Image } from '../../../src/core/cvm3/types.js';
import { toChinaStandardTime } from '../../../src/core/translate/china-time.js';
import { toLegacyImage } from '../../../src/core/translate/legacy-image.js';
import { legacyCodeFor, fromCvm3Error } from '../../../src/core/translate/upstream-errors.js';

const image = (over: Partial<Cvm3Image>): Cvm3Image => ({
  ImageId: 'img-aaaaaaaa', OsName: 'CentOS 7.2 64位', ImageType: 'PRIVATE_IMAGE', CreatedTime: '2014-09-27T02:11:00Z',
  ImageName: 'test', ImageDescription: 'desc', ImageState: 'NORMAL', ImageCreator: '1000', ...over,
});

describe('createTime in China Standard Time (B.8)', () => {
  it.each([
    ['2014-09-27T02:11:00Z', '2014-09-27 10:11:00'],
    ['2014-09-27T02:11:00+00:00', '2014-09-27 10:11:00'],
    ['2019-12-31T16:30:05Z', '2020-01-01 00:30:05'],
    ['2020-02-28T20:00:00.123Z', '2020-02-29 04:00:00'],
    ['2020-06-01T08:00:00+08:00', '2020-06-01 08:00:00'],
    ['2020-01-01T10:00:00', '2020-01-01 18:00:00'],
    ['2020-01-01 10:00:00', '2020-01-01 18:00:00'],
    [null, ''],
    [12345, ''],
    ['', ''],
    ['not a time', ''],
  ])('%s → %j', (iso, expected) => {
    expect(toChinaStandardTime(iso)).toBe(expected);
  });
});

describe('a 3.0 image as a legacy item (B.5, B.8)', () => {
  it('maps every field, creator twice', () => {
    expect(toLegacyImage(image({}))).toEqual({
      unImgId: 'img-aaaaaaaa', imageName: 'test', imageDescription: 'desc', osName: 'CentOS 7.2 64位', imageType: 1,
      createTime: '2014-09-27 10:11:00', creator: '1000', createor: '1000', status: 2,
    });
  });

  it.each([
    ['CREATING', 1], ['IMPORTING', 1], ['NORMAL', 2], ['USING', 3], ['SYNCING', 4],
  ])('state %s is status %i', (ImageState, status) => {
    expect(toLegacyImage(image({ ImageState }))?.status).toBe(status);
  });

  it.each(['CREATEFAILED', 'IMPORTFAILED', 'DELETING', 'constructor', ''])('state %j is invisible', (ImageState) => {
    expect(toLegacyImage(image({ ImageState }))).toBeNull();
  });

  it.each([['PRIVATE_IMAGE', 1], ['PUBLIC_IMAGE', 2], ['SHARED_IMAGE', 4]])('type %s is imageType %i', (ImageType, legacy) => {
    expect(toLegacyImage(image({ ImageType }))?.imageType).toBe(legacy);
  });

  it('gives strings for string fields, whatever 3.0 sent', () => {
    const odd = image({ ImageName: 123 as unknown as string, OsName: undefined as unknown as string, ImageCreator: 7 as unknown as string });
    expect(toLegacyImage(odd)).toMatchObject({ imageName: '123', osName: '', creator: '7', createor: '7' });
  });

  it('hides a type with no legacy number, and reads a null creator as ""', () => {
    expect(toLegacyImage(image({ ImageType: 'MARKET_IMAGE' }))).toBeNull();
    expect(toLegacyImage(image({ ImageCreator: null, CreatedTime: null }))).toMatchObject({ creator: '', createor: '', createTime: '' });
  });
});

describe('3.0 error codes as legacy codes (B.10)', () => {
  it.each([
    ['AuthFailure.SignatureFailure', 4100], ['AuthFailure.InvalidAuthorization', 4100], ['AuthFailure.InvalidSecretId', 4100],
    ['AuthFailure.SecretIdNotFound', 4104], ['AuthFailure.TokenFailure', 4105],
    ['AuthFailure.UnauthorizedOperation', 4101], ['UnauthorizedOperation', 4101], ['UnauthorizedOperation.PermissionDenied', 4101],
    ['AuthFailure.SignatureExpire', 4200], ['AuthFailure.MFAFailure', 4100],
    ['InvalidParameter', 4000], ['InvalidParameter.InvalidParameterCoexistImageIdsFilters', 4000],
    ['InvalidParameterValue', 4000], ['InvalidParameterValue.InvalidParameterValueLimit', 4000],
    ['InvalidFilter', 4000], ['InvalidFilterValue.LimitExceeded', 4000], ['InvalidImageId.Malformed', 4000],
    ['MissingParameter', 4000], ['UnknownParameter', 4000], ['InvalidRegion.NotFound', 4000], ['UnsupportedRegion', 4000],
    ['RequestLimitExceeded', 4400], ['RequestLimitExceeded.UinLimitExceeded', 4400], ['LimitExceeded', 4400],
    ['ResourceNotFound', 5000], ['ResourceNotFound.Image', 5000], ['FailedOperation', 5100], ['FailedOperation.X', 5100],
    ['InternalError', 6000], ['InternalError.Timeout', 6000],
    ['InvalidAction', 6100], ['NoSuchVersion', 6100], ['ActionOffline', 6100],
    ['ServiceUnavailable', 6200], ['ResourceUnavailable', 6200],
    ['SomethingNew', 5100], ['Invalid', 5100],
  ])('%s → %i', (code, legacy) => {
    expect(legacyCodeFor(code)).toBe(legacy);
  });

  it('keeps the 3.0 code and RequestId in the message and codeDesc', () => {
    const error = fromCvm3Error('InvalidFilter', 'filter bad', 'req-1');
    expect(error).toMatchObject({ code: 4000, codeDesc: 'InvalidFilter', message: '(InvalidFilter) filter bad [RequestId req-1]', upstreamRequestId: 'req-1' });
  });
});

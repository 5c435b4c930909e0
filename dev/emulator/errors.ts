/**
 * The 3.0 error codes the emulator answers with, and the one error class that carries them.
 * Sources: docs/contract.md#err-3 common codes (cloud.tencent.com/document/product/213/30435, the same table on every
 * 3.0 product's "Error Codes" page); docs/contract.md#go-sdk tencentcloud/cvm/v20170312/errors.go and the
 * DescribeImages comment in client.go, which lists the codes that action may return.
 */
export const ERROR_CODE = {
  // docs/contract.md#err-3 common codes.
  invalidAuthorization: 'AuthFailure.InvalidAuthorization',
  secretIdNotFound: 'AuthFailure.SecretIdNotFound',
  signatureExpire: 'AuthFailure.SignatureExpire',
  signatureFailure: 'AuthFailure.SignatureFailure',
  tokenFailure: 'AuthFailure.TokenFailure',
  unauthorizedOperation: 'AuthFailure.UnauthorizedOperation',
  invalidAction: 'InvalidAction',
  noSuchVersion: 'NoSuchVersion',
  requestLimitExceeded: 'RequestLimitExceeded',
  missingParameter: 'MissingParameter',
  unknownParameter: 'UnknownParameter',
  invalidParameter: 'InvalidParameter',
  invalidParameterValue: 'InvalidParameterValue',
  internalError: 'InternalError',
  // errors.go, INVALIDREGION_NOTFOUND ("未找到该区域").
  invalidRegion: 'InvalidRegion.NotFound',
  // client.go, DescribeImages "可能返回的错误码".
  invalidFilter: 'InvalidFilter',
  filterLimitExceeded: 'InvalidFilterValue.LimitExceeded',
  imageIdMalformed: 'InvalidImageId.Malformed',
  instanceTypeMalformed: 'InvalidInstanceType.Malformed',
  coexistImageIdsFilters: 'InvalidParameter.InvalidParameterCoexistImageIdsFilters',
  parameterValueLimit: 'InvalidParameterValue.InvalidParameterValueLimit',
} as const;

export type Cvm3ErrorCode = (typeof ERROR_CODE)[keyof typeof ERROR_CODE];

/** A 3.0 error: turned into `{"Response":{"Error":{Code,Message},RequestId}}` in one place (app.ts). */
export class Cvm3Error extends Error {
  override readonly name = 'Cvm3Error';

  constructor(
    readonly code: Cvm3ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

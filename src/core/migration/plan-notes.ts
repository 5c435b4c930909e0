/**
 * The plan's notes: what changes for a caller that moves from the legacy answer to 3.0's, each in
 * a sentence, written from the contract's tables (docs/contract.md#b4, #b5, #b8, #b10).
 */
import { CVM3_MAX_LIMIT } from '../cvm3/types.js';
import type { DescribeImagesQuery } from '../legacy/describe-images-query.js';
import type { LegacyParams } from '../legacy/params.js';
import { CVM3_IMAGE_TYPE, LEGACY_STATUS } from '../translate/tables.js';
import { LEGACY_FIELD_SOURCES } from './field-names.js';
import type { PlanNote } from './plan-types.js';

const SIGNATURE: PlanNote = {
  topic: 'signature',
  text: 'Call cvm.tencentcloudapi.com, signed with TC3-HMAC-SHA256: the SDK and tccli sign for you with the same key pair.',
};
const ERRORS: PlanNote = {
  topic: 'errors',
  text: 'Errors come as Response.Error.Code strings (AuthFailure.SignatureFailure, InvalidParameterValue, RequestLimitExceeded, …), not numeric codes; the SDK throws them (err.code).',
};

function commonNotes(params: LegacyParams, region: string): PlanNote[] {
  const notes: PlanNote[] = [SIGNATURE];
  const asSent = params.get('Region');
  if (asSent !== undefined && asSent !== region)
    notes.push({ topic: 'region', text: `Region is the 3.0 name ${region} (the legacy call said ${asSent}).` });
  if (params.byName.has('Token'))
    notes.push({
      topic: 'token',
      text: 'Temporary credentials: pass the Token with the key pair (credential.token, or --token for tccli).',
    });
  return notes;
}

export function translatedNotes(query: DescribeImagesQuery, params: LegacyParams): PlanNote[] {
  const renamed = LEGACY_FIELD_SOURCES.map(([legacy, cvm3]) => `${legacy} → ${cvm3}`).join(', ');
  const types = Object.entries(CVM3_IMAGE_TYPE)
    .map(([n, t]) => `${n} ${t}`)
    .join(', ');
  const statuses = [1, 2, 3, 4]
    .map(
      (s) =>
        `${s} ${Object.keys(LEGACY_STATUS)
          .filter((state) => LEGACY_STATUS[state] === s)
          .join('/')}`,
    )
    .join(', ');
  const notes = commonNotes(params, query.region);
  notes.push(
    {
      topic: 'fields',
      text: `Fields are 3.0's: ${renamed}; 3.0 adds more (Platform, Architecture, ImageSize, Tags, …).`,
    },
    {
      topic: 'time',
      text: 'CreatedTime is ISO 8601 in UTC (2024-05-01T02:03:04Z, or +00:00), and may be null; createTime was China Standard Time (UTC+8) as YYYY-MM-DD HH:mm:ss.',
    },
    {
      topic: 'type',
      text: `ImageType is a name where imageType was a number: ${types}. 3.0 has no service-market images (imageType=3).`,
    },
    { topic: 'status', text: `ImageState is a name where status was a number: ${statuses}; nothing is status 5.` },
    {
      topic: 'count',
      text: `TotalCount counts every image 3.0 matched, in every state; a page holds at most ${CVM3_MAX_LIMIT} (Limit), and may hold fewer.`,
    },
    ERRORS,
  );
  if (query.imageIds.length === 0 && query.status === 0) {
    notes.push({
      topic: 'shortcut',
      text: `If no image of this type is ever in a state legacy clients did not see (CREATEFAILED, IMPORTFAILED), one call with Offset=${query.offset} and Limit=${query.limit} gives the same page, and its TotalCount the same count.`,
    });
  }
  return notes;
}

export function transitionalNotes(params: LegacyParams, region: string): PlanNote[] {
  return [
    ...commonNotes(params, region),
    {
      topic: 'answer',
      text: 'The call already has 3.0 parameters and 3.0 answers: only the host and the signature change.',
    },
    ERRORS,
  ];
}

export function passThroughNotes(action: string, version: string | undefined): PlanNote[] {
  const what =
    version === undefined
      ? `${action} is not translated by this proxy`
      : `${action} with Version=${version} is not a call this proxy translates`;
  return [
    {
      topic: 'answer',
      text: `${what}: the proxy passes it to the legacy API unchanged. Find its API 3.0 counterpart in the CVM 3.0 reference; no plan can be derived here.`,
    },
    SIGNATURE,
  ];
}

export function refusedNotes(code: number, imageType: string | undefined): PlanNote[] {
  if (code === 6100 && imageType === '3') {
    return [
      {
        topic: 'market',
        text: 'Service-market images (imageType=3) have no API 3.0 listing: drop this call, or list the images another way.',
      },
    ];
  }
  return [
    {
      topic: 'answer',
      text: 'The proxy refused this call before any 3.0 call (a bad parameter): fix the call first; the same mistake is an error in 3.0 too.',
    },
  ];
}

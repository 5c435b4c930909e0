/**
 * The 3.0 client built on the official SDK (tencentcloud-sdk-nodejs-cvm), the reference client.
 * One SDK client per configured key pair and region, created on first use and reused: the key
 * pairs are fixed at start-up, so the cache is bounded by key pairs × regions. A call with a
 * caller's temporary Token gets a client of its own, never cached: tokens are unbounded.
 */
import type { Agent } from 'node:http';
import * as tencentcloud from 'tencentcloud-sdk-nodejs-cvm';
import type { Cvm3DescribeImagesResponse } from '../../core/cvm3/types.js';
import { DESCRIBE_IMAGES } from '../../core/cvm3/types.js';
import { fromCvm3Error, upstreamUnavailable } from '../../core/translate/upstream-errors.js';
import type { Cvm3Call, Cvm3Client } from './client.js';
import type { Cvm3Endpoint } from './endpoint.js';
import { asDescribeImagesResponse } from './response-shape.js';

type SdkClient = InstanceType<typeof tencentcloud.cvm.v20170312.Client>;

export interface SdkClientOptions {
  readonly endpoint: Cvm3Endpoint;
  /** A keep-alive agent on Node; absent on Workers, where the platform pools connections. */
  readonly agent?: Agent;
}

export function createSdkCvm3Client({ endpoint, agent }: SdkClientOptions): Cvm3Client {
  const clients = new Map<string, SdkClient>();

  function newClient({ identity, region }: Cvm3Call): SdkClient {
    return new tencentcloud.cvm.v20170312.Client({
      credential: { secretId: identity.secretId, secretKey: identity.secretKey, token: identity.token },
      region,
      profile: { httpProfile: { endpoint: endpoint.host, protocol: endpoint.protocol, ...(agent ? { agent } : {}) } },
    });
  }

  function clientFor(call: Cvm3Call): SdkClient {
    if (call.identity.token) return newClient(call);
    const key = `${call.identity.secretId}\u0000${call.region}`;
    let client = clients.get(key);
    if (!client) {
      client = newClient(call);
      clients.set(key, client);
    }
    return client;
  }

  return {
    async describeImages(call): Promise<Cvm3DescribeImagesResponse> {
      let answer: unknown;
      try {
        answer = await clientFor(call).request(DESCRIBE_IMAGES, call.request, { signal: call.signal });
      } catch (error) {
        throw fromSdkError(error, call.signal);
      }
      return asDescribeImagesResponse(answer);
    },
  };
}

/**
 * The SDK throws `{ code, requestId }` for a 3.0 error and `{ httpCode }` for a bad HTTP status;
 * a body that is not 3.0 JSON surfaces as node-fetch's `invalid-json` or as a TypeError from
 * reading `Response.Error`; anything else is a transport failure. The client is told only the
 * kind of failure (fixed text); the cause, with its details, goes to the log.
 */
const NODE_ERROR_CODE = /^(E[A-Z0-9_]+|ERR_[A-Z0-9_]+|UND_ERR_[A-Z0-9_]+)$/;

function fromSdkError(error: unknown, signal: AbortSignal): Error {
  if (signal.aborted) return upstreamUnavailable('no answer before the deadline', error);
  const fields = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  // A 3.0 error comes as the SDK's own exception with a dotted API code; node-fetch's system
  // errors (a connection reset mid-body) also carry a `code`, such as ECONNRESET: not 3.0's.
  if (typeof fields.code === 'string' && fields.code && !NODE_ERROR_CODE.test(fields.code) && fields.type !== 'system') {
    return fromCvm3Error(fields.code, String(fields.message ?? ''), String(fields.requestId ?? ''));
  }
  if (typeof fields.httpCode === 'number') return upstreamUnavailable(`it answered HTTP ${fields.httpCode}`, error, fields.httpCode >= 500);
  if (error instanceof SyntaxError || error instanceof TypeError || fields.type === 'invalid-json') {
    return upstreamUnavailable('its answer is not API 3.0 JSON', error);
  }
  return upstreamUnavailable('it could not be reached', error, true);
}

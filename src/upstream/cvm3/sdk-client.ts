/**
 * The 3.0 client built on the official SDK (tencentcloud-sdk-nodejs-cvm), the reference client.
 * One SDK client per configured key pair and region, created on first use and reused: the key
 * pairs are fixed at start-up, so the cache is bounded by key pairs × regions. A call with a
 * caller's temporary Token gets a client of its own, never cached: tokens are unbounded.
 *
 * The SDK signs and sends; the answer is read here (docs/reliability.md#what-api-30-may-send):
 * its own reading (node-fetch's `res.json()`) has no size limit, so each SDK client's
 * `parseResponse` is replaced by the same steps with the 16 MB cap. A redirect is never taken
 * as the answer; on Node the agent (no-redirect-agent.ts) keeps it from being followed at all.
 */
import type { Agent } from 'node:http';
import * as tencentcloud from 'tencentcloud-sdk-nodejs-cvm';
import type { Cvm3DescribeImagesResponse } from '../../core/cvm3/types.js';
import { DESCRIBE_IMAGES } from '../../core/cvm3/types.js';
import { fromCvm3Error, upstreamUnavailable } from '../../core/translate/upstream-errors.js';
import type { Cvm3Call, Cvm3Client } from './client.js';
import type { Cvm3Endpoint } from './endpoint.js';
import { discardAnswer, readAnswerText, type AnswerBody } from './answer-body.js';
import { LegacyError } from '../../core/errors.js';
import { asDescribeImagesResponse } from './response-shape.js';

type SdkClient = InstanceType<typeof tencentcloud.cvm.v20170312.Client>;

export interface SdkClientOptions {
  readonly endpoint: Cvm3Endpoint;
  /** A keep-alive agent on Node; absent on Workers, where the platform pools connections. */
  readonly agent?: Agent;
}

/** What the SDK hands its `parseResponse`: node-fetch's Response on Node, the platform's on Workers. */
interface FetchedAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly redirected?: boolean;
  readonly body: AnswerBody;
}

export function createSdkCvm3Client({ endpoint, agent }: SdkClientOptions): Cvm3Client {
  const clients = new Map<string, SdkClient>();

  function newClient({ identity, region }: Cvm3Call): SdkClient {
    const client = new tencentcloud.cvm.v20170312.Client({
      credential: { secretId: identity.secretId, secretKey: identity.secretKey, token: identity.token },
      region,
      profile: { httpProfile: { endpoint: endpoint.host, protocol: endpoint.protocol, ...(agent ? { agent } : {}) } },
    });
    // A private method of the SDK's (abstract_client.js): the one step that reads the answer.
    (client as unknown as { parseResponse(answer: FetchedAnswer): Promise<unknown> }).parseResponse = parseCappedAnswer;
    return client;
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
      // Ended with the call: an answer left unread (refused, or past the cap) lets its connection
      // go instead of holding a pooled socket (node-fetch releases it only at the body's end).
      const done = new AbortController();
      let answer: unknown;
      try {
        answer = await clientFor(call).request(DESCRIBE_IMAGES, call.request, {
          signal: AbortSignal.any([call.signal, done.signal]),
        });
      } catch (error) {
        throw fromSdkError(error, call.signal);
      } finally {
        done.abort();
      }
      return asDescribeImagesResponse(answer);
    },
  };
}

/**
 * The SDK's `parseResponse`, step for step (a status other than 200 is `{ httpCode }`, a 3.0 error
 * is `{ code, requestId }`, a body that is not 3.0 JSON fails to parse or to read `Response`),
 * with the body read under the cap. A followed redirect (the platform's fetch on Workers follows
 * them) is an answer from somewhere else: refused.
 */
async function parseCappedAnswer(answer: FetchedAnswer): Promise<unknown> {
  if (answer.redirected) {
    discardAnswer(answer.body);
    throw Object.assign(new Error('the endpoint redirected the call'), { redirected: true });
  }
  if (answer.status !== 200) {
    discardAnswer(answer.body);
    throw Object.assign(new Error(answer.statusText), { httpCode: answer.status });
  }
  const data = JSON.parse(await readAnswerText(answer.body)) as {
    Response: { Error?: { Code?: unknown; Message?: unknown }; RequestId?: unknown };
  };
  const error = data.Response.Error;
  if (error)
    throw Object.assign(new Error(String(error.Message ?? '')), {
      code: error.Code,
      requestId: data.Response.RequestId,
    });
  return data.Response;
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
  // Already decided while the answer was read (larger than the cap).
  if (error instanceof LegacyError) return error;
  const fields = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  // A 3.0 error comes as the SDK's own exception with a dotted API code; node-fetch's system
  // errors (a connection reset mid-body) also carry a `code`, such as ECONNRESET: not 3.0's.
  if (
    typeof fields.code === 'string' &&
    fields.code &&
    !NODE_ERROR_CODE.test(fields.code) &&
    fields.type !== 'system'
  ) {
    return fromCvm3Error(fields.code, String(fields.message ?? ''), String(fields.requestId ?? ''));
  }
  if (typeof fields.httpCode === 'number')
    return upstreamUnavailable(`it answered HTTP ${fields.httpCode}`, error, fields.httpCode >= 500);
  if (fields.redirected === true) return upstreamUnavailable('it could not be reached', error);
  if (error instanceof SyntaxError || error instanceof TypeError || fields.type === 'invalid-json') {
    return upstreamUnavailable('its answer is not API 3.0 JSON', error);
  }
  return upstreamUnavailable('it could not be reached', error, true);
}

/**
 * The lean 3.0 client for Node: one undici Pool with keep-alive per endpoint, the small TC3
 * signer, and nothing else on the path. Selected with UPSTREAM_CLIENT=undici; the official SDK
 * stays the reference (and the Worker's client), and the contract tests run through both.
 * It throws the same LegacyErrors as the SDK client for the same failures, reads an answer under
 * the same 16 MB cap, and never follows a redirect (Pool.request does not: a 3xx is a 6200).
 */
import { Pool } from 'undici';
import { CVM3_SERVICE, CVM3_VERSION, DESCRIBE_IMAGES } from '../../core/cvm3/types.js';
import { fromCvm3Error, upstreamUnavailable } from '../../core/translate/upstream-errors.js';
import type { Cvm3Client } from './client.js';
import type { Cvm3Endpoint } from './endpoint.js';
import { LegacyError } from '../../core/errors.js';
import { readAnswerText } from './answer-body.js';
import { asDescribeImagesResponse } from './response-shape.js';
import { createTc3Signer } from './tc3-signer.js';

const CONTENT_TYPE = 'application/json';

export interface UndiciClientOptions {
  readonly endpoint: Cvm3Endpoint;
  readonly connections?: number;
  readonly now?: () => number;
}

export function createUndiciCvm3Client({
  endpoint,
  connections = 64,
  now = Date.now,
}: UndiciClientOptions): Cvm3Client & { close(): Promise<void> } {
  const pool = new Pool(endpoint.url, { connections, keepAliveTimeout: 30_000 });
  const sign = createTc3Signer();
  const hostname = new URL(endpoint.url).hostname;

  return {
    async describeImages(call) {
      const body = JSON.stringify(call.request);
      const timestamp = Math.floor(now() / 1000);
      const { identity } = call;
      const headers: Record<string, string> = {
        'content-type': CONTENT_TYPE,
        'x-tc-action': DESCRIBE_IMAGES,
        'x-tc-version': CVM3_VERSION,
        'x-tc-timestamp': String(timestamp),
        'x-tc-region': call.region,
        authorization: sign({
          secretId: identity.secretId,
          secretKey: identity.secretKey,
          service: CVM3_SERVICE,
          hostname,
          contentType: CONTENT_TYPE,
          body,
          timestamp,
        }),
      };
      if (identity.token) headers['x-tc-token'] = identity.token;

      let status: number;
      let text: string;
      try {
        const response = await pool.request({ path: '/', method: 'POST', headers, body, signal: call.signal });
        status = response.statusCode;
        // Whatever the status: an error page is capped too (what is past the cap is not read).
        text = await readAnswerText(response.body);
      } catch (error) {
        if (call.signal.aborted) throw upstreamUnavailable('no answer before the deadline', error);
        if (error instanceof LegacyError) throw error;
        throw upstreamUnavailable('it could not be reached', error, true);
      }
      // The client reads the kind of failure; the log's cause says what came back.
      if (status !== 200)
        throw upstreamUnavailable(
          `it answered HTTP ${status}`,
          new Error(`HTTP ${status}: ${text.slice(0, 200)}`),
          status >= 500,
        );
      let answer: { Response?: { Error?: { Code?: unknown; Message?: unknown }; RequestId?: unknown } };
      try {
        answer = JSON.parse(text);
      } catch (error) {
        throw upstreamUnavailable('its answer is not API 3.0 JSON', error);
      }
      const response = answer?.Response;
      if (typeof response !== 'object' || response === null) {
        throw upstreamUnavailable(
          'its answer is not API 3.0 JSON',
          new Error(`no Response object: ${text.slice(0, 200)}`),
        );
      }
      if (response.Error) {
        throw fromCvm3Error(
          String(response.Error.Code ?? ''),
          String(response.Error.Message ?? ''),
          String(response.RequestId ?? ''),
        );
      }
      return asDescribeImagesResponse(response);
    },
    close: () => pool.close(),
  };
}

/**
 * On Node, a legacy answer written straight to Node's ServerResponse (`c.env.outgoing`, from
 * @hono/node-server): status, two headers and the bytes, with Node counting their length. It skips
 * a Response, a Headers and the adapter's copy of them into Node's headers, which a cache hit
 * otherwise pays for every answer (docs/performance.md#hit-path). The same bytes go out: 200,
 * `content-type: application/json`, the request's `x-request-id`, the JSON. RESPONSE_ALREADY_SENT
 * tells the adapter that the answer is written. Without a ServerResponse (app.request() in tests,
 * Workers) the app answers as before.
 */
import type { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import type { JsonWriter } from '../http/render.js';

export const writeJsonToNode: JsonWriter = (c: Context, json: Uint8Array): Response | undefined => {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (!outgoing || typeof outgoing.setHeader !== 'function' || outgoing.headersSent) return undefined;
  outgoing.statusCode = 200;
  outgoing.setHeader('content-type', 'application/json');
  outgoing.setHeader('x-request-id', c.get('requestId'));
  outgoing.end(json);
  return RESPONSE_ALREADY_SENT;
};

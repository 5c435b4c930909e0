/**
 * The keep-alive agent of the SDK client on Node, which also keeps node-fetch (inside the SDK)
 * from following redirects: the SDK gives no way to pass `redirect: 'manual'`, and a followed 307
 * re-sends the signed call, X-TC-Token included, to whatever host the Location names. node-fetch
 * follows only a Location it can read, so a redirect's Location is removed as the response
 * arrives, before node-fetch sees it; the SDK then meets the 3xx status itself, a 6200
 * (docs/contract.md#ours-upstream-errors, docs/reliability.md#what-api-30-may-send).
 * Node only: on Workers the SDK runs over the platform's fetch and no agent is used.
 */
import { Agent as HttpAgent, type AgentOptions, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Cvm3Endpoint } from './endpoint.js';

/** The statuses node-fetch follows (node-fetch 2, `fetch.isRedirect`). */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** `addRequest` is how an agent is given each request (agent-base and the proxy agents hook it too). */
type AddRequest = (request: ClientRequest, options: unknown) => void;

export function createNoRedirectAgent(protocol: Cvm3Endpoint['protocol'], options: AgentOptions): HttpAgent {
  const agent = protocol === 'https://' ? new HttpsAgent(options) : new HttpAgent(options);
  const internal = agent as unknown as { addRequest: AddRequest };
  const addRequest = internal.addRequest.bind(agent);
  internal.addRequest = (request, requestOptions) => {
    // First among the response's listeners: node-fetch's own is added after the agent is given the request.
    request.prependListener('response', (response: IncomingMessage) => {
      if (REDIRECTS.has(response.statusCode ?? 0)) delete response.headers.location;
    });
    addRequest(request, requestOptions);
  };
  return agent;
}

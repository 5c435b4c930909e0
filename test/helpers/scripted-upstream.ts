/**
 * An HTTP server that answers every request with one scripted reply: for the 3.0 answers the
 * emulator never gives on its own (ResourceNotFound, InternalError, an HTML error page, a
 * truncated body, a 500). The official SDK talks to it over a real socket, so its parsing of
 * each reply is part of what is tested.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedReply {
  status?: number;
  contentType?: string;
  body: string;
}

export function cvm3Error(code: string, message = 'scripted', requestId = 'req-scripted-1'): ScriptedReply {
  return { body: JSON.stringify({ Response: { Error: { Code: code, Message: message }, RequestId: requestId } }) };
}

/** One reply for every request, or a reply chosen from the request's 3.0 headers (e.g. by region). */
export async function startScriptedUpstream(
  script: ScriptedReply | ((headers: IncomingHttpHeaders) => ScriptedReply),
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const reply = typeof script === 'function' ? script(request.headers) : script;
      response.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'application/json' });
      response.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

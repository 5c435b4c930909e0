/**
 * The proxy as a Node HTTP server: the official SDK over a keep-alive agent as the 3.0 client,
 * pino to stdout. Used by `npm start`, the demo and the end-to-end tests.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { ProxyConfig } from './config.js';
import { answerClientError } from './http/client-error.js';
import { createLogger, type Logger } from './logger.js';
import { createProxyApp } from './proxy.js';
import type { Cvm3Client } from './upstream/cvm3-client.js';
import { createSdkCvm3Client } from './upstream/sdk-client.js';
import { createUndiciCvm3Client } from './upstream/undici-client.js';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** Stops at once: open connections are cut. */
  close(): Promise<void>;
  /**
   * Graceful stop: no new connections, /healthz answers 503, requests in flight finish; whatever
   * is still open after `graceMs` is cut. Resolves with how many requests were cut.
   */
  shutdown(graceMs: number): Promise<number>;
}

export function startProxyServer(config: ProxyConfig, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const upstream = createUpstream(config);
  let draining = false;
  let inFlight = 0;
  const app = createProxyApp(config, {
    cvm: upstream.client,
    logger,
    isDraining: () => draining,
  });
  const fetch = async (request: Request, env: unknown) => {
    inFlight += 1;
    try {
      return await app.fetch(request, env);
    } finally {
      inFlight -= 1;
    }
  };
  // A client that dribbles its request holds only its own connection, and only until CLIENT_TIMEOUT_MS.
  const serverOptions = {
    requestTimeout: config.clientTimeoutMs,
    headersTimeout: config.clientTimeoutMs,
    connectionsCheckingInterval: Math.min(1_000, config.clientTimeoutMs),
  };
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: config.port, hostname: config.host, serverOptions }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      const closed = new Promise<void>((done) => server.once('close', () => done()));
      const cut = () => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        upstream.close();
      };
      resolve({
        url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${info.port}`,
        port: info.port,
        close: async () => {
          server.close();
          cut();
          await closed;
        },
        async shutdown(graceMs) {
          draining = true;
          server.close();
          const deadline = Date.now() + graceMs;
          // Keep-alive connections that fall idle after their last answer are closed as they do.
          while (inFlight > 0 && Date.now() < deadline) {
            if ('closeIdleConnections' in server) server.closeIdleConnections();
            await new Promise((wait) => setTimeout(wait, 50));
          }
          const cutRequests = inFlight;
          cut();
          await closed;
          return cutRequests;
        },
      });
    });
    server.on('clientError', answerClientError);
    server.once('error', reject);
  });
}

/** The configured 3.0 client, with what closes its connections. */
function createUpstream(config: ProxyConfig): { client: Cvm3Client; close(): void } {
  if (config.upstreamClient === 'undici') {
    const client = createUndiciCvm3Client({ endpoint: config.cvmEndpoint });
    return { client, close: () => void client.close().catch(() => {}) };
  }
  const agentOptions = { keepAlive: true, maxSockets: 64 };
  const agent = config.cvmEndpoint.protocol === 'https://' ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  return { client: createSdkCvm3Client({ endpoint: config.cvmEndpoint, agent }), close: () => agent.destroy() };
}

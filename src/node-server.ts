/**
 * The proxy as a Node HTTP server: the official SDK over a keep-alive agent as the 3.0 client,
 * pino to stdout. Used by `npm start`, the demo and the end-to-end tests.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { ProxyConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { createProxyApp } from './proxy.js';
import { createSdkCvm3Client } from './upstream/sdk-client.js';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export function startProxyServer(config: ProxyConfig, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const agentOptions = { keepAlive: true, maxSockets: 64 };
  const agent = config.cvmEndpoint.protocol === 'https://' ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  const app = createProxyApp(config, { cvm: createSdkCvm3Client({ endpoint: config.cvmEndpoint, agent }), logger });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            agent.destroy();
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}

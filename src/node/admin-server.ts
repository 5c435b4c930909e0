/**
 * The admin listener (ADMIN_HOST:ADMIN_PORT): plain HTTP, its own server, apart from the public
 * ones, so that what it serves can never be reached through PORT, TLS_PORT or a CONNECT tunnel
 * (docs/operations.md#admin-listener). It stays open through a drain, so /readyz can say so.
 */
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { listen } from './listen.js';

/** A scraper or a probe asks and reads at once: a connection that dawdles longer is cut. */
const ADMIN_REQUEST_TIMEOUT_MS = 10_000;

export interface AdminServer {
  readonly url: string;
  readonly port: number;
  /** Stops listening and cuts its connections. */
  close(): Promise<void>;
}

export async function startAdminServer(
  app: Hono,
  address: { readonly host: string; readonly port: number },
): Promise<AdminServer> {
  const server = createServer(
    { requestTimeout: ADMIN_REQUEST_TIMEOUT_MS, headersTimeout: ADMIN_REQUEST_TIMEOUT_MS },
    getRequestListener(app.fetch),
  );
  const closed = new Promise<void>((done) => server.once('close', () => done()));
  const hostPort = await listen(server, address.port, address.host);
  return {
    url: `http://${hostPort}`,
    port: Number(hostPort.split(':').pop()),
    async close() {
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}

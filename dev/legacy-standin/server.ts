/**
 * The stand-in on a real socket (Node), with `@hono/node-server`. Port 0 picks a free port, so
 * tests can run many side by side; the controls come back with the server.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { LEGACY_PATH } from '../../src/core/legacy/endpoint.js';
import { createLegacyStandin, type LegacyStandinOptions } from './app.js';
import { createLegacyStandinControls, type LegacyStandinControls } from './controls.js';

export interface LegacyStandinServerOptions extends Omit<LegacyStandinOptions, 'controls'> {
  /** Default 0: an ephemeral port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly hostname?: string;
}

export interface LegacyStandinServer extends Omit<LegacyStandinControls, 'record'> {
  /** e.g. `http://127.0.0.1:9100` (no trailing slash). */
  readonly url: string;
  /** `url` + `/v2/index.php`: where legacy requests go. */
  readonly endpoint: string;
  readonly port: number;
  /** The Host a client addresses, and so signs: `127.0.0.1:9100`. */
  readonly host: string;
  /** Closes every connection, hanging ones included. */
  close(): Promise<void>;
}

export const DEFAULT_STANDIN_HOSTNAME = '127.0.0.1';

export function startLegacyStandin(options: LegacyStandinServerOptions = {}): Promise<LegacyStandinServer> {
  const { port = 0, hostname = DEFAULT_STANDIN_HOSTNAME, ...appOptions } = options;
  const controls = createLegacyStandinControls();
  const app = createLegacyStandin({ ...appOptions, controls });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      server.off('error', reject);
      const host = `${hostname.includes(':') ? `[${hostname}]` : hostname}:${info.port}`;
      const url = `http://${host}`;
      resolve({
        url,
        endpoint: `${url}${LEGACY_PATH}`,
        port: info.port,
        host,
        disagree: controls.disagree,
        fail: controls.fail,
        get disagreeMode() {
          return controls.disagreeMode;
        },
        get failMode() {
          return controls.failMode;
        },
        received: controls.received,
        clearReceived: controls.clearReceived,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            // Keep-alive sockets, and requests held by the `hang` mode, would otherwise hold close() open.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}

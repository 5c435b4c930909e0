/**
 * The emulator on a real socket (Node), with `@hono/node-server`. Port 0 picks a free port, so
 * tests can run many emulators side by side.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { createEmulator } from './app.js';
import { createFaultSwitch, type FaultSwitch } from './faults.js';
import type { Emulator, EmulatorOptions } from './app.js';

export interface EmulatorServerOptions extends EmulatorOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  hostname?: string;
}

export interface EmulatorServer {
  /** e.g. `http://127.0.0.1:9000` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly emulator: Emulator;
  /** Fault injection in front of the API; off until a plan is set. */
  readonly faults: FaultSwitch;
  close(): Promise<void>;
}

export const DEFAULT_EMULATOR_HOSTNAME = '127.0.0.1';

export function startEmulatorServer(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const { port = 0, hostname = DEFAULT_EMULATOR_HOSTNAME, ...emulatorOptions } = options;
  const emulator = createEmulator(emulatorOptions);
  const faults = createFaultSwitch();
  // The emulator app whole (its own 404s included), behind the fault layer.
  const app = new Hono().use(faults.middleware).all('*', (c) => emulator.app.fetch(c.req.raw, c.env));
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      server.off('error', reject);
      const host = hostname.includes(':') ? `[${hostname}]` : hostname;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        emulator,
        faults,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            // Keep-alive sockets of clients (the SDK's agent) would otherwise hold close() open.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}

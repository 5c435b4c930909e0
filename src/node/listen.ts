/** Listening, for every listener of the Node server (public, TLS, admin). */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens, and resolves with `host:port` as a client on this machine reaches it. */
export function listen(server: Server, port: number, hostname: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      const info = server.address() as AddressInfo;
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve(`${host === '0.0.0.0' ? '127.0.0.1' : host}:${info.port}`);
    });
  });
}
